import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Customer } from './customer';
import { ImportedOrder } from './imported-order';
import { moneyColumn } from './money-columns';
import type { DocumentAddress } from '../../domain/document-address';
import type { TotalsReconciliation } from '../../domain/totals-reconciliation';

export const SALES_DOCUMENT_TYPES = ['order', 'invoice', 'credit_memo'] as const;
export type SalesDocumentType = (typeof SALES_DOCUMENT_TYPES)[number];

export const SALES_DOCUMENT_STATUSES = ['open', 'released'] as const;
export type SalesDocumentStatus = (typeof SALES_DOCUMENT_STATUSES)[number];

/**
 * An ERP sales document. For a Shopify order there is at most one order-or-invoice per
 * (store, Shopify order id): a partial unique index makes a second one impossible, whatever
 * retries or duplicate triggers happen. Credit memos (one per refund) are not bound by it.
 */
export const SalesHeader = defineEntity({
  name: 'SalesHeader',
  tableName: 'sales_header',
  properties: {
    id: p.integer().primary().autoincrement(),
    documentType: p.enum([...SALES_DOCUMENT_TYPES]),
    no: p.string().length(20),
    status: p.enum([...SALES_DOCUMENT_STATUSES]).default('open'),
    sellToCustomerNo: p.manyToOne(Customer).mapToPk().joinColumn('sell_to_customer_no'),
    billToCustomerNo: p.manyToOne(Customer).mapToPk().joinColumn('bill_to_customer_no'),
    sellToAddress: p.json<DocumentAddress>(),
    billToAddress: p.json<DocumentAddress>(),
    shipToAddress: p.json<DocumentAddress | null>().nullable(),
    email: p.string().length(255).nullable(),
    phone: p.string().length(50).nullable(),
    /** Null = local currency (LCY). */
    currencyCode: p.string().length(10).nullable(),
    /** Which Shopify money bag the amounts came from, frozen at creation. */
    currencyHandling: p.string().length(20),
    /** LCY per unit of the document currency on the document date; 1 for LCY. */
    exchangeRateLcyPerUnit: p.decimal().precision(20).scale(10).default('1'),
    pricesIncludingTax: p.boolean().default(false),
    shipmentMethodCode: p.string().length(10).nullable(),
    /** From the shipment method mapping; a shipment posted without an agent takes this one. */
    shippingAgentCode: p.string().length(10).nullable(),
    shippingAgentServiceCode: p.string().length(10).nullable(),
    taxAreaCode: p.string().length(20).nullable(),
    taxRatePercent: p.decimal().precision(9).scale(4).default('0'),
    externalDocumentNo: p.string().length(50).nullable(),
    documentDate: p.date(),
    workDescription: p.text().nullable(),
    store: p.string().length(255).nullable(),
    shopifyOrderId: p.string().length(100).nullable(),
    shopifyOrderName: p.string().length(50).nullable(),
    /** For credit memos: the refund they come from. */
    shopifyRefundId: p.string().length(100).nullable(),
    importedOrderId: p
      .manyToOne(ImportedOrder)
      .mapToPk()
      .joinColumn('imported_order_id')
      .nullable()
      .deleteRule('set null'),
    shopCode: p.string().length(20).nullable(),
    /** Line amounts after line discounts, excluding tax. */
    amount: moneyColumn().default('0'),
    taxAmount: moneyColumn().default('0'),
    amountIncludingTax: moneyColumn().default('0'),
    /** Shopify's total for the same order in the document's currency bag. */
    shopifyTotal: moneyColumn().nullable(),
    /** amountIncludingTax − shopifyTotal; recorded, never absorbed. */
    totalDifference: moneyColumn().default('0'),
    reconciliation: p.json<TotalsReconciliation | null>().nullable(),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
    releasedAt: p.datetime().nullable(),
    /** Set when the order is done in both systems; a copy is kept in sales_document_archive. */
    archivedAt: p.datetime().nullable(),
    updatedAt: p
      .datetime()
      .defaultRaw('current_timestamp')
      .onUpdate(() => new Date()),
  },
  uniques: [
    { properties: ['documentType', 'no'] },
    {
      name: 'sales_header_one_document_per_shopify_order',
      expression: `create unique index "sales_header_one_document_per_shopify_order" on "sales_header" ("store", "shopify_order_id") where "document_type" in ('order', 'invoice')`,
    },
    {
      name: 'sales_header_one_credit_memo_per_refund',
      expression: `create unique index "sales_header_one_credit_memo_per_refund" on "sales_header" ("store", "shopify_refund_id") where "shopify_refund_id" is not null`,
    },
  ],
});

export type SalesHeader = InferEntity<typeof SalesHeader>;
