import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerMetricsSummary } from '../../client/metrics-summary';
import { loadConfig } from '../../platform/config';
import { startMetricsServer, type RunningMetricsServer } from '../../platform/metrics';
import { createOrder } from '../../simulator/generator/create-order';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../../webhooks/serve';
import { registerDatabaseGauges } from '../../worker/database-gauges';
import { hasDocument, needsAttention, waitForOrder } from '../helpers/order-waits';
import { testLogger } from '../helpers/test-logger';
import { startTestStack, TEST_ORDER_TIMINGS, type TestStack } from '../helpers/test-stack';
import { addShopCard, runSync, shopifyTarget } from './order-test-kit';

const CLIENT_SECRET = 'metrics-test-client-secret';
const SHOP = 'METRICS';

let stack: TestStack;
let metricsServer: RunningMetricsServer;
let receiver: RunningWebhookReceiver;
let unregisterGauges: () => void;
let capVariantId: string;
let scarfVariantId: string;

beforeAll(async () => {
  // The shared bucket's gauges are read from its rows, which exist only with it on.
  process.env.SHOPIFY_SHARED_BUCKET = 'on';
  stack = await startTestStack({ simulator: { webhookSecret: CLIENT_SECRET } });
  const product = (title: string, sku: string) =>
    stack.simulator.store.addProduct({ title, variants: [{ title: 'One size', sku, price: '15.00' }] }).sim
      .variantIds[0]!;
  capVariantId = product('Cap', 'CAP-1');
  // No ERP item for the scarf: its order stops with ITEM_NOT_MAPPED.
  scarfVariantId = product('Scarf', 'SCARF-1');
  await addShopCard(stack, SHOP, { items: [{ no: 'CAP-1', description: 'Cap' }] });
  unregisterGauges = registerDatabaseGauges(stack.erp.orm);
  // The worker's own listener, as `orderbridge worker` starts it (a free port here).
  metricsServer = await startMetricsServer({ host: '127.0.0.1', port: 0 });
  receiver = await startWebhookReceiver({
    orm: stack.erp.orm,
    temporalClient: stack.temporal.client,
    taskQueue: stack.temporal.taskQueue,
    logger: testLogger,
    host: '127.0.0.1',
    port: 0,
    bodyLimitBytes: 64 * 1024,
    clientSecretsOf: async () => [CLIENT_SECRET],
    orderTimings: TEST_ORDER_TIMINGS,
  });
});

afterAll(async () => {
  unregisterGauges?.();
  await receiver?.close();
  await metricsServer?.close();
  await stack?.close();
});

/** A scrape as Prometheus reads it: `name{label="value",...}` (labels sorted) → value. */
async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) continue;
    const labels = [...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, name, value]) => `${name}="${value}"`)
      .sort()
      .join(',');
    samples.set(`${match[1]}{${labels}}`, Number(match[4]));
  }
  return samples;
}

const metricsUrlOfReceiver = () => receiver.url.replace(/\/webhooks$/, '/metrics');

function delivery(shopifyOrderId: string, secret: string) {
  const body = JSON.stringify({
    id: Number(shopifyOrderId.split('/').pop()),
    admin_graphql_api_id: shopifyOrderId,
    updated_at: stack.simulator.store.order(shopifyOrderId)!.updatedAt,
  });
  return fetch(receiver.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': 'orders/updated',
      'X-Shopify-Hmac-Sha256': createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
      'X-Shopify-Shop-Domain': stack.simulator.shopDomain,
      'X-Shopify-Event-Id': randomUUID(),
      'X-Shopify-API-Version': '2026-10',
    },
    body,
  });
}

describe('Prometheus /metrics', () => {
  it('moves the business counters through an import, and shows the shared bucket and the watermark', async () => {
    const store = stack.simulator.shopDomain;
    const before = await scrape(metricsServer.url);
    const value = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;
    const moved = (after: Map<string, number>, key: string) => value(after, key) - value(before, key);

    const order = (variantId: string, sku: string) =>
      createOrder(shopifyTarget(stack), {
        lines: [{ variantId, title: sku, sku, quantity: 1, unitPrice: '15.00' }],
        customer: null,
      });
    const cap = await order(capVariantId, 'CAP-1');
    const scarf = await order(scarfVariantId, 'SCARF-1');
    await runSync(stack, SHOP);
    await waitForOrder(stack.temporal.client, store, cap.id, hasDocument);
    await waitForOrder(stack.temporal.client, store, scarf.id, needsAttention);
    expect((await delivery(cap.id, CLIENT_SECRET)).status).toBe(200);
    expect((await delivery(cap.id, 'not-the-secret')).status).toBe(401);

    const after = await scrape(metricsServer.url);
    expect(moved(after, `orderbridge_orders_imported_total{kind="new",shop="${SHOP}"}`)).toBe(2);
    expect(moved(after, 'orderbridge_documents_created_total{document_type="order"}')).toBe(1);
    expect(moved(after, 'orderbridge_order_problems_total{code="ITEM_NOT_MAPPED"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(moved(after, `orderbridge_reconciler_finds_total{shop="${SHOP}"}`)).toBe(2);
    expect(moved(after, `orderbridge_shopify_requests_total{store="${store}"}`)).toBeGreaterThanOrEqual(3);
    expect(moved(after, `orderbridge_shopify_points_used_total{store="${store}"}`)).toBeGreaterThan(0);
    expect(moved(after, 'orderbridge_webhook_deliveries_verified_total{topic="orders/updated"}')).toBe(1);
    expect(moved(after, 'orderbridge_webhook_deliveries_rejected_total{reason="invalid_signature"}')).toBe(1);
    // Gauges read from PostgreSQL at the scrape: the shared bucket and the sync's watermark.
    const bucketSize = after.get(`orderbridge_shopify_bucket_size_points{store="${store}"}`);
    expect(bucketSize).toBe(stack.simulator.throttle.status().maximumAvailable);
    const available = after.get(`orderbridge_shopify_points_available{store="${store}"}`);
    expect(available).toBeGreaterThan(0);
    expect(available).toBeLessThanOrEqual(bucketSize!);
    const lag = after.get(`orderbridge_order_sync_watermark_lag_seconds{shop="${SHOP}"}`);
    expect(lag).toBeGreaterThanOrEqual(0);
    // Node's process metrics come with the registry.
    expect(after.has('process_cpu_seconds_total{}')).toBe(true);

    // The receiver serves the same registry on its own port.
    const fromReceiver = await scrape(metricsUrlOfReceiver());
    expect(
      fromReceiver.get('orderbridge_webhook_deliveries_rejected_total{reason="invalid_signature"}'),
    ).toBe(after.get('orderbridge_webhook_deliveries_rejected_total{reason="invalid_signature"}'));
  });

  it('`orderbridge status` shows the key figures of the local worker', async () => {
    const port = new URL(metricsServer.url).port;
    const summary = await workerMetricsSummary(
      loadConfig({
        DATABASE_URL: stack.erp.databaseUrl,
        METRICS_HOST: '127.0.0.1',
        WORKER_METRICS_PORT: port,
      }),
    );
    expect(summary.worker).toBe(metricsServer.url);
    expect(Number(summary.documentsCreated)).toBeGreaterThanOrEqual(1);
    expect(summary.problemsByCode).toMatch(/ITEM_NOT_MAPPED \d+/);
    expect(summary.shopifyPointsUsed).toContain(stack.simulator.shopDomain);
    expect(summary.watermarkLagSeconds).toContain(SHOP);

    const nobody = await workerMetricsSummary(loadConfig({ WORKER_METRICS_PORT: '1' }));
    expect(nobody.worker).toMatch(/^not reachable/);
  });
});
