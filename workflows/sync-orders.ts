import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { OrderbridgeActivities } from './contracts';
import type { OrderSyncFilterOverrides, SyncOrdersReport } from './contracts/order';

export interface SyncOrdersInput {
  shopCode: string;
  /** One-off filters (CLI); a run with overrides never moves the shop card's watermark. */
  filters?: OrderSyncFilterOverrides;
  /** Re-sync from this time instead of the watermark. */
  since?: string;
}

const discovery = proxyActivities<OrderbridgeActivities>({
  // Paging a large backlog takes a while; the heartbeat keeps the cursor so a retry resumes, not restarts.
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 20,
  },
});

/**
 * Order sync for one shop card (SPEC §3 stage 1): list orders changed in Shopify since the
 * watermark (minus an overlap), upsert orders to import, and wake one order workflow per order.
 * The window's upper bound is fixed when the run starts, and the watermark moves to it only
 * after every order in the window was dispatched, so an order edited mid-run is seen next run.
 */
export async function syncOrdersWorkflow(input: SyncOrdersInput): Promise<SyncOrdersReport> {
  const updatedAtMax = new Date(workflowInfo().startTime).toISOString();
  const result = await discovery.discoverAndDispatchOrders({
    shopCode: input.shopCode,
    updatedAtMax,
    ...(input.since ? { updatedAtMin: input.since } : {}),
    ...(input.filters ? { filters: input.filters } : {}),
  });
  const oneOff = input.filters !== undefined || input.since !== undefined;
  if (!oneOff)
    await discovery.commitOrderSyncWatermark({ shopCode: input.shopCode, watermark: updatedAtMax });
  return { ...result, shopCode: input.shopCode, updatedAtMax, watermarkCommitted: !oneOff };
}
