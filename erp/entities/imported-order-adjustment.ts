import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedRefund } from './imported-refund';
import { moneyColumn } from './money-columns';

/** Money a refund paid back beyond its lines (Shopify's OrderAdjustment: discrepancies, fees). */
export const ImportedOrderAdjustment = defineEntity({
  name: 'ImportedOrderAdjustment',
  tableName: 'imported_order_adjustment',
  properties: {
    id: p.integer().primary().autoincrement(),
    refundId: p.manyToOne(ImportedRefund).mapToPk().joinColumn('refund_id').deleteRule('cascade'),
    position: p.integer(),
    shopifyOrderAdjustmentId: p.string().length(100),
    /** OrderAdjustmentDiscrepancyReason, e.g. REFUND_DISCREPANCY, RESTOCK. */
    reason: p.string().length(50).nullable(),
    amountShop: moneyColumn(),
    amountPresentment: moneyColumn(),
    taxShop: moneyColumn(),
    taxPresentment: moneyColumn(),
  },
  uniques: [{ properties: ['refundId', 'position'] }],
});

export type ImportedOrderAdjustment = InferEntity<typeof ImportedOrderAdjustment>;
