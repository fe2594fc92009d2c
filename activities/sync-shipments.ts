import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import {
  findUnsyncedShipments,
  shipmentSyncOutcomes,
  shopCardsToReconcile,
  type ShipmentSyncOutcome,
} from '../erp/services/shipments';
import { notifyShipmentPosted } from '../temporal/dispatch-shipment';
import type { ActivityDeps } from './deps';
import type {
  ShipmentOutcome,
  ShipmentToSync,
  SyncShipmentsInput,
  SyncShipmentsReport,
} from '../workflows/contracts/shipment';
import { mapWithConcurrency } from '../platform/concurrency';

const DISPATCH_CONCURRENCY = 16;
const DEFAULT_LIMIT = 500;
const POLL_MS = 500;
const LISTED_SHIPMENTS = 50;

/** Not settled with Shopify yet: no sync record, or one still pending or in progress. */
function isOpen(outcome: ShipmentSyncOutcome): boolean {
  return outcome.status === null || outcome.status === 'pending' || outcome.status === 'in-progress';
}

export function createSyncShipmentsActivities(deps: ActivityDeps) {
  return {
    /**
     * The reconciler's first half: finds posted shipments of Shopify orders that were never settled
     * with Shopify (a lost signal, a worker gone at the wrong moment) and wakes their order workflows.
     */
    async dispatchUnsyncedShipments(
      input: SyncShipmentsInput,
    ): Promise<{ shopCodes: string[]; shipments: ShipmentToSync[] }> {
      const { exists, enabledShopCodes: shopCodes } = await shopCardsToReconcile(deps.orm, input.shopCode);
      if (!exists) {
        throw ApplicationFailure.nonRetryable(
          `Shop card '${input.shopCode}' does not exist: create it with \`orderbridge shop add ${input.shopCode}\`.`,
          'ShopNotFound',
        );
      }
      const postedSince = input.since ? new Date(input.since).toISOString().slice(0, 10) : '0001-01-01';
      const unsynced = await findUnsyncedShipments(deps.orm, {
        shopCodes,
        postedSince,
        limit: input.limit ?? DEFAULT_LIMIT,
      });
      let dispatched = 0;
      await mapWithConcurrency(unsynced, DISPATCH_CONCURRENCY, async (shipment) => {
        await notifyShipmentPosted(
          deps.temporalClient,
          deps.taskQueue,
          {
            store: shipment.store,
            shopifyOrderId: shipment.shopifyOrderId,
            orderName: shipment.orderName,
            shopCode: shipment.shopCode,
            shipmentId: shipment.shipmentId,
          },
          deps.orderTimings,
        );
        dispatched += 1;
        if (dispatched % 50 === 0) heartbeat(dispatched);
      });
      return {
        shopCodes,
        shipments: unsynced.map(({ shipmentId, shipmentNo, shopCode, orderName }) => ({
          shipmentId,
          shipmentNo,
          shopCode,
          orderName,
        })),
      };
    },

    /**
     * The reconciler's second half: waits (heartbeating) until the order workflows settled the
     * shipments or `waitMs` passed, and reports what Shopify got. It reads the shipments' sync
     * records, which the order workflows write as Shopify answers: order workflows run on and have
     * no result to await, and a poll inside one heartbeating activity costs no workflow history.
     */
    async awaitShipmentOutcomes(input: {
      shipmentIds: number[];
      waitMs: number;
    }): Promise<Omit<SyncShipmentsReport, 'shopCodes' | 'found' | 'dispatched'>> {
      const deadline = Date.now() + input.waitMs;
      let outcomes: ShipmentSyncOutcome[] = [];
      for (;;) {
        outcomes = await shipmentSyncOutcomes(deps.orm, input.shipmentIds);
        const open = outcomes.filter(isOpen);
        heartbeat(open.length);
        if (open.length === 0 || Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      const count = (status: string) => outcomes.filter((outcome) => outcome.status === status).length;
      return {
        fulfilled: count('fulfilled'),
        partiallySynced: count('partially-synced'),
        notSynced: count('not-synced'),
        stillPending: outcomes.filter(isOpen).length,
        fulfillmentsCreated: outcomes.reduce(
          (total, outcome) => total + outcome.shopifyFulfillmentIds.length,
          0,
        ),
        shipments: outcomes
          .slice(0, LISTED_SHIPMENTS)
          .map((outcome): ShipmentOutcome => ({ ...outcome, status: outcome.status ?? 'pending' })),
      };
    },
  };
}
