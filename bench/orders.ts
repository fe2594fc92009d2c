/**
 * Order import benchmark: N generated orders, simulator → order workflows → sales documents.
 *
 *   npm run bench -- --orders 1000 [--workers N] [--plan standard|advanced|plus|enterprise] [--latency-orders N]
 *
 * Phase 1 (throughput): N orders exist in Shopify; one order sync runs, and the clock stops when
 * every order has a document or an error. Phase 2 (latency): a trickle of orders is created while
 * order syncs run back to back, and each order's time from creation in Shopify to its document is
 * measured. Shopify requests and cost come from the simulator (unthrottled, or with `--plan` throttled
 * to that plan's budget once the store is generated), Temporal actions from the workflow histories,
 * worker memory from the worker's own process. Last line: the figures, `throttled=` the THROTTLED
 * answers of phase 1 and, with a plan, `plan_share=` the throughput as a share of what the plan
 * allows at the measured cost per order.
 */
import { spawn } from 'node:child_process';
import { seedDemoShop } from '../erp/demo-setup';
import { ImportedOrder, SalesHeader, ShopifyVariantLink } from '../erp/entities';
import { generateStore } from '../simulator/generator/generate-store';
import { createOrder } from '../simulator/generator/create-order';
import { orderWorkflowId } from '../workflows/messages';
import { syncOrdersWorkflow } from '../workflows/sync-orders';
import { benchArgument, startBenchEnvironment } from './bench-environment';
import { BENCH_PLANS, benchPlanArgument, planOrdersPerSecond } from './bench-plans';
import { spawnBenchWorker } from './spawn-bench-worker';
import { activityDurations, countActionsOf } from './temporal-actions';

const orderCount = benchArgument('orders', 200);
/** Worker processes sharing the task queue, as a deployment scales out; memory is per process. */
const workerCount = benchArgument('workers', 1);
const plan = benchPlanArgument();
const latencySample = benchArgument(
  'latency-orders',
  Math.min(100, Math.max(10, Math.round(orderCount / 10))),
);
const percentile = (sorted: number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
const log = (line: string) => console.error(line);

const environment = await startBenchEnvironment();
const { address, client, taskQueue, databaseUrl, orm, simulator, target } = environment;

try {
  log(`generating ${orderCount} orders...`);
  // No custom (product-less) lines: every generated order can become a document.
  const generated = await generateStore(target, {
    seed: 42,
    orders: orderCount,
    mix: { customItemShare: 0 },
  });
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
      {
        shopifyLocationId: simulator.store.defaultLocation()!.id,
        name: 'Shop location',
        locationCode: 'MAIN',
      },
    ],
    items: generated.variants.map((variant) => ({
      no: variant.key.slice(0, 20),
      description: variant.productTitle.slice(0, 100),
    })),
  });
  // Every variant is mapped explicitly, the way a merchant with a full item catalog would be.
  const em = orm.em.fork();
  for (const variant of generated.variants) {
    em.create(ShopifyVariantLink, {
      store: simulator.shopDomain,
      shopifyVariantId: variant.id,
      itemNo: variant.key.slice(0, 20),
    });
  }
  await em.flush();

  const workers = await Promise.all(
    Array.from({ length: workerCount }, () =>
      spawnBenchWorker({
        temporalAddress: address,
        taskQueue,
        databaseUrl,
        shopDomain: simulator.shopDomain,
        shopifyBaseUrl: simulator.baseUrl,
      }),
    ),
  );
  // The largest of the workers' peaks: each is a process of its own.
  let peakRssKb = 0;
  const memoryProbe = setInterval(() => {
    for (const worker of workers) {
      const ps = spawn('ps', ['-o', 'rss=', '-p', String(worker.pid)]);
      ps.stdout.on('data', (chunk: Buffer) => {
        peakRssKb = Math.max(peakRssKb, Number(chunk.toString().trim()) || 0);
      });
    }
  }, 250);

  const store = simulator.shopDomain;
  const settled = async () => {
    const fork = orm.em.fork();
    const [documents, errors] = await Promise.all([
      fork.count(SalesHeader, { store }),
      fork.count(ImportedOrder, { store, hasError: true }),
    ]);
    return { documents, errors };
  };
  const sync = (label: string) =>
    client.workflow.execute(syncOrdersWorkflow, {
      taskQueue,
      workflowId: `sync-orders:BENCH:${label}`,
      args: [{ shopCode: 'BENCH' }],
    });

  // Phase 1: throughput, on the plan's budget from here on (the store was generated unthrottled).
  if (plan) simulator.throttle.configure(BENCH_PLANS[plan]);
  simulator.resetStats();
  const started = performance.now();
  const report = await sync('throughput');
  let state = await settled();
  while (state.documents + state.errors < report.dispatched) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await settled();
  }
  const elapsedS = (performance.now() - started) / 1000;
  const stats = simulator.stats();
  log(
    `phase 1: ${report.dispatched} dispatched, ${state.documents} documents, ${state.errors} with errors in ${elapsedS.toFixed(1)} s`,
  );

  // Phase 2: latency from creation in Shopify to the document, with syncs back to back.
  let syncing = true;
  let syncRuns = 0;
  const syncLoop = (async () => {
    while (syncing) await sync(`latency-${syncRuns++}`);
  })();
  const trickle: { id: string; createdAt: number }[] = [];
  const variant = generated.variants.find((candidate) => !candidate.giftCard)!;
  for (let index = 0; index < latencySample; index += 1) {
    const order = await createOrder(target, {
      lines: [{ variantId: variant.id, title: variant.productTitle, quantity: 1, unitPrice: variant.price }],
      customer: { email: `latency-${index}@example.com`, firstName: 'Late', lastName: 'Ncy' },
    });
    trickle.push({ id: order.id, createdAt: Date.parse(simulator.store.order(order.id)!.createdAt) });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const latencies: number[] = [];
  const deadline = Date.now() + 120_000;
  for (const order of trickle) {
    for (;;) {
      const header = await orm.em.fork().findOne(SalesHeader, { store, shopifyOrderId: order.id });
      if (header) {
        latencies.push(header.createdAt.getTime() - order.createdAt);
        break;
      }
      if (Date.now() > deadline) throw new Error(`order ${order.id} got no document within the deadline`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  syncing = false;
  await syncLoop;
  clearInterval(memoryProbe);

  const workflowIds = (await orm.em.fork().find(ImportedOrder, { store }, { fields: ['shopifyOrderId'] }))
    .filter((order) => !trickle.some((latency) => latency.id === order.shopifyOrderId))
    .map((order) => orderWorkflowId(store, order.shopifyOrderId));
  const orderActions = (await countActionsOf(client, workflowIds)).reduce((sum, count) => sum + count, 0);
  const [syncActions] = await countActionsOf(client, ['sync-orders:BENCH:throughput']);
  log(
    `mean activity time, schedule to close (ms): ${JSON.stringify(await activityDurations(client, workflowIds.slice(0, 30)))}`,
  );
  for (const worker of workers) worker.kill('SIGTERM');

  latencies.sort((first, second) => first - second);
  const ordersPerSecond = state.documents / elapsedS;
  const planAllows = plan
    ? planOrdersPerSecond(BENCH_PLANS[plan], orderCount, stats.actualCost / orderCount)
    : undefined;
  const figures = {
    orders: orderCount,
    ...(plan ? { plan } : {}),
    workers: workerCount,
    orders_per_s: ordersPerSecond.toFixed(2),
    ...(planAllows !== undefined ? { plan_orders_per_s: planAllows.toFixed(2) } : {}),
    ...(planAllows !== undefined ? { plan_share: (ordersPerSecond / planAllows).toFixed(3) } : {}),
    requests_per_order: (stats.requests / orderCount).toFixed(3),
    cost_per_order: (stats.actualCost / orderCount).toFixed(1),
    actions_per_order: ((orderActions + (syncActions ?? 0)) / workflowIds.length).toFixed(2),
    p50_ms: percentile(latencies, 0.5),
    p95_ms: percentile(latencies, 0.95),
    throttled: stats.throttled,
  };
  log(
    `documents=${state.documents} errors=${state.errors} requested_cost_per_order=${(stats.requestedCost / orderCount).toFixed(1)} ` +
      `worker_peak_rss_mb=${(peakRssKb / 1024).toFixed(0)} latency_orders=${latencies.length} latency_syncs=${syncRuns}`,
  );
  log(
    `requests and actual cost by operation: ${JSON.stringify(Object.fromEntries(Object.entries(stats.byOperation).map(([name, op]) => [name, `${op.requests}/${op.actualCost}`])))}`,
  );
  console.log(
    Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(' '),
  );
} finally {
  await environment.stop();
}
