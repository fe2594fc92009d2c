/**
 * Webhook latency benchmark: orders created in the simulator at a steady rate, each announced by
 * an orders/create webhook to the receiver, which signals its workflow; no order sync runs, so
 * every document is the doorbell's doing.
 *
 *   npm run bench:webhooks -- --orders 1000 --rate 10 [--burst 300]
 *
 * Time runs from the order's creation in Shopify to its sales document in the ERP. Then a burst
 * of signed deliveries all at once measures the receiver's reply time (Shopify waits 5 s).
 * Last line: orders, rate, p50/p95/p99/max ms, lost (no document 60 s after the last order),
 * duplicates (documents beyond one per order).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { seedDemoShop } from '../erp/demo-setup';
import { ShopifyVariantLink } from '../erp/entities';
import { createLogger } from '../platform/logger';
import { createOrder } from '../simulator/generator/create-order';
import { generateStore } from '../simulator/generator/generate-store';
import { signWebhook } from '../simulator/webhooks';
import { startWebhookReceiver } from '../webhooks/serve';
import { benchArgument, startBenchEnvironment } from './bench-environment';
import { spawnBenchWorker } from './spawn-bench-worker';

const orderCount = benchArgument('orders', 200);
const rate = benchArgument('rate', 10);
const burstSize = benchArgument('burst', 300);
const percentile = (sorted: number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The shop card's token is stored sealed: a throw-away key for this run (the worker inherits it).
process.env.ORDERBRIDGE_SECRET_KEY ??= randomBytes(32).toString('base64');
const environment = await startBenchEnvironment();
const { address, client, taskQueue, databaseUrl, orm, simulator, target } = environment;

try {
  const generated = await generateStore(target, { seed: 42, orders: 0, mix: { customItemShare: 0 } });
  const shopLocation = simulator.store.defaultLocation()!;
  await seedDemoShop(orm, {
    shopDomain: simulator.shopDomain,
    shopCode: 'BENCH',
    accessToken: simulator.accessToken,
    autoCreateOrders: true,
    itemMappingMode: 'sku_then_barcode',
    locations: [
      ...generated.locations.map((location) => ({
        shopifyLocationId: location.id,
        name: location.name,
        locationCode: 'MAIN',
      })),
      { shopifyLocationId: shopLocation.id, name: 'Shop location', locationCode: 'MAIN' },
    ],
    items: generated.variants.map((variant) => ({
      no: variant.key.slice(0, 20),
      description: variant.productTitle.slice(0, 100),
    })),
  });
  const em = orm.em.fork();
  for (const variant of generated.variants) {
    em.create(ShopifyVariantLink, {
      store: simulator.shopDomain,
      shopifyVariantId: variant.id,
      itemNo: variant.key.slice(0, 20),
    });
  }
  await em.flush();

  const worker = await spawnBenchWorker({
    temporalAddress: address,
    taskQueue,
    databaseUrl,
    shopDomain: simulator.shopDomain,
    shopifyBaseUrl: simulator.baseUrl,
  });
  const receiver = await startWebhookReceiver({
    orm,
    temporalClient: client,
    taskQueue,
    logger: createLogger('error', { pretty: false }),
    host: '127.0.0.1',
    port: 0,
    bodyLimitBytes: 1024 * 1024,
    clientSecretsOf: async () => [simulator.webhookSecret],
  });
  // Subscribed through Shopify's own mutation, as `orderbridge webhooks register` does.
  const subscribed = await fetch(simulator.graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': simulator.accessToken },
    body: JSON.stringify({
      query: `mutation($uri: String!) { webhookSubscriptionCreate(topic: ORDERS_CREATE,
        webhookSubscription: { uri: $uri }) { userErrors { message } } }`,
      variables: { uri: receiver.url },
    }),
  });
  if (!subscribed.ok) throw new Error(`webhookSubscriptionCreate answered ${subscribed.status}`);

  // Phase 1: orders at a steady rate; the clock per order runs from its createdAt in Shopify.
  const variant = generated.variants.find((candidate) => !candidate.giftCard)!;
  const created: { id: string; createdAt: number }[] = [];
  const started = performance.now();
  const creating: Promise<void>[] = [];
  for (let index = 0; index < orderCount; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    creating.push(
      createOrder(target, {
        lines: [
          { variantId: variant.id, title: variant.productTitle, quantity: 1, unitPrice: variant.price },
        ],
        customer: { email: `hook-${index}@example.com`, firstName: 'Web', lastName: 'Hook' },
      }).then((order) => {
        created.push({ id: order.id, createdAt: Date.parse(simulator.store.order(order.id)!.createdAt) });
      }),
    );
  }
  await Promise.all(creating);
  const creationS = (performance.now() - started) / 1000;
  log(`created ${orderCount} orders in ${creationS.toFixed(1)} s (${(orderCount / creationS).toFixed(1)}/s)`);

  const documentTimes = new Map<string, number>();
  let duplicates = 0;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const rows = await orm.em
      .fork()
      .execute<{ shopify_order_id: string; first_created: Date; documents: string }[]>(
        `select shopify_order_id, min(created_at) as first_created, count(*) as documents from sales_header where store = ? group by shopify_order_id`,
        [simulator.shopDomain],
      );
    duplicates = 0;
    for (const row of rows) {
      documentTimes.set(row.shopify_order_id, new Date(row.first_created).getTime());
      duplicates += Number(row.documents) - 1;
    }
    if (created.every((order) => documentTimes.has(order.id))) break;
    await sleep(100);
  }
  const latencies = created
    .filter((order) => documentTimes.has(order.id))
    .map((order) => documentTimes.get(order.id)! - order.createdAt)
    .sort((first, second) => first - second);
  const lost = created.length - latencies.length;
  await simulator.webhooks.idle();
  log(`receiver counters: ${JSON.stringify(receiver.counters.snapshot())}`);

  // Phase 2: a burst of signed deliveries at once (orders/updated of the orders just imported,
  // each a new event); the reply time is what Shopify's 5-second limit is about.
  const replyMs: number[] = [];
  let refused = 0;
  await Promise.all(
    Array.from({ length: burstSize }, async (_, index) => {
      const order = created[index % created.length]!;
      const body = JSON.stringify({
        id: Number(order.id.split('/').pop()),
        admin_graphql_api_id: order.id,
        updated_at: new Date(order.createdAt).toISOString(),
      });
      const sent = performance.now();
      const response = await fetch(receiver.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Shopify-Topic': 'orders/updated',
          'X-Shopify-Hmac-Sha256': signWebhook(body, simulator.webhookSecret),
          'X-Shopify-Shop-Domain': simulator.shopDomain,
          'X-Shopify-Event-Id': randomUUID(),
          'X-Shopify-Triggered-At': new Date().toISOString(),
        },
        body,
      });
      await response.arrayBuffer();
      replyMs.push(performance.now() - sent);
      if (response.status !== 200) refused += 1;
    }),
  );
  replyMs.sort((first, second) => first - second);
  log(
    `burst=${burstSize} reply_p50_ms=${percentile(replyMs, 0.5).toFixed(0)} reply_p95_ms=${percentile(replyMs, 0.95).toFixed(0)} ` +
      `reply_max_ms=${replyMs.at(-1)!.toFixed(0)} non_200=${refused}`,
  );

  await receiver.close();
  worker.kill('SIGTERM');
  console.log(
    `orders=${orderCount} rate=${rate} p50_ms=${percentile(latencies, 0.5)} p95_ms=${percentile(latencies, 0.95)} ` +
      `p99_ms=${percentile(latencies, 0.99)} max_ms=${latencies.at(-1) ?? 0} lost=${lost} duplicates=${duplicates}`,
  );
} finally {
  await environment.stop();
}
