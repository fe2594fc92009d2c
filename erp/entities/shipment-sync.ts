import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PostedShipmentHeader } from './posted-shipment-header';
import type { ShipmentFulfillmentPlan, ShipmentLineResult } from '../../domain/shipment-fulfillment-plan';

export const SHIPMENT_SYNC_STATUSES = [
  'pending',
  'in-progress',
  'fulfilled',
  'partially-synced',
  'not-synced',
] as const;
export type ShipmentSyncRecordStatus = (typeof SHIPMENT_SYNC_STATUSES)[number];

/** Final states: the shipment is never sent to Shopify again. */
export const FINAL_SHIPMENT_SYNC_STATUSES: readonly ShipmentSyncRecordStatus[] = [
  'fulfilled',
  'partially-synced',
  'not-synced',
];

/**
 * What Shopify made of one posted shipment. Unique per shipment: the shipment is planned,
 * sent and settled through this one row (and its requests), so it is fulfilled at most once.
 */
export const ShipmentSync = defineEntity({
  name: 'ShipmentSync',
  tableName: 'shipment_sync',
  properties: {
    id: p.integer().primary().autoincrement(),
    shipmentId: p
      .manyToOne(PostedShipmentHeader)
      .mapToPk()
      .joinColumn('shipment_id')
      .unique()
      .deleteRule('cascade'),
    status: p.enum([...SHIPMENT_SYNC_STATUSES]).default('pending'),
    /** The plan the requests were made from (fixed once a request was sent). */
    plan: p.json<ShipmentFulfillmentPlan | null>().nullable(),
    /** Per shipment line: fulfilled units and fulfillment ids, or why not. */
    lineResults: p.json<ShipmentLineResult[]>().default('[]'),
    shopifyFulfillmentIds: p.json<string[]>().default('[]'),
    needsAttention: p.boolean().default(false),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
    updatedAt: p
      .datetime()
      .defaultRaw('current_timestamp')
      .onUpdate(() => new Date()),
    completedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['status'] }],
});

export type ShipmentSync = InferEntity<typeof ShipmentSync>;
