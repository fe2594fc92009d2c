import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { moneyColumn } from './money-columns';
import { SalesHeader } from './sales-header';

/** A posted sales invoice: what was billed for the shipped lines of a sales order (or a sales invoice). */
export const PostedSalesInvoice = defineEntity({
  name: 'PostedSalesInvoice',
  tableName: 'sales_invoice_header_posted',
  properties: {
    id: p.integer().primary().autoincrement(),
    no: p.string().length(20).unique(),
    /** The sales order or sales invoice it was posted from. */
    documentNo: p.string().length(20),
    documentType: p.string().length(20),
    salesHeaderId: p
      .manyToOne(SalesHeader)
      .mapToPk()
      .joinColumn('sales_header_id')
      .nullable()
      .deleteRule('set null'),
    sellToCustomerNo: p.string().length(20),
    billToCustomerNo: p.string().length(20),
    /** Null = local currency. */
    currencyCode: p.string().length(10).nullable(),
    store: p.string().length(255).nullable(),
    shopifyOrderId: p.string().length(100).nullable(),
    shopCode: p.string().length(20).nullable(),
    postingDate: p.date(),
    amount: moneyColumn(),
    taxAmount: moneyColumn(),
    amountIncludingTax: moneyColumn(),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
  },
  indexes: [{ properties: ['store', 'shopifyOrderId'] }],
});

export type PostedSalesInvoice = InferEntity<typeof PostedSalesInvoice>;
