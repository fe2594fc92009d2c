import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { ShopCard } from '../erp/entities';
import { notifyShipmentPosted } from '../temporal/dispatch-shipment';
import type { ActivityDeps } from './deps';
import type {
  ShipmentOutcome,
  ShipmentToSync,
  SyncShipmentsInput,
  SyncShipmentsReport,
} from './shipment-contract';
import { mapWithConcurrency } from '../platform/concurrency';

const DISPATCH_CONCURRENCY = 16;
const DEFAULT_LIMIT = 500;
const POLL_MS = 500;
const LISTED_SHIPMENTS = 50;

interface UnsyncedShipmentRow {
  id: number;
  no: string;
  shop_code: string;
  store: string;
  shopify_order_id: string;
  shopify_order_name: string | null;
}

interface OutcomeRow {
  no: string;
  shopify_order_name: string | null;
  status: ShipmentOutcome['status'] | null;
  shopify_fulfillment_ids: string[] | null;
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
      const em = deps.orm.em.fork();
      const shops = input.shopCode
        ? await em.find(ShopCard, { code: input.shopCode.toUpperCase() })
        : await em.find(ShopCard, { enabled: true }, { orderBy: { code: 'asc' } });
      if (input.shopCode && shops.length === 0) {
        throw ApplicationFailure.nonRetryable(
          `Shop card '${input.shopCode}' does not exist: create it with \`orderbridge shop add ${input.shopCode}\`.`,
          'ShopNotFound',
        );
      }
      const shopCodes = shops.filter((shop) => shop.enabled).map((shop) => shop.code);
      if (shopCodes.length === 0) return { shopCodes, shipments: [] };
      const since = input.since ? new Date(input.since).toISOString().slice(0, 10) : '0001-01-01';
      const rows = await em.getConnection().execute<UnsyncedShipmentRow[]>(
        `select h.id, h.no, h.shop_code, h.store, h.shopify_order_id, h.shopify_order_name
           from sales_shipment_header h
           left join shipment_sync s on s.shipment_id = h.id
          where h.shopify_order_id is not null and h.store is not null
            and h.shop_code in (${shopCodes.map(() => '?').join(', ')})
            and h.posting_date >= ?
            and (s.id is null or s.status in ('pending', 'in-progress'))
          order by h.id
          limit ?`,
        [...shopCodes, since, input.limit ?? DEFAULT_LIMIT],
      );
      let dispatched = 0;
      await mapWithConcurrency(rows, DISPATCH_CONCURRENCY, async (row) => {
        await notifyShipmentPosted(
          deps.temporalClient,
          deps.taskQueue,
          {
            store: row.store,
            shopifyOrderId: row.shopify_order_id,
            orderName: row.shopify_order_name ?? row.shopify_order_id,
            shopCode: row.shop_code,
            shipmentId: row.id,
          },
          deps.orderTimings,
        );
        dispatched += 1;
        if (dispatched % 50 === 0) heartbeat(dispatched);
      });
      return {
        shopCodes,
        shipments: rows.map((row) => ({
          shipmentId: row.id,
          shipmentNo: row.no,
          shopCode: row.shop_code,
          orderName: row.shopify_order_name ?? row.shopify_order_id,
        })),
      };
    },

    /**
     * The reconciler's second half: waits (heartbeating) until the order workflows settled the
     * shipments or `waitMs` passed, and reports what Shopify got.
     */
    async awaitShipmentOutcomes(input: {
      shipmentIds: number[];
      waitMs: number;
    }): Promise<Omit<SyncShipmentsReport, 'shopCodes' | 'found' | 'dispatched'>> {
      const em = deps.orm.em.fork();
      const deadline = Date.now() + input.waitMs;
      let rows: OutcomeRow[] = [];
      for (;;) {
        rows =
          input.shipmentIds.length === 0
            ? []
            : await em.getConnection().execute<OutcomeRow[]>(
                `select h.no, h.shopify_order_name, s.status, s.shopify_fulfillment_ids
                   from sales_shipment_header h
                   left join shipment_sync s on s.shipment_id = h.id
                  where h.id in (${input.shipmentIds.map(() => '?').join(', ')})
                  order by h.id`,
                input.shipmentIds,
              );
        const open = rows.filter(
          (row) => row.status === null || row.status === 'pending' || row.status === 'in-progress',
        );
        heartbeat(open.length);
        if (open.length === 0 || Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      const count = (status: string) => rows.filter((row) => row.status === status).length;
      return {
        fulfilled: count('fulfilled'),
        partiallySynced: count('partially-synced'),
        notSynced: count('not-synced'),
        stillPending: rows.filter(
          (row) => row.status === null || row.status === 'pending' || row.status === 'in-progress',
        ).length,
        fulfillmentsCreated: rows.reduce(
          (total, row) => total + (row.shopify_fulfillment_ids?.length ?? 0),
          0,
        ),
        shipments: rows.slice(0, LISTED_SHIPMENTS).map((row) => ({
          shipmentNo: row.no,
          orderName: row.shopify_order_name ?? '',
          status: row.status ?? 'pending',
          shopifyFulfillmentIds: row.shopify_fulfillment_ids ?? [],
        })),
      };
    },
  };
}
