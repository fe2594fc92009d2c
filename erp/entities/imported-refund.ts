import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';
import { moneyColumn } from './money-columns';
import type { RefundProblem } from '../../domain/refund-problems';

export const REFUND_KINDS = ['credit', 'order-edit'] as const;
export const REFUND_PAYMENT_STATES = ['pending', 'settled', 'none'] as const;

/**
 * A Shopify refund of an imported order (SPEC §6), refreshed on every import of the order while the
 * shop card imports returns and refunds. `kind` and `paymentState` are the domain's reading of it
 * (domain/refund-classification.ts); its credit memo is the sales_header row with its refund id.
 */
export const ImportedRefund = defineEntity({
  name: 'ImportedRefund',
  tableName: 'imported_refund',
  properties: {
    id: p.integer().primary().autoincrement(),
    orderId: p.manyToOne(ImportedOrder).mapToPk().joinColumn('order_id').deleteRule('cascade'),
    store: p.string().length(255),
    /** Refund GID. */
    shopifyRefundId: p.string().length(100),
    shopifyCreatedAt: p.datetime().nullable(),
    processedAt: p.datetime().nullable(),
    note: p.text().nullable(),
    /** What Shopify paid back (0 while the payment is pending), both bags. */
    totalRefundedShop: moneyColumn(),
    currencyShop: p.string().length(10),
    totalRefundedPresentment: moneyColumn(),
    currencyPresentment: p.string().length(10),
    /** Return GID when the refund belongs to a return. */
    shopifyReturnId: p.string().length(100).nullable(),
    kind: p.enum([...REFUND_KINDS]),
    paymentState: p.enum([...REFUND_PAYMENT_STATES]),
    /** The credit memo made for it, once there is one. */
    creditMemoNo: p.string().length(20).nullable(),
    /** Why the credit memo could not be made on the last attempt. */
    hasError: p.boolean().default(false),
    errorText: p.text().nullable(),
    problems: p.json<RefundProblem[]>().default('[]'),
    firstImportedAt: p.datetime().defaultRaw('current_timestamp'),
    lastImportedAt: p.datetime().defaultRaw('current_timestamp'),
  },
  uniques: [{ properties: ['store', 'shopifyRefundId'] }],
  indexes: [{ properties: ['orderId'] }],
});

export type ImportedRefund = InferEntity<typeof ImportedRefund>;
