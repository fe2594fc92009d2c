import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedRefund } from './imported-refund';
import { moneyColumn } from './money-columns';

/** A refunded line item: quantity, restock type and location, amounts in both money bags. */
export const ImportedRefundLine = defineEntity({
  name: 'ImportedRefundLine',
  tableName: 'imported_refund_line',
  properties: {
    id: p.integer().primary().autoincrement(),
    refundId: p.manyToOne(ImportedRefund).mapToPk().joinColumn('refund_id').deleteRule('cascade'),
    position: p.integer(),
    /** RefundLineItem GID (Shopify may omit it). */
    shopifyRefundLineId: p.string().length(100).nullable(),
    /** The order's LineItem GID. */
    shopifyLineId: p.string().length(100),
    quantity: p.integer(),
    /** NO_RESTOCK, CANCEL, RETURN, LEGACY_RESTOCK. */
    restockType: p.string().length(20),
    restocked: p.boolean(),
    /** Location GID Shopify restocked to (shown only: credit memos use the shop's return location). */
    locationId: p.string().length(100).nullable(),
    priceShop: moneyColumn(),
    pricePresentment: moneyColumn(),
    subtotalShop: moneyColumn(),
    subtotalPresentment: moneyColumn(),
    totalTaxShop: moneyColumn(),
    totalTaxPresentment: moneyColumn(),
  },
  uniques: [{ properties: ['refundId', 'position'] }],
});

export type ImportedRefundLine = InferEntity<typeof ImportedRefundLine>;
