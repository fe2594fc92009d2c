/**
 * Shipment benchmark: N paid orders are imported to released sales orders; one shipment per order
 * is posted in the ERP (timed on its own); then every order workflow is signalled, and the clock
 * runs from the first signal until every shipment is settled with Shopify. Closing follows on its
 * own (the orders are paid and now fulfilled); Shopify requests and cost are counted over the
 * whole sync phase, closes included.
 *
 *   npm run bench:shipments -- --orders 200
 *
 * Last line: shipments=<N> shipments_per_s=<x> requests_per_shipment=<x> cost_per_shipment=<x>
 */
import { notifyShipmentPosted } from '../temporal/dispatch-shipment';
import { seedDemoShop } from '../erp/demo-setup';
import { ImportedOrder, SalesHeader, ShipmentSync } from '../erp/entities';
import { addShippingAgent, type PostedShipment, postSalesShipment } from '../erp/services/shipments';
import { createOrder } from '../simulator/generator/create-order';
import { loadShopProfile } from '../simulator/generator/shop-profile';
import { orderWorkflowId } from '../workflows/messages';
import { syncOrdersWorkflow } from '../workflows/sync-orders';
import { benchArgument, startBenchEnvironment } from './bench-environment';
import { spawnBenchWorker } from './spawn-bench-worker';
import { activityDurations, countActionsOf } from './temporal-actions';
import { mapWithConcurrency } from '../platform/concurrency';

const orderCount = benchArgument('orders', 200);
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const environment = await startBenchEnvironment();
const { address, client, taskQueue, databaseUrl, orm, simulator, target } = environment;
const store = simulator.shopDomain;

try {
  const skus = ['BENCH-A', 'BENCH-B', 'BENCH-C'];
  const variants = skus.map((sku, index) => ({
    sku,
    price: `${(index + 1) * 10}.00`,
    id: simulator.store.addProduct({
      title: sku,
      variants: [{ title: 'One size', sku, price: `${(index + 1) * 10}.00` }],
    }).sim.variantIds[0]!,
  }));
  await seedDemoShop(orm, {
    shopDomain: store,
    shopCode: 'BENCH',
    accessToken: simulator.accessToken,
    autoCreateOrders: true,
    autoReleaseOrders: true,
    locations: [
      {
        shopifyLocationId: simulator.store.defaultLocation()!.id,
        name: 'Shop location',
        locationCode: 'MAIN',
      },
    ],
    items: skus.map((sku) => ({ no: sku, description: sku })),
  });
  await addShippingAgent(orm, 'DHL', {
    name: 'DHL Freight',
    shopifyTrackingCompany: 'DHL Express',
    packageTrackingUrl: 'https://www.dhl.example/track?id=%1',
  });

  log(`creating ${orderCount} paid orders of 1 to 3 lines...`);
  const profile = await loadShopProfile(target);
  await mapWithConcurrency(
    Array.from({ length: orderCount }, (_, index) => index),
    8,
    async (index) => {
      await createOrder(
        target,
        {
          lines: variants.slice(0, 1 + (index % 3)).map((variant) => ({
            variantId: variant.id,
            title: variant.sku,
            sku: variant.sku,
            quantity: 1 + (index % 2),
            unitPrice: variant.price,
          })),
          customer: { email: `ship-${index}@example.com`, firstName: 'Bench', lastName: `Buyer ${index}` },
        },
        profile,
      );
    },
  );

  const worker = await spawnBenchWorker({
    temporalAddress: address,
    taskQueue,
    databaseUrl,
    shopDomain: store,
    shopifyBaseUrl: simulator.baseUrl,
  });

  log('importing them to released sales orders...');
  const importStarted = performance.now();
  const sync = await client.workflow.execute(syncOrdersWorkflow, {
    taskQueue,
    workflowId: `sync-orders:BENCH:${Date.now()}`,
    args: [{ shopCode: 'BENCH' }],
  });
  while ((await orm.em.fork().count(SalesHeader, { store })) < sync.dispatched) await sleep(200);
  log(`import: ${sync.dispatched} documents in ${((performance.now() - importStarted) / 1000).toFixed(1)} s`);
  const documents = await orm.em.fork().find(SalesHeader, { store }, { fields: ['no'] });

  // Post one shipment per order in the ERP (as `erp ship` does), then signal every order
  // workflow at once: the clock measures the sync to Shopify, from the first signal.
  const postingStarted = performance.now();
  const posted: PostedShipment[] = [];
  await mapWithConcurrency(documents, 4, async (document) => {
    posted.push(
      await postSalesShipment(orm, {
        document: document.no,
        shippingAgentCode: 'DHL',
        packageTrackingNo: `JD${document.no}`,
      }),
    );
  });
  const postedS = (performance.now() - postingStarted) / 1000;
  simulator.resetStats();
  const started = performance.now();
  await mapWithConcurrency(posted, 16, (shipment) =>
    notifyShipmentPosted(client, taskQueue, { ...shipment.shopify!, shipmentId: shipment.shipmentId }),
  );
  const signalledS = (performance.now() - started) / 1000;
  const settledCount = () =>
    orm.em.fork().count(ShipmentSync, { status: { $in: ['fulfilled', 'partially-synced', 'not-synced'] } });
  while ((await settledCount()) < posted.length) await sleep(50);
  const settledS = (performance.now() - started) / 1000;
  const closedCount = () => orm.em.fork().count(ImportedOrder, { store, closed: true });
  const closeDeadline = Date.now() + 120_000;
  while ((await closedCount()) < posted.length && Date.now() < closeDeadline) await sleep(100);
  const closedS = (performance.now() - started) / 1000;
  const stats = simulator.stats();
  const fulfilled = await orm.em.fork().count(ShipmentSync, { status: 'fulfilled' });
  const closed = await closedCount();
  const fulfillments = [...new Set(posted.map((shipment) => shipment.shopify!.shopifyOrderId))].reduce(
    (total, orderId) => total + (simulator.store.order(orderId)?.fulfillments.length ?? 0),
    0,
  );
  const actions = await countActionsOf(
    client,
    posted.slice(0, 50).map((shipment) => orderWorkflowId(store, shipment.shopify!.shopifyOrderId)),
  );
  const sampled = posted
    .slice(0, 30)
    .map((shipment) => orderWorkflowId(store, shipment.shopify!.shopifyOrderId));
  log(
    `mean activity time, schedule to close (ms): ${JSON.stringify(await activityDurations(client, sampled))}`,
  );
  worker.kill('SIGTERM');

  log(
    `posted ${posted.length} shipments in the ERP in ${postedS.toFixed(1)} s; signalled in ${signalledS.toFixed(1)} s; ` +
      `from the first signal, all settled with Shopify after ${settledS.toFixed(1)} s ` +
      `(${fulfilled} fulfilled, ${fulfillments} Shopify fulfillments); ${closed} orders closed after ${closedS.toFixed(1)} s`,
  );
  log(
    `requests by operation: ${JSON.stringify(Object.fromEntries(Object.entries(stats.byOperation).map(([name, op]) => [name, op.requests])))}; ` +
      `actions per order workflow (import, shipment, close; first 50): ${(actions.reduce((sum, count) => sum + count, 0) / actions.length).toFixed(1)}`,
  );
  const figures = {
    shipments: posted.length,
    shipments_per_s: (posted.length / settledS).toFixed(1),
    requests_per_shipment: (stats.requests / posted.length).toFixed(2),
    cost_per_shipment: (stats.actualCost / posted.length).toFixed(1),
  };
  console.log(
    Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(' '),
  );
} finally {
  await environment.stop();
}
