import { proxyActivities } from '@temporalio/workflow';
import type { OrderbridgeActivities } from './contracts';
import type { SyncShipmentsInput, SyncShipmentsReport } from './contracts/shipment';

export interface SyncShipmentsWorkflowInput extends SyncShipmentsInput {
  /** How long to wait for the order workflows to settle the shipments before reporting. */
  waitSeconds?: number;
}

const dispatch = proxyActivities<OrderbridgeActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
  },
});

const DEFAULT_WAIT_SECONDS = 120;

/**
 * Shipment sync for a shop card, or all of them (SPEC §5 "Sync shipments to Shopify"): the
 * reconciler behind the signal that posting a shipment sends. It wakes the order workflow of every
 * posted shipment not yet settled with Shopify (the order workflow sends it, so a shipment is
 * never sent from two places), waits for them, and reports what Shopify got.
 */
export async function syncShipmentsWorkflow(input: SyncShipmentsWorkflowInput): Promise<SyncShipmentsReport> {
  const { shopCodes, shipments } = await dispatch.dispatchUnsyncedShipments({
    ...(input.shopCode ? { shopCode: input.shopCode } : {}),
    ...(input.since ? { since: input.since } : {}),
    ...(input.limit ? { limit: input.limit } : {}),
  });
  const waitSeconds = input.waitSeconds ?? DEFAULT_WAIT_SECONDS;
  const outcomes = await proxyActivities<OrderbridgeActivities>({
    startToCloseTimeout: `${waitSeconds + 60} seconds`,
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '2 seconds', maximumAttempts: 3 },
  }).awaitShipmentOutcomes({
    shipmentIds: shipments.map((shipment) => shipment.shipmentId),
    waitMs: waitSeconds * 1000,
  });
  return { shopCodes, found: shipments.length, dispatched: shipments.length, ...outcomes };
}
