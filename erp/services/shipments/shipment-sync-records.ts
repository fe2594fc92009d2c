import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  LocationMappingFacts,
  ShipmentFulfillmentPlan,
  ShipmentLineFacts,
  ShipmentLineResult,
  ShipmentSyncResult,
} from '../../../domain/shipment-fulfillment-plan';
import type { FulfillmentTracking, ShippingAgentFacts } from '../../../domain/shipment-tracking';
import { ShipmentFulfillmentRequest, ShipmentSync } from '../../entities';
import type { FulfillmentRequestStatus } from '../../entities/shipment-fulfillment-request';
import type { ShipmentSyncRecordStatus } from '../../entities/shipment-sync';
import { entityManagerOf, inTransaction, type ErpContext } from '../shared/context';
import { timestampOf } from '../shared/sql-values';

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

interface RequestRecord {
  id: number;
  request_no: number;
  status: FulfillmentRequestStatus;
  request: ShipmentFulfillmentRequest['request'];
  tracking: FulfillmentTracking | null;
  fulfillment_ids_before: string[];
  sent_at: string | null;
  shopify_fulfillment_id: string | null;
  refusal: string | null;
}

function requestRow(row: RequestRecord): FulfillmentRequestRow {
  return {
    id: row.id,
    requestNo: row.request_no,
    status: row.status,
    request: row.request,
    tracking: row.tracking,
    fulfillmentIdsBefore: row.fulfillment_ids_before,
    sentAt: timestampOf(row.sent_at),
    shopifyFulfillmentId: row.shopify_fulfillment_id,
    refusal: row.refusal,
  };
}

const REQUEST_COLUMNS =
  'id, request_no, status, request, tracking, fulfillment_ids_before, sent_at, shopify_fulfillment_id, refusal';

// The sync of a shipment runs for every shipment and is read and written with plain SQL: it needs
// no entity tracking, and skipping it keeps a worker's CPU for the shipments themselves.
async function requestsOf(em: EntityManager, syncId: number): Promise<FulfillmentRequestRow[]> {
  const rows = await em
    .getConnection()
    .execute<RequestRecord[]>(
      `select ${REQUEST_COLUMNS} from shipment_fulfillment_request where sync_id = ? order by request_no`,
      [syncId],
    );
  return rows.map(requestRow);
}

interface ShipmentRecord {
  no: string;
  order_no: string;
  store: string | null;
  shopify_order_id: string | null;
  shopify_order_name: string | null;
  shop_code: string | null;
  imported_order_id: number | null;
  package_tracking_no: string | null;
  agent_code: string | null;
  agent_name: string | null;
  shopify_tracking_company: string | null;
  package_tracking_url: string | null;
  sync_id: number | null;
  sync_status: ShipmentSyncRecordStatus | null;
  plan: ShipmentFulfillmentPlan | null;
  line_results: ShipmentLineResult[] | null;
  shopify_fulfillment_ids: string[] | null;
  needs_attention: boolean | null;
  lines: ShipmentLineRecord[] | null;
  mappings: { shopify_location_id: string; location_code: string | null }[] | null;
}

interface ShipmentLineRecord {
  line_no: number;
  type: string;
  no: string | null;
  description: string;
  quantity: string;
  location_code: string | null;
  shopify_line_id: string | null;
}

async function readShipment(em: EntityManager, shipmentId: number): Promise<ShipmentRecord | undefined> {
  const [row] = await em.execute<ShipmentRecord[]>(
    `select h.no, h.order_no, h.store, h.shopify_order_id, h.shopify_order_name, h.shop_code,
            h.imported_order_id, h.package_tracking_no,
            a.code as agent_code, a.name as agent_name, a.shopify_tracking_company, a.package_tracking_url,
            s.id as sync_id, s.status as sync_status, s.plan, s.line_results, s.shopify_fulfillment_ids,
            s.needs_attention,
            (select json_agg(json_build_object(
                      'line_no', l.line_no, 'type', l.type, 'no', l.no, 'description', l.description,
                      'quantity', l.quantity::text, 'location_code', l.location_code,
                      'shopify_line_id', l.shopify_line_id) order by l.line_no)
               from sales_shipment_line l where l.shipment_id = h.id) as lines,
            (select json_agg(json_build_object(
                      'shopify_location_id', m.shopify_location_id, 'location_code', m.location_code))
               from location_mapping m where m.shop_code = h.shop_code) as mappings
       from sales_shipment_header h
       left join shipping_agent a on a.code = h.shipping_agent_code
       left join shipment_sync s on s.shipment_id = h.id
      where h.id = ?`,
    [shipmentId],
  );
  return row;
}

/** Everything the sync of one shipment needs; creates its sync record when it has none yet. */
export async function loadShipmentForSync(context: ErpContext, shipmentId: number): Promise<ShipmentForSync> {
  const em = entityManagerOf(context).fork();
  let header = await readShipment(em, shipmentId);
  if (!header) throw new ShipmentNotFoundError(shipmentId);
  if (header.sync_id === null) {
    // Posting creates the record; a shipment posted without one (older data) gets it now.
    await em.execute(
      'insert into shipment_sync (shipment_id) values (?) on conflict (shipment_id) do nothing',
      [shipmentId],
    );
    header = (await readShipment(em, shipmentId))!;
  }
  const lines = header.lines ?? [];
  const mappings = header.mappings ?? [];
  const syncId = header.sync_id!;
  const status = header.sync_status ?? 'pending';
  const shopify =
    header.store && header.shopify_order_id && header.shop_code
      ? {
          store: header.store,
          shopifyOrderId: header.shopify_order_id,
          orderName: header.shopify_order_name ?? header.shopify_order_id,
          shopCode: header.shop_code,
        }
      : null;
  const finished = status !== 'pending' && status !== 'in-progress';
  return {
    shipmentId,
    shipmentNo: header.no,
    orderNo: header.order_no,
    shopify,
    importedOrderId: header.imported_order_id,
    lines: lines.map((line) => ({
      lineNo: line.line_no,
      description: line.no ? `${line.no} ${line.description}` : line.description,
      isItem: line.type === 'item',
      shopifyLineId: line.shopify_line_id,
      quantity: line.quantity,
      locationCode: line.location_code,
    })),
    agent: header.agent_code
      ? {
          code: header.agent_code,
          name: header.agent_name,
          shopifyTrackingCompany: header.shopify_tracking_company,
          packageTrackingUrl: header.package_tracking_url,
        }
      : null,
    packageTrackingNo: header.package_tracking_no,
    locationMappings: mappings.map((mapping) => ({
      shopifyLocationId: mapping.shopify_location_id,
      locationCode: mapping.location_code,
    })),
    sync: {
      id: syncId,
      status,
      plan: header.plan,
      result: finished
        ? {
            status: status as ShipmentSyncResult['status'],
            lines: header.line_results ?? [],
            shopifyFulfillmentIds: header.shopify_fulfillment_ids ?? [],
            needsAttention: header.needs_attention ?? false,
          }
        : null,
    },
    // A pending record has no requests yet.
    requests: status === 'pending' ? [] : await requestsOf(em, syncId),
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
  // The usual case, a shipment planned for the first time: the record moves from pending to
  // in-progress and gets its requests together (all or nothing).
  const first = await entityManagerOf(context)
    .fork()
    .execute<RequestRecord[]>(
      `with claimed as (
         update shipment_sync
            set plan = ?::jsonb, status = 'in-progress', attempts = attempts + 1, updated_at = now()
          where id = ? and status = 'pending'
          returning id)
       insert into shipment_fulfillment_request (sync_id, request_no, request, tracking)
       select claimed.id, planned.request_no, planned.request, ?::jsonb
         from claimed, jsonb_to_recordset(?::jsonb) as planned(request_no int, request jsonb)
       returning ${REQUEST_COLUMNS}`,
      [
        JSON.stringify(plan),
        syncId,
        tracking ? JSON.stringify(tracking) : null,
        JSON.stringify(plan.requests.map((request) => ({ request_no: request.requestNo, request }))),
      ],
    );
  if (first.length === plan.requests.length && first.length > 0)
    return { plan, requests: first.map(requestRow).sort((a, b) => a.requestNo - b.requestNo) };
  return inTransaction(context, async (em) => {
    const [sync] = await em.execute<{ plan: ShipmentFulfillmentPlan | null }[]>(
      'select plan from shipment_sync where id = ? for update',
      [syncId],
    );
    if (!sync) throw new Error(`Shipment sync record ${syncId} does not exist`);
    const existing = await requestsOf(em, syncId);
    if (existing.some((request) => request.status !== 'planned')) {
      await em.execute('update shipment_sync set attempts = attempts + 1, updated_at = now() where id = ?', [
        syncId,
      ]);
      return { plan: sync.plan!, requests: existing };
    }
    await em.execute('delete from shipment_fulfillment_request where sync_id = ?', [syncId]);
    const requests: FulfillmentRequestRow[] = [];
    for (const request of plan.requests) {
      const [row] = await em.execute<RequestRecord[]>(
        `insert into shipment_fulfillment_request (sync_id, request_no, request, tracking)
         values (?, ?, ?::jsonb, ?::jsonb) returning ${REQUEST_COLUMNS}`,
        [syncId, request.requestNo, JSON.stringify(request), tracking ? JSON.stringify(tracking) : null],
      );
      requests.push(requestRow(row!));
    }
    await em.execute(
      `update shipment_sync set plan = ?::jsonb, status = 'in-progress', attempts = attempts + 1, updated_at = now()
        where id = ?`,
      [JSON.stringify(plan), syncId],
    );
    return { plan, requests };
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
