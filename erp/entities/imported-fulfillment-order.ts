import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';
import type { FulfillmentOrderLine } from '../../domain/order-snapshot';

/** What Shopify plans to ship from where, as the last import saw it. */
export const ImportedFulfillmentOrder = defineEntity({
  name: 'ImportedFulfillmentOrder',
  tableName: 'imported_fulfillment_order',
  properties: {
    id: p.integer().primary().autoincrement(),
    orderId: p.manyToOne(ImportedOrder).mapToPk().joinColumn('order_id').deleteRule('cascade'),
    shopifyFulfillmentOrderId: p.string().length(100),
    status: p.string().length(30),
    assignedLocationId: p.string().length(100).nullable(),
    shopifyUpdatedAt: p.datetime(),
    /**
     * Null when the import did not read them: the order's only fulfillment order holds every line, or
     * the order's fulfillment orders are all at locations mapped to one ERP location code.
     */
    lines: p.json<FulfillmentOrderLine[] | null>().nullable(),
  },
  uniques: [{ properties: ['orderId', 'shopifyFulfillmentOrderId'] }],
});

export type ImportedFulfillmentOrder = InferEntity<typeof ImportedFulfillmentOrder>;
