import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * orderbridge's own metrics, one registry per process: the worker, the webhook receiver and the
 * console each serve it on `/metrics`. Counters go up where the fact happens (activities, the
 * receiver, the Shopify client); labels hold ids and codes only (shop card code, store domain,
 * problem code), never personal data. Temporal's SDK metrics are served apart (worker/runtime.ts).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const ordersImported = new Counter({
  name: 'orderbridge_orders_imported_total',
  help: 'Shopify orders imported into the ERP store (first imports and changed versions)',
  labelNames: ['shop', 'kind'] as const,
  registers: [metricsRegistry],
});

export const documentsCreated = new Counter({
  name: 'orderbridge_documents_created_total',
  help: 'Sales documents created from imported orders',
  labelNames: ['document_type'] as const,
  registers: [metricsRegistry],
});

export const orderProblems = new Counter({
  name: 'orderbridge_order_problems_total',
  help: 'Typed problems met by order steps (import, mapping, document), by problem code',
  labelNames: ['code'] as const,
  registers: [metricsRegistry],
});

export const creditMemosCreated = new Counter({
  name: 'orderbridge_credit_memos_created_total',
  help: 'Credit memos created from Shopify refunds',
  registers: [metricsRegistry],
});

export const fulfillmentsCreated = new Counter({
  name: 'orderbridge_fulfillments_created_total',
  help: 'Fulfillments created in Shopify from posted shipments',
  registers: [metricsRegistry],
});

export const shopifyRequests = new Counter({
  name: 'orderbridge_shopify_requests_total',
  help: 'Shopify Admin API requests sent, retries included',
  labelNames: ['store'] as const,
  registers: [metricsRegistry],
});

export const shopifyPointsUsed = new Counter({
  name: 'orderbridge_shopify_points_used_total',
  help: 'Shopify cost points charged (actualQueryCost) per store',
  labelNames: ['store'] as const,
  registers: [metricsRegistry],
});

export const shopifyThrottled = new Counter({
  name: 'orderbridge_shopify_throttled_total',
  help: 'THROTTLED or HTTP 429 answers from Shopify per store',
  labelNames: ['store'] as const,
  registers: [metricsRegistry],
});

export const shopifyThrottleWaits = new Counter({
  name: 'orderbridge_shopify_throttle_waits_total',
  help: "Requests that waited for the store's cost bucket before they could be sent",
  labelNames: ['store'] as const,
  registers: [metricsRegistry],
});

export const shopifyThrottleWaitSeconds = new Counter({
  name: 'orderbridge_shopify_throttle_wait_seconds_total',
  help: "Time requests spent waiting for the store's cost bucket",
  labelNames: ['store'] as const,
  registers: [metricsRegistry],
});

export const shopifyPointsAvailable = new Gauge({
  name: 'orderbridge_shopify_points_available',
  help: "Points free in the store's shared cost bucket now (negative: booked ahead of the restore)",
  labelNames: ['store'] as const,
  registers: [metricsRegistry],
});

export const shopifyBucketSize = new Gauge({
  name: 'orderbridge_shopify_bucket_size_points',
  help: "Size of the store's cost bucket as Shopify reports it",
  labelNames: ['store'] as const,
  registers: [metricsRegistry],
});

export const webhookDeliveriesVerified = new Counter({
  name: 'orderbridge_webhook_deliveries_verified_total',
  help: 'Webhook deliveries whose HMAC signature was verified',
  labelNames: ['topic'] as const,
  registers: [metricsRegistry],
});

export const webhookDeliveriesRejected = new Counter({
  name: 'orderbridge_webhook_deliveries_rejected_total',
  help: 'Webhook deliveries refused: unknown shop, invalid signature, too large',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

export const webhookDeliveryOutcomes = new Counter({
  name: 'orderbridge_webhook_deliveries_total',
  help: "Webhook deliveries by the receiver's outcome",
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const reconcilerFinds = new Counter({
  name: 'orderbridge_reconciler_finds_total',
  help: 'Orders the order sync (the reconciler of webhooks) found changed and dispatched',
  labelNames: ['shop'] as const,
  registers: [metricsRegistry],
});

export const orderSyncWatermarkLag = new Gauge({
  name: 'orderbridge_order_sync_watermark_lag_seconds',
  help: "Seconds between now and the shop card's order sync watermark",
  labelNames: ['shop'] as const,
  registers: [metricsRegistry],
});

const scrapeHooks = new Set<() => Promise<void>>();

/**
 * Runs `refresh` before each scrape (gauges read from the database); returns the function that
 * removes it. A process with no database registers none.
 */
export function onScrape(refresh: () => Promise<void>): () => void {
  scrapeHooks.add(refresh);
  return () => scrapeHooks.delete(refresh);
}

/** Brings the gauges that are read at scrape time up to date. */
export async function refreshBeforeScrape(): Promise<void> {
  await Promise.all([...scrapeHooks].map((refresh) => refresh()));
}

/** Counts each problem of a step's result by its code (e.g. ITEM_NOT_MAPPED). */
export function countOrderProblems(problems: readonly { code: string }[] | undefined): void {
  for (const problem of problems ?? []) orderProblems.inc({ code: problem.code });
}
