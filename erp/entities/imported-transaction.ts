import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';
import { moneyColumn } from './money-columns';

/** A payment transaction of an imported order (SPEC §6): gateway, kind, status, amount. */
export const ImportedTransaction = defineEntity({
  name: 'ImportedTransaction',
  tableName: 'imported_transaction',
  properties: {
    id: p.integer().primary().autoincrement(),
    orderId: p.manyToOne(ImportedOrder).mapToPk().joinColumn('order_id').deleteRule('cascade'),
    /** OrderTransaction GID: unique across Shopify. */
    shopifyTransactionId: p.string().length(100),
    kind: p.string().length(30),
    status: p.string().length(30),
    gateway: p.string().length(255).nullable(),
    formattedGateway: p.string().length(255).nullable(),
    amountShop: moneyColumn(),
    currencyShop: p.string().length(10),
    amountPresentment: moneyColumn(),
    currencyPresentment: p.string().length(10),
    parentTransactionId: p.string().length(100).nullable(),
    shopifyCreatedAt: p.datetime(),
    processedAt: p.datetime().nullable(),
    test: p.boolean().default(false),
    errorCode: p.string().length(100).nullable(),
    /** Masked account of the payment method; for gateway 'gift_card' the card's masked code. */
    accountNumber: p.string().length(100).nullable(),
    /** Last characters of the gift card paid with (gateway 'gift_card'), for the gift card list. */
    giftCardLastCharacters: p.string().length(10).nullable(),
    /** The refund (GID) this transaction pays back, for refund transactions. */
    shopifyRefundId: p.string().length(100).nullable(),
  },
  uniques: [{ properties: ['orderId', 'shopifyTransactionId'] }],
});

export type ImportedTransaction = InferEntity<typeof ImportedTransaction>;
