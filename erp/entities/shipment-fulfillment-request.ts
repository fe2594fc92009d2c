import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ShipmentSync } from './shipment-sync';
import type { PlannedFulfillment } from '../../domain/shipment-fulfillment-plan';
import type { FulfillmentTracking } from '../../domain/shipment-tracking';

export const FULFILLMENT_REQUEST_STATUSES = ['planned', 'sending', 'created', 'refused'] as const;
export type FulfillmentRequestStatus = (typeof FULFILLMENT_REQUEST_STATUSES)[number];

/**
 * One fulfillmentCreate of a shipment. 'sending' is written and committed before the call: a
 * request found in that state was maybe executed by Shopify, and is reconciled against the
 * order's fulfillments before it may be sent again. A Shopify fulfillment belongs to at most one
 * request (partial unique index).
 */
export const ShipmentFulfillmentRequest = defineEntity({
  name: 'ShipmentFulfillmentRequest',
  tableName: 'shipment_fulfillment_request',
  properties: {
    id: p.integer().primary().autoincrement(),
    syncId: p.manyToOne(ShipmentSync).mapToPk().joinColumn('sync_id').deleteRule('cascade'),
    requestNo: p.integer(),
    status: p.enum([...FULFILLMENT_REQUEST_STATUSES]).default('planned'),
    request: p.json<PlannedFulfillment>(),
    tracking: p.json<FulfillmentTracking | null>().nullable(),
    /** The order's fulfillments when the request was sent: none of them can be its answer. */
    fulfillmentIdsBefore: p.json<string[]>().default('[]'),
    sentAt: p.datetime().nullable(),
    shopifyFulfillmentId: p.string().length(100).nullable(),
    shopifyFulfillmentName: p.string().length(100).nullable(),
    /** Shopify's userErrors, in words. */
    refusal: p.text().nullable(),
    updatedAt: p
      .datetime()
      .defaultRaw('current_timestamp')
      .onUpdate(() => new Date()),
  },
  uniques: [
    { properties: ['syncId', 'requestNo'] },
    {
      name: 'shipment_fulfillment_request_one_request_per_fulfillment',
      expression: `create unique index "shipment_fulfillment_request_one_request_per_fulfillment" on "shipment_fulfillment_request" ("shopify_fulfillment_id") where "shopify_fulfillment_id" is not null`,
    },
  ],
});

export type ShipmentFulfillmentRequest = InferEntity<typeof ShipmentFulfillmentRequest>;
