import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  LocationMappingFacts,
  ShipmentFulfillmentPlan,
  ShipmentLineFacts,
  ShipmentSyncResult,
} from '../../domain/shipment-fulfillment-plan';
import type { FulfillmentTracking, ShippingAgentFacts } from '../../domain/shipment-tracking';
import {
  LocationMapping,
  PostedShipmentHeader,
  PostedShipmentLine,
  ShipmentFulfillmentRequest,
  ShippingAgent,
  ShipmentSync,
} from '../entities';
import type { FulfillmentRequestStatus } from '../entities/shipment-fulfillment-request';
import type { ShipmentSyncRecordStatus } from '../entities/shipment-sync';
import { entityManagerOf, inTransaction, type ErpContext } from './context';

/**
 * The ERP side of sending one posted shipment to Shopify: what the shipment is, its plan, and
 * every step of each fulfillmentCreate recorded before and after the call, each in its own short
 * transaction (never across a Shopify call).
 */

export class ShipmentNotFoundError extends Error {
  constructor(shipmentId: number) {
    super(`Posted shipment ${shipmentId} does not exist (deleted?): nothing to send to Shopify`);
    this.name = 'ShipmentNotFoundError';
  }
}

export interface FulfillmentRequestRow {
  id: number;
  requestNo: number;
  status: FulfillmentRequestStatus;
  request: ShipmentFulfillmentRequest['request'];
  tracking: FulfillmentTracking | null;
  fulfillmentIdsBefore: string[];
  sentAt: Date | null;
  shopifyFulfillmentId: string | null;
  refusal: string | null;
}

export interface ShipmentForSync {
  shipmentId: number;
  shipmentNo: string;
  orderNo: string;
  /** Null when the sales order does not come from Shopify. */
  shopify: { store: string; shopifyOrderId: string; orderName: string; shopCode: string } | null;
  importedOrderId: number | null;
  lines: ShipmentLineFacts[];
  agent: ShippingAgentFacts | null;
  packageTrackingNo: string | null;
  locationMappings: LocationMappingFacts[];
  sync: {
    id: number;
    status: ShipmentSyncRecordStatus;
    plan: ShipmentFulfillmentPlan | null;
    result: ShipmentSyncResult | null;
  };
  requests: FulfillmentRequestRow[];
}

function requestRow(row: ShipmentFulfillmentRequest): FulfillmentRequestRow {
  return {
    id: row.id,
    requestNo: row.requestNo,
    status: row.status,
    request: row.request,
    tracking: row.tracking ?? null,
    fulfillmentIdsBefore: row.fulfillmentIdsBefore,
    sentAt: row.sentAt ?? null,
    shopifyFulfillmentId: row.shopifyFulfillmentId ?? null,
    refusal: row.refusal ?? null,
  };
}

async function requestsOf(em: EntityManager, syncId: number): Promise<FulfillmentRequestRow[]> {
  return (await em.find(ShipmentFulfillmentRequest, { syncId }, { orderBy: { requestNo: 'asc' } })).map(
    requestRow,
  );
}

/** Everything the sync of one shipment needs; creates its sync record when it has none yet. */
export async function loadShipmentForSync(context: ErpContext, shipmentId: number): Promise<ShipmentForSync> {
  const em = entityManagerOf(context).fork();
  const header = await em.findOne(PostedShipmentHeader, shipmentId);
  if (!header) throw new ShipmentNotFoundError(shipmentId);
  const [lines, agent, found, mappings] = await Promise.all([
    em.find(PostedShipmentLine, { shipmentId }, { orderBy: { lineNo: 'asc' } }),
    header.shippingAgentCode ? em.findOne(ShippingAgent, header.shippingAgentCode) : Promise.resolve(null),
    em.findOne(ShipmentSync, { shipmentId }),
    header.shopCode ? em.find(LocationMapping, { shopCode: header.shopCode }) : Promise.resolve([]),
  ]);
  let sync = found;
  if (!sync) {
    // Posting creates the record; a shipment posted without one (older data) gets it now.
    await em.upsert(
      ShipmentSync,
      { shipmentId },
      { onConflictFields: ['shipmentId'], onConflictAction: 'ignore' },
    );
    sync = await em.findOneOrFail(ShipmentSync, { shipmentId });
  }
  const shopify =
    header.store && header.shopifyOrderId && header.shopCode
      ? {
          store: header.store,
          shopifyOrderId: header.shopifyOrderId,
          orderName: header.shopifyOrderName ?? header.shopifyOrderId,
          shopCode: header.shopCode,
        }
      : null;
  const finished = sync.status !== 'pending' && sync.status !== 'in-progress';
  return {
    shipmentId,
    shipmentNo: header.no,
    orderNo: header.orderNo,
    shopify,
    importedOrderId: header.importedOrderId ?? null,
    lines: lines.map((line) => ({
      lineNo: line.lineNo,
      description: line.no ? `${line.no} ${line.description}` : line.description,
      isItem: line.type === 'item',
      shopifyLineId: line.shopifyLineId ?? null,
      quantity: line.quantity,
      locationCode: line.locationCode ?? null,
    })),
    agent: agent
      ? {
          code: agent.code,
          name: agent.name ?? null,
          shopifyTrackingCompany: agent.shopifyTrackingCompany ?? null,
          packageTrackingUrl: agent.packageTrackingUrl ?? null,
        }
      : null,
    packageTrackingNo: header.packageTrackingNo ?? null,
    locationMappings: mappings.map((mapping) => ({
      shopifyLocationId: mapping.shopifyLocationId,
      locationCode: mapping.locationCode ?? null,
    })),
    sync: {
      id: sync.id,
      status: sync.status,
      plan: sync.plan ?? null,
      result: finished
        ? {
            status: sync.status as ShipmentSyncResult['status'],
            lines: sync.lineResults,
            shopifyFulfillmentIds: sync.shopifyFulfillmentIds,
            needsAttention: sync.needsAttention,
          }
        : null,
    },
    // A pending record has no requests yet.
    requests: sync.status === 'pending' ? [] : await requestsOf(em, sync.id),
  };
}

/**
 * Stores a (new) plan and its requests, unless a request of the old plan was already sent: then
 * the old plan stands (what was sent must be settled first) and its requests are returned.
 */
export async function storeShipmentPlan(
  context: ErpContext,
  syncId: number,
  plan: ShipmentFulfillmentPlan,
  tracking: FulfillmentTracking | null,
): Promise<{ plan: ShipmentFulfillmentPlan; requests: FulfillmentRequestRow[] }> {
  return inTransaction(context, async (em) => {
    const sync = await em.findOneOrFail(ShipmentSync, syncId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const existing = await requestsOf(em, syncId);
    sync.attempts += 1;
    if (existing.some((request) => request.status !== 'planned')) {
      await em.flush();
      return { plan: sync.plan!, requests: existing };
    }
    await em.nativeDelete(ShipmentFulfillmentRequest, { syncId });
    for (const request of plan.requests)
      em.create(ShipmentFulfillmentRequest, { syncId, requestNo: request.requestNo, request, tracking });
    sync.plan = plan;
    sync.status = 'in-progress';
    await em.flush();
    return { plan, requests: await requestsOf(em, syncId) };
  });
}

/** Counts an attempt on a plan that already has requests in flight. */
export async function countSyncAttempt(context: ErpContext, syncId: number): Promise<void> {
  await entityManagerOf(context)
    .fork()
    .getConnection()
    .execute('update shipment_sync set attempts = attempts + 1, updated_at = now() where id = ?', [syncId]);
}

/**
 * Records the intent to send a request, committed before the call. Conditional on the state the
 * caller saw, so two attempts can never both believe they own the send.
 */
export async function markRequestSending(
  context: ErpContext,
  request: FulfillmentRequestRow,
  fulfillmentIdsBefore: readonly string[],
): Promise<boolean> {
  const em = entityManagerOf(context).fork();
  const updated = await em.nativeUpdate(
    ShipmentFulfillmentRequest,
    { id: request.id, status: request.status, sentAt: request.sentAt },
    { status: 'sending', sentAt: new Date(), fulfillmentIdsBefore: [...fulfillmentIdsBefore] },
  );
  return updated === 1;
}

export async function markRequestCreated(
  context: ErpContext,
  requestId: number,
  fulfillment: { id: string; name: string | null },
): Promise<void> {
  await entityManagerOf(context)
    .fork()
    .nativeUpdate(
      ShipmentFulfillmentRequest,
      { id: requestId, status: { $in: ['planned', 'sending'] } },
      { status: 'created', shopifyFulfillmentId: fulfillment.id, shopifyFulfillmentName: fulfillment.name },
    );
}

export async function markRequestRefused(
  context: ErpContext,
  requestId: number,
  refusal: string,
): Promise<void> {
  await entityManagerOf(context)
    .fork()
    .nativeUpdate(
      ShipmentFulfillmentRequest,
      { id: requestId, status: { $in: ['planned', 'sending'] } },
      { status: 'refused', refusal },
    );
}

/** Shopify fulfillments of this order that requests of its other shipments already own. */
export async function fulfillmentsOwnedByOtherShipments(
  context: ErpContext,
  shopify: { store: string; shopifyOrderId: string },
  syncId: number,
): Promise<string[]> {
  const rows = await entityManagerOf(context)
    .fork()
    .getConnection()
    .execute<{ shopify_fulfillment_id: string }[]>(
      `select r.shopify_fulfillment_id
         from shipment_fulfillment_request r
         join shipment_sync s on s.id = r.sync_id
         join sales_shipment_header h on h.id = s.shipment_id
        where h.store = ? and h.shopify_order_id = ? and r.sync_id <> ? and r.shopify_fulfillment_id is not null`,
      [shopify.store, shopify.shopifyOrderId, syncId],
    );
  return rows.map((row) => row.shopify_fulfillment_id);
}

export async function finishShipmentSync(
  context: ErpContext,
  syncId: number,
  result: ShipmentSyncResult,
): Promise<void> {
  await entityManagerOf(context).fork().nativeUpdate(
    ShipmentSync,
    { id: syncId },
    {
      status: result.status,
      lineResults: result.lines,
      shopifyFulfillmentIds: result.shopifyFulfillmentIds,
      needsAttention: result.needsAttention,
      lastError: null,
      completedAt: new Date(),
    },
  );
}

export async function recordShipmentSyncError(
  context: ErpContext,
  syncId: number,
  error: string,
): Promise<void> {
  await entityManagerOf(context)
    .fork()
    .nativeUpdate(ShipmentSync, { id: syncId }, { lastError: error.slice(0, 4000) });
}
