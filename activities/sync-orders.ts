import { storableText } from '../domain/snapshot-text-fitting';
import { activityInfo, ApplicationFailure, cancellationSignal, heartbeat } from '@temporalio/activity';
import type { FinancialStatus, FulfillmentStatus, RiskLevel } from '../domain/order-snapshot';
import { toShopifySearchQuery, type OrderSyncFilters } from '../domain/order-filters';
import { ShopCard } from '../erp/entities';
import {
  type DiscoveredOrder,
  markOrdersDispatched,
  type OrderToDispatch,
  recordDiscoveredOrders,
} from '../erp/services/orders';
import { highestRisk, orderChannel } from '../shopify/order-snapshot';
import { discoverOrderPages, updatedWindowQuery, type OrderToImport } from '../shopify/order-discovery';
import { ordersNotAnnounced } from '../erp/services/webhooks';
import { dispatchOrderChange } from '../temporal/dispatch-order';
import type {
  DiscoverOrdersInput,
  DiscoverOrdersResult,
  OrderSyncFilterOverrides,
} from '../workflows/contracts/order';
import type { ActivityDeps } from './deps';
import { reconcilerFinds } from '../platform/metrics';
import type { createShopifyClientSource } from './shopify-clients';
import { mapWithConcurrency } from '../platform/concurrency';
import { ShopCredentialsRefusedError } from '../shopify/credentials-refused';
import { ShopCredentialsMissingError } from './shop-access-tokens';

/** Discovery looks back this far before the watermark: Shopify's search index lags writes a little. */
export const ORDER_SYNC_OVERLAP_MS = 10 * 60 * 1000;
/** Order workflows a sync signals at once (bench/temporal-floor.ts dispatches the same way). */
export const ORDER_DISPATCH_CONCURRENCY = 16;

/** How often the order sync heartbeats: well inside the workflow's heartbeat timeout of 10 s. */
const SYNC_HEARTBEAT_EVERY_MS = 2_000;

interface DiscoveryProgress {
  after: string | null;
  counts: Omit<DiscoverOrdersResult, 'updatedAtMin'>;
}

function storableOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : storableText(value);
}

function toDiscoveredOrder(node: OrderToImport): DiscoveredOrder {
  // The same ranking as the full import, so discovery and import agree on an order's risk.
  const riskLevel = highestRisk(node.risk.assessments.map((assessment) => assessment.riskLevel));
  return {
    shopifyOrderId: node.id,
    name: node.name,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    closed: node.closed,
    cancelledAt: node.cancelledAt,
    financialStatus: node.displayFinancialStatus,
    fulfillmentStatus: node.displayFulfillmentStatus,
    riskLevel,
    // Text as PostgreSQL stores it: one tag with a NUL made every page of the sync fail.
    channel: storableOrNull(orderChannel(node)),
    sourceName: storableOrNull(node.sourceName),
    tags: node.tags.map(storableText),
    totalAmount: node.currentTotalPriceSet.shopMoney.amount,
    currencyCode: node.currentTotalPriceSet.shopMoney.currencyCode,
  };
}

function withOverrides(
  filters: OrderSyncFilters,
  overrides: OrderSyncFilterOverrides | undefined,
): OrderSyncFilters {
  if (!overrides) return filters;
  const upper = (values: string[] | undefined) => values?.map((value) => value.toUpperCase());
  return {
    ...filters,
    ...(overrides.financialStatus
      ? { financialStatuses: upper(overrides.financialStatus) as FinancialStatus[] }
      : {}),
    ...(overrides.fulfillmentStatus
      ? { fulfillmentStatuses: upper(overrides.fulfillmentStatus) as FulfillmentStatus[] }
      : {}),
    ...(overrides.riskLevel ? { riskLevels: upper(overrides.riskLevel) as RiskLevel[] } : {}),
    ...(overrides.channel ? { channels: overrides.channel } : {}),
    ...(overrides.tags ? { tagFilter: overrides.tags } : {}),
  };
}

/** Refused credentials stop the sync at once: retrying cannot help until they are fixed. */
async function* stopOnRefusal<T>(pages: AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* pages;
  } catch (error) {
    if (error instanceof ShopCredentialsRefusedError || error instanceof ShopCredentialsMissingError)
      throw ApplicationFailure.nonRetryable(error.message, 'ShopCredentialsRefused');
    throw error;
  }
}

export function createSyncOrdersActivities(
  deps: ActivityDeps,
  shopifyClientFor: ReturnType<typeof createShopifyClientSource>,
) {
  return {
    /**
     * Pages Shopify's orders changed in [watermark − overlap, updatedAtMax], records them as orders
     * to import, and wakes one order workflow per order this shop card owns. Progress (the cursor)
     * is heartbeated, so a retried attempt resumes after the last page it finished.
     */
    async discoverAndDispatchOrders(input: DiscoverOrdersInput): Promise<DiscoverOrdersResult> {
      const em = deps.orm.em.fork();
      const shop = await em.findOne(ShopCard, input.shopCode);
      if (!shop) {
        throw ApplicationFailure.nonRetryable(
          `Shop card '${input.shopCode}' does not exist: create it with \`orderbridge shop add ${input.shopCode}\`.`,
          'ShopNotFound',
        );
      }
      const resumed = activityInfo().heartbeatDetails as DiscoveryProgress | undefined;
      // A progress heartbeated by an older worker may lack a count added since: it starts at 0.
      const counts = {
        found: 0,
        upserted: 0,
        matched: 0,
        dispatched: 0,
        filteredOut: 0,
        claimedByOtherShop: 0,
        alreadyImported: 0,
        alreadyDispatched: 0,
        foundWithoutWebhook: 0,
        shopifyRequests: 0,
        ...resumed?.counts,
      };
      const updatedAtMin =
        input.updatedAtMin ??
        (shop.lastOrderSyncAt
          ? new Date(shop.lastOrderSyncAt.getTime() - ORDER_SYNC_OVERLAP_MS)
          : new Date(0)
        ).toISOString();
      if (!shop.enabled) {
        deps.logger.info({ shopCode: input.shopCode }, 'order sync skipped: shop card disabled');
        return { ...counts, updatedAtMin };
      }
      const filters = withOverrides(shop.orderSyncFilters, input.filters);
      const client = await shopifyClientFor(em, input.shopCode);
      const searchQuery = updatedWindowQuery({
        updatedFrom: updatedAtMin,
        updatedTo: input.updatedAtMax,
        filter: toShopifySearchQuery(filters),
      });
      const signal = cancellationSignal();
      const requestsBefore = client.counters.snapshot().requests;
      let after = resumed?.after ?? null;
      // The last finished page's progress, beaten often: a sync whose worker died is retried within
      // seconds (a short heartbeat timeout), also while a page waits on Shopify's throttle.
      let finished: DiscoveryProgress = { after, counts: { ...counts } };
      const beating = setInterval(() => heartbeat(finished), SYNC_HEARTBEAT_EVERY_MS);
      try {
        for await (const page of stopOnRefusal(discoverOrderPages(client, searchQuery, { after, signal }))) {
          const outcome = await recordDiscoveredOrders(em.fork(), {
            store: shop.shopDomain,
            shopCode: shop.code,
            filters,
            orders: page.nodes.map(toDiscoveredOrder),
          });
          counts.found += page.nodes.length;
          // What discovery read for free that spares the import reads: presentment money for an
          // order in one currency, the customer's defaults for an order with its own e-mail and phone.
          const importHintsById = new Map(
            page.nodes.map((node) => [
              node.id,
              {
                currencies: {
                  currencyCode: node.currencyCode,
                  presentmentCurrencyCode: node.presentmentCurrencyCode,
                },
                contact: { hasEmail: Boolean(node.email), hasPhone: Boolean(node.phone) },
              },
            ]),
          );
          counts.upserted += outcome.upserted;
          counts.matched += outcome.toDispatch.length;
          counts.filteredOut += outcome.filteredOut + outcome.neverImportable;
          counts.claimedByOtherShop += outcome.claimedByOtherShop;
          counts.alreadyImported += outcome.upToDate;
          // What the reconciler is for: orders whose change no webhook announced (dropped, or late).
          const unannounced = await ordersNotAnnounced(em.fork(), shop.shopDomain, outcome.toDispatch);
          await mapWithConcurrency(outcome.toDispatch, ORDER_DISPATCH_CONCURRENCY, (order: OrderToDispatch) =>
            dispatchOrderChange(
              deps.temporalClient,
              deps.taskQueue,
              {
                store: shop.shopDomain,
                shopifyOrderId: order.shopifyOrderId,
                orderName: order.name,
                change: {
                  shopCode: shop.code,
                  shopifyUpdatedAt: order.updatedAt,
                  source: 'sync',
                  ...importHintsById.get(order.shopifyOrderId),
                },
              },
              deps.orderTimings,
            ),
          );
          await markOrdersDispatched(em.fork(), shop.shopDomain, outcome.toDispatch);
          reconcilerFinds.inc({ shop: shop.code }, outcome.toDispatch.length);
          counts.dispatched += outcome.toDispatch.length;
          counts.alreadyDispatched += outcome.alreadyDispatched;
          counts.foundWithoutWebhook += unannounced.length;
          after = page.pageInfo.endCursor;
          counts.shopifyRequests =
            (resumed?.counts.shopifyRequests ?? 0) + client.counters.snapshot().requests - requestsBefore;
          finished = { after, counts: { ...counts } };
          heartbeat(finished);
        }
      } finally {
        clearInterval(beating);
      }
      return { ...counts, updatedAtMin };
    },

    /** Moves the shop card's watermark, never backwards (two runs may finish out of order). */
    async commitOrderSyncWatermark(input: { shopCode: string; watermark: string }): Promise<void> {
      const em = deps.orm.em.fork();
      const watermark = new Date(input.watermark);
      await em.nativeUpdate(
        ShopCard,
        { code: input.shopCode, $or: [{ lastOrderSyncAt: null }, { lastOrderSyncAt: { $lt: watermark } }] },
        { lastOrderSyncAt: watermark },
      );
    },
  };
}
