import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { orderSyncProgress } from '../erp/services/orders';
import { listPostedShipments, shipmentSyncOutcomes } from '../erp/services/shipments';
import { pendingActivityHeartbeats } from '../temporal/activity-heartbeats';
import type { SyncOrdersReport } from '../workflows/contracts/order';
import type { AppContext } from './app-context';
import { flagNeedsAttention } from './exit-codes';
import { withProgress } from './progress-line';

/** What discoverAndDispatchOrders heartbeats after each page (only the counts are read here). */
interface DiscoveryHeartbeat {
  counts?: { found?: number; dispatched?: number };
}

/**
 * The progress line of `sync orders`: found and dispatched from the sync's own heartbeats,
 * imported and problems from the ERP (the order workflows it woke write there).
 */
export function orderSyncProgressReader(
  appContext: AppContext,
  handle: WorkflowHandle,
  shopCode: string,
  started: Date,
): () => Promise<string> {
  let found = 0;
  let dispatched = 0;
  return async () => {
    const [heartbeats, imports] = await Promise.all([
      pendingActivityHeartbeats(handle),
      orderSyncProgress(await appContext.erp(), shopCode, started),
    ]);
    const discovery = heartbeats.find((activity) => activity.activityType === 'discoverAndDispatchOrders');
    const counts = (discovery?.details as DiscoveryHeartbeat | undefined)?.counts;
    found = Math.max(found, counts?.found ?? 0);
    dispatched = Math.max(dispatched, counts?.dispatched ?? 0);
    return `sync orders ${shopCode}: found ${found}  dispatched ${dispatched}  imported ${imports.imported}  problems ${imports.problems}`;
  };
}

/** The progress line of `shipments sync`: which step runs, and how many shipments are still open. */
export function shipmentSyncProgressReader(handle: WorkflowHandle): () => Promise<string> {
  return async () => {
    const heartbeats = await pendingActivityHeartbeats(handle);
    const waiting = heartbeats.find((activity) => activity.activityType === 'awaitShipmentOutcomes');
    if (waiting)
      return typeof waiting.details === 'number'
        ? `shipments sync: waiting for Shopify, ${waiting.details} shipments still being sent`
        : 'shipments sync: waiting for Shopify';
    return 'shipments sync: finding shipments not yet settled and waking their orders';
  };
}

/**
 * Waits for a `sync orders` run with its progress line. Orders with errors so far make the
 * command exit "needs attention" (imports still under way may add more after it ends).
 */
/**
 * A failed sync workflow says only "Workflow execution failed": the operator needs the reason its
 * activity gave (refused credentials, a missing scope), which is the innermost cause.
 */
function syncFailureOf(error: unknown, shopCode: string): unknown {
  if (!(error instanceof WorkflowFailedError)) return error;
  let reason: Error = error;
  while (reason.cause instanceof Error) reason = reason.cause;
  return reason === error
    ? error
    : new Error(`Order sync of ${shopCode.toUpperCase()} failed: ${reason.message}`, { cause: error });
}

export async function awaitOrderSync(
  appContext: AppContext,
  handle: WorkflowHandle,
  shopCode: string,
  startedAtMs: number,
): Promise<SyncOrdersReport> {
  const started = new Date(startedAtMs);
  const report = (await withProgress(
    handle.result().catch((error: unknown) => {
      throw syncFailureOf(error, shopCode);
    }),
    orderSyncProgressReader(appContext, handle, shopCode.toUpperCase(), started),
  )) as SyncOrdersReport;
  const { problems } = await orderSyncProgress(await appContext.erp(), shopCode.toUpperCase(), started);
  if (problems > 0)
    flagNeedsAttention(`${problems} orders of ${shopCode} with errors since the sync started`);
  return report;
}

/**
 * `erp ship --wait`: follows one posted shipment until its order workflow settled it with Shopify
 * (or the time is up), with a line of how many of its lines Shopify has. Returns the sync status.
 */
export async function awaitShipmentSent(
  appContext: AppContext,
  shipment: { shipmentId: number; shipmentNo: string; store: string; shopifyOrderId: string },
  waitSeconds: number,
): Promise<string> {
  const orm = await appContext.erp();
  const deadline = Date.now() + waitSeconds * 1000;
  const statusNow = async () => (await shipmentSyncOutcomes(orm, [shipment.shipmentId]))[0]?.status ?? null;
  const settled = (async () => {
    for (;;) {
      const status = await statusNow();
      const open = status === null || status === 'pending' || status === 'in-progress';
      if (!open || Date.now() >= deadline) return status ?? 'pending';
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return withProgress(settled, async () => {
    const views = await listPostedShipments(orm, {
      store: shipment.store,
      shopifyOrderId: shipment.shopifyOrderId,
    });
    const view = views.find((candidate) => candidate.shipmentNo === shipment.shipmentNo);
    const lines = view?.lines ?? [];
    const sent = lines.filter((line) => line.fulfilledQuantity !== null).length;
    return `shipment ${shipment.shipmentNo} to Shopify: ${view?.syncStatus || 'pending'}, lines sent ${sent}/${lines.length}`;
  });
}
