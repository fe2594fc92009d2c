import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';
import type { FulfillmentLine, TrackingInfo } from '../../domain/order-snapshot';

/** What Shopify has shipped (by any means): status, location, tracking, lines. */
export const ImportedFulfillment = defineEntity({
  name: 'ImportedFulfillment',
  tableName: 'imported_fulfillment',
  properties: {
    id: p.integer().primary().autoincrement(),
    orderId: p.manyToOne(ImportedOrder).mapToPk().joinColumn('order_id').deleteRule('cascade'),
    shopifyFulfillmentId: p.string().length(100),
    name: p.string().length(100),
    status: p.string().length(30),
    displayStatus: p.string().length(50).nullable(),
    locationId: p.string().length(100).nullable(),
    shopifyCreatedAt: p.datetime(),
    tracking: p.json<TrackingInfo[]>().default('[]'),
    lines: p.json<FulfillmentLine[]>().default('[]'),
  },
  uniques: [{ properties: ['orderId', 'shopifyFulfillmentId'] }],
});

export type ImportedFulfillment = InferEntity<typeof ImportedFulfillment>;
