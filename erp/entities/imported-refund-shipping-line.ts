import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedRefund } from './imported-refund';
import { moneyColumn } from './money-columns';

/** Shipping refunded by a refund, per shipping line. */
export const ImportedRefundShippingLine = defineEntity({
  name: 'ImportedRefundShippingLine',
  tableName: 'imported_refund_shipping_line',
  properties: {
    id: p.integer().primary().autoincrement(),
    refundId: p.manyToOne(ImportedRefund).mapToPk().joinColumn('refund_id').deleteRule('cascade'),
    position: p.integer(),
    shopifyRefundShippingLineId: p.string().length(100),
    /** The order's ShippingLine GID, when Shopify gives it. */
    shopifyShippingLineId: p.string().length(100).nullable(),
    title: p.string().length(255).nullable(),
    subtotalShop: moneyColumn(),
    subtotalPresentment: moneyColumn(),
    taxShop: moneyColumn(),
    taxPresentment: moneyColumn(),
  },
  uniques: [{ properties: ['refundId', 'position'] }],
});

export type ImportedRefundShippingLine = InferEntity<typeof ImportedRefundShippingLine>;
