import type { OrderbridgeConfig } from '../platform/config';
import { parsePrometheusText, sumBy, type PrometheusSample } from '../platform/metrics';

const workerMetricsUrl = (config: OrderbridgeConfig) => {
  const host = config.METRICS_HOST === '0.0.0.0' ? '127.0.0.1' : config.METRICS_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.WORKER_METRICS_PORT}/metrics`;
};

const joined = (sums: Map<string, number>, digits = 0) =>
  sums.size === 0
    ? 'none'
    : [...sums]
        .map(([key, value]) => `${key || 'all'} ${value.toFixed(digits)}`)
        .sort()
        .join(', ');

const total = (samples: PrometheusSample[], name: string) => sumBy(samples, name).get('') ?? 0;

/**
 * The key figures of the local worker's /metrics for `orderbridge status`: counters are the
 * worker process' own since it started; the bucket and the watermark lag are the shared ones.
 */
export async function workerMetricsSummary(config: OrderbridgeConfig): Promise<Record<string, string>> {
  const url = workerMetricsUrl(config);
  let samples: PrometheusSample[];
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return { worker: `${url} answered HTTP ${response.status}` };
    samples = parsePrometheusText(await response.text());
  } catch {
    return { worker: `not reachable at ${url} (is a worker running here? WORKER_METRICS_PORT)` };
  }
  return {
    worker: url,
    ordersImported: String(total(samples, 'orderbridge_orders_imported_total')),
    documentsCreated: String(total(samples, 'orderbridge_documents_created_total')),
    problemsByCode: joined(sumBy(samples, 'orderbridge_order_problems_total', 'code')),
    creditMemos: String(total(samples, 'orderbridge_credit_memos_created_total')),
    fulfillments: String(total(samples, 'orderbridge_fulfillments_created_total')),
    shopifyPointsUsed: joined(sumBy(samples, 'orderbridge_shopify_points_used_total', 'store')),
    shopifyPointsAvailable: joined(sumBy(samples, 'orderbridge_shopify_points_available', 'store')),
    shopifyThrottled: joined(sumBy(samples, 'orderbridge_shopify_throttled_total', 'store')),
    throttleWaits: joined(sumBy(samples, 'orderbridge_shopify_throttle_waits_total', 'store')),
    webhooksVerified: String(total(samples, 'orderbridge_webhook_deliveries_verified_total')),
    webhooksRejected: joined(sumBy(samples, 'orderbridge_webhook_deliveries_rejected_total', 'reason')),
    reconcilerFinds: joined(sumBy(samples, 'orderbridge_reconciler_finds_total', 'shop')),
    watermarkLagSeconds: joined(sumBy(samples, 'orderbridge_order_sync_watermark_lag_seconds', 'shop')),
  };
}
