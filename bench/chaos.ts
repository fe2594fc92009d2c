/**
 * Chaos run: N orders imported, shipped and partly refunded under injected Shopify faults, with
 * the worker killed (-9) every 20 s of its life and PostgreSQL restarted once, all on a
 * PostgreSQL cluster, Temporal dev server and simulated store of the run's own. It ends by itself
 * and checks both systems: every order has exactly one document or a typed problem, every shipment
 * its fulfillments exactly once, every refund exactly one credit memo.
 *
 *   npm run chaos -- --orders 1500 [--kill-every 20] [--workers 1]
 *
 * Last line: orders imported documents problems fulfillments credit_memos lost duplicates
 * failed_workflows drain_s resume_s (median from a kill to the next completed step) kills
 * pg_restarts worker_start_s seconds.
 */
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { seedDemoShop } from '../erp/demo-setup';
import { ImportedOrder, OrderToImport, SalesHeader, ShipmentSync, ShopCard } from '../erp/entities';
import { openErp, type ErpOrm } from '../erp/orm';
import { addShippingAgent, postSalesShipment } from '../erp/services/shipments';
import { mapWithConcurrency } from '../platform/concurrency';
import { startShopifySimulator } from '../simulator';
import { parseFaultSpec } from '../simulator/fault-spec';
import { createOrder, type GeneratedOrder } from '../simulator/generator/create-order';
import { refundOrder } from '../simulator/generator/refund-order';
import { loadShopProfile } from '../simulator/generator/shop-profile';
import { notifyShipmentPosted } from '../temporal/dispatch-shipment';
import { orderStatusQuery, orderWorkflowId } from '../workflows/messages';
import { syncOrdersWorkflow } from '../workflows/sync-orders';
import { benchArgument, startBenchDevServer } from './bench-environment';
import { KilledWorkers } from './chaos-workers';
import { startScratchPostgres } from './scratch-postgres';
import { benchWorkflowBundle } from './spawn-bench-worker';

/** The fault rates of the chaos run, as `orderbridge sim --faults` takes them. */
export const CHAOS_FAULTS = '5xx=0.02,429=0.01,throttled=0.02,drop=0.01,slow=0.01';

export interface ChaosOptions {
  orders: number;
  /** Seconds a worker runs (from its first poll) before it is killed. */
  killEverySeconds: number;
  workers: number;
  /** An existing Temporal (the test suite's); otherwise a dev server of the run's own. */
  temporalAddress?: string;
  /** Give up waiting after this long (a stuck run still reports, with lost > 0). */
  deadlineSeconds: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  orders: number;
  imported: number;
  documents: number;
  problems: number;
  shipments: number;
  fulfillments: number;
  refunds: number;
  creditMemos: number;
  lost: number;
  duplicates: number;
  failedWorkflows: number;
  drainS: number;
  resumeS: number;
  kills: number;
  pgRestarts: number;
  workerStartS: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** Retries a step of the run itself (not of orderbridge) while PostgreSQL restarts. */
async function persist<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 30) throw error;
      await sleep(1000);
    }
  }
}

/** Completed steps (documents, settled shipments, credit memos): their times give resume_s. */
function progressProbe(orm: ErpOrm, store: string) {
  const completions: number[] = [];
  let last = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const em = orm.em.fork();
        const [documents, shipments] = await Promise.all([
          em.count(SalesHeader, { store }),
          em.count(ShipmentSync, { status: { $in: ['fulfilled', 'partially-synced', 'not-synced'] } }),
        ]);
        const now = Date.now();
        for (let done = last; done < documents + shipments; done++) completions.push(now);
        last = Math.max(last, documents + shipments);
      } catch {
        // PostgreSQL is restarting: the next probe counts what happened meanwhile.
      }
      await sleep(250);
    }
  })();
  return {
    /** Seconds from `at` to the first completion after it, if any. */
    resumeAfter(at: number): number | undefined {
      const next = completions.find((time) => time > at);
      return next === undefined ? undefined : (next - at) / 1000;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

async function waitFor(
  what: string,
  deadline: number,
  done: () => Promise<boolean>,
  log: (line: string) => void,
) {
  let lastLog = 0;
  while (Date.now() < deadline) {
    if (await done().catch(() => false)) return true;
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(`waiting for ${what}...`);
    }
    await sleep(500);
  }
  log(`gave up waiting for ${what}`);
  return false;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const runStarted = Date.now();
  const deadline = runStarted + options.deadlineSeconds * 1000;
  const postgres = await startScratchPostgres();
  const devServer = options.temporalAddress ? undefined : await startBenchDevServer();
  const address = options.temporalAddress ?? devServer!.address;
  const databaseUrl = `${postgres.serverUrl}/orderbridge_chaos`;
  const orm = await openErp({ databaseUrl, migrate: true, poolMax: 8 });
  const simulator = await startShopifySimulator({ plan: 'enterprise', throttle: 'unthrottled' });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = `chaos-${Date.now().toString(36)}`;
  const store = simulator.shopDomain;
  const target = {
    graphqlUrl: simulator.graphqlUrl,
    accessToken: simulator.accessToken,
    seedApi: simulator.store,
  };
  let workers: KilledWorkers | undefined;
  let probe: ReturnType<typeof progressProbe> | undefined;
  try {
    const skus = ['CHAOS-A', 'CHAOS-B', 'CHAOS-C'];
    const variants = skus.map((sku, index) => ({
      sku,
      price: `${(index + 1) * 10}.00`,
      id: simulator.store.addProduct({
        title: sku,
        variants: [{ title: 'One size', sku, price: `${(index + 1) * 10}.00` }],
      }).sim.variantIds[0]!,
    }));
    // Sold in Shopify, never set up in the ERP: its orders must end with a typed problem.
    const unmapped = simulator.store.addProduct({
      title: 'Not in the ERP',
      variants: [{ title: 'One size', sku: 'CHAOS-UNMAPPED', price: '5.00' }],
    }).sim.variantIds[0]!;
    await seedDemoShop(orm, {
      shopDomain: store,
      shopCode: 'CHAOS',
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
    await orm.em
      .fork()
      .nativeUpdate(ShopCard, { code: 'CHAOS' }, { returnRefundProcess: 'auto_credit_memo' });
    await addShippingAgent(orm, 'DHL', {
      name: 'DHL Freight',
      shopifyTrackingCompany: 'DHL Express',
      packageTrackingUrl: 'https://www.dhl.example/track?id=%1',
    });

    log(`creating ${options.orders} orders in the simulated store...`);
    const profile = await loadShopProfile(target);
    const created: GeneratedOrder[] = [];
    await mapWithConcurrency(
      Array.from({ length: options.orders }, (_, index) => index),
      8,
      async (index) => {
        const lines = variants.slice(0, 1 + (index % 3)).map((variant) => ({
          variantId: variant.id,
          title: variant.sku,
          sku: variant.sku,
          quantity: 1 + (index % 2),
          unitPrice: variant.price,
        }));
        if (index % 25 === 24) {
          lines.push({
            variantId: unmapped,
            title: 'Not in the ERP',
            sku: 'CHAOS-UNMAPPED',
            quantity: 1,
            unitPrice: '5.00',
          });
        }
        created.push(
          await createOrder(
            target,
            {
              lines,
              customer: {
                email: `chaos-${index}@example.com`,
                firstName: 'Chaos',
                lastName: `Buyer ${index}`,
              },
            },
            profile,
          ),
        );
      },
    );

    log('building the workflow bundle...');
    // Workers run `orderbridge worker` as operators do: the CLI built by `npm run build:cli` (the npm
    // script builds it first), or the sources through tsx when they changed since.
    const workflowBundle = await benchWorkflowBundle();
    simulator.faults.configure({ seed: 14, rates: parseFaultSpec(CHAOS_FAULTS) });
    workers = new KilledWorkers(
      { temporalAddress: address, taskQueue, databaseUrl, shopifyBaseUrl: simulator.baseUrl, workflowBundle },
      options.killEverySeconds * 1000,
      log,
    );
    await workers.start(options.workers);
    probe = progressProbe(orm, store);
    const drainStarted = Date.now();
    let pgRestarts = 0;

    // Import, with one PostgreSQL restart once a third of the documents exist.
    const sync = (label: string) =>
      client.workflow.start(syncOrdersWorkflow, {
        taskQueue,
        workflowId: `sync-orders:CHAOS:${label}`,
        args: [{ shopCode: 'CHAOS' }],
      });
    await (await sync('import')).result();
    const settledOrders = async () => {
      const em = orm.em.fork();
      const [documents, withErrors] = await Promise.all([
        em.count(SalesHeader, { store, documentType: { $ne: 'credit_memo' } }),
        em.count(ImportedOrder, { store, hasError: true }),
      ]);
      if (pgRestarts === 0 && documents >= options.orders / 3) {
        log(`restarting PostgreSQL (${documents} documents so far)...`);
        await postgres.restart();
        pgRestarts++;
      }
      return documents + withErrors >= options.orders;
    };
    await waitFor('every order to have a document or a problem', deadline, settledOrders, log);
    if (pgRestarts === 0) {
      await postgres.restart();
      pgRestarts++;
    }
    log(`import drained after ${((Date.now() - drainStarted) / 1000).toFixed(1)} s; posting shipments...`);

    // Ship every sales order in the ERP (as `orderbridge erp ship` does) and wake its workflow.
    const salesOrders = await persist(() =>
      orm.em.fork().find(SalesHeader, { store, documentType: 'order' }, { fields: ['no', 'shopifyOrderId'] }),
    );
    const shippedOrderIds: string[] = [];
    await mapWithConcurrency(salesOrders, 4, async (document) => {
      const posted = await persist(() =>
        postSalesShipment(orm, {
          document: document.no,
          shippingAgentCode: 'DHL',
          packageTrackingNo: `JD${document.no}`,
        }),
      );
      await notifyShipmentPosted(client, taskQueue, { ...posted.shopify!, shipmentId: posted.shipmentId });
      shippedOrderIds.push(posted.shopify!.shopifyOrderId);
    });
    const settledShipments = async () =>
      (await orm.em
        .fork()
        .count(ShipmentSync, { status: { $in: ['fulfilled', 'partially-synced', 'not-synced'] } })) >=
      shippedOrderIds.length;
    await waitFor('every shipment to be settled with Shopify', deadline, settledShipments, log);

    // Refund one unit of the first line of every fifth shipped order, then let a sync find them.
    const refunded = shippedOrderIds.filter((_, index) => index % 5 === 0);
    log(`refunding ${refunded.length} orders...`);
    // The store's own set-up calls are not what is tested: no faults while they are made.
    simulator.faults.configure({ rates: {} });
    await mapWithConcurrency(refunded, 4, async (orderId) => {
      const order = created.find((candidate) => candidate.id === orderId)!;
      await refundOrder(target, orderId, {
        lines: [{ lineItemId: order.lineItemIds[0]!, quantity: 1, restockType: 'NO_RESTOCK' }],
      });
    });
    simulator.faults.configure({ seed: 15, rates: parseFaultSpec(CHAOS_FAULTS) });
    await (await sync('refunds')).result();
    const settledRefunds = async () =>
      (await orm.em.fork().count(SalesHeader, { store, documentType: 'credit_memo' })) >= refunded.length;
    await waitFor('a credit memo for every refund', deadline, settledRefunds, log);
    const drainS = (Date.now() - drainStarted) / 1000;
    await probe.stop();
    await workers.stop();

    return {
      ...(await verify({ orm, client, store, taskQueue, created, simulator, shippedOrderIds })),
      drainS,
      resumeS: median(
        workers.kills
          .filter((kill) => kill.at < drainStarted + drainS * 1000)
          .map((kill) => probe!.resumeAfter(kill.at))
          .filter((value): value is number => value !== undefined),
      ),
      kills: workers.kills.length,
      pgRestarts,
      workerStartS: median(workers.kills.map((kill) => kill.startS ?? 0).filter((value) => value > 0)),
      seconds: (Date.now() - runStarted) / 1000,
    };
  } finally {
    await probe?.stop();
    await workers?.stop();
    await simulator.stop();
    await orm.close(true);
    await connection.close();
    await devServer?.stop();
    await postgres.stop();
  }
}

/** Both systems, side by side: what Shopify holds against what the ERP made of it. */
async function verify(context: {
  orm: ErpOrm;
  client: Client;
  store: string;
  taskQueue: string;
  created: GeneratedOrder[];
  simulator: Awaited<ReturnType<typeof startShopifySimulator>>;
  shippedOrderIds: string[];
}) {
  const { orm, client, store, created, simulator } = context;
  const em = orm.em.fork();
  const [headers, imported, syncs, listedWithErrors] = await Promise.all([
    em.find(SalesHeader, { store }, { fields: ['documentType', 'shopifyOrderId', 'shopifyRefundId'] }),
    em.count(ImportedOrder, { store }),
    em.find(ShipmentSync, {}),
    em.find(OrderToImport, { store, hasError: true }, { fields: ['shopifyOrderId'] }),
  ]);
  let duplicates = 0;
  let lost = 0;
  let problems = 0;
  const documentsByOrder = new Map<string, number>();
  for (const header of headers.filter((entry) => entry.documentType !== 'credit_memo')) {
    documentsByOrder.set(header.shopifyOrderId!, (documentsByOrder.get(header.shopifyOrderId!) ?? 0) + 1);
  }
  for (const order of created) {
    const documents = documentsByOrder.get(order.id) ?? 0;
    if (documents > 1) duplicates += documents - 1;
    if (documents >= 1) continue;
    // No document: the order must show a typed problem (workflow status, or its orders-to-import row).
    const status = await client.workflow
      .getHandle(orderWorkflowId(store, order.id))
      .query(orderStatusQuery)
      .catch(() => undefined);
    const typed = status?.hasError && status.problems.some((problem) => problem.code && problem.fix);
    if (typed || listedWithErrors.some((row) => row.shopifyOrderId === order.id)) problems++;
    else lost++;
  }

  // Fulfillments: each shipment's recorded fulfillments are exactly the order's in Shopify.
  let fulfillments = 0;
  const recorded = new Map<string, number>();
  for (const sync of syncs) {
    if (sync.status !== 'fulfilled' && sync.status !== 'partially-synced') lost++;
    for (const id of sync.shopifyFulfillmentIds) recorded.set(id, (recorded.get(id) ?? 0) + 1);
  }
  for (const orderId of context.shippedOrderIds) {
    const inShopify =
      simulator.store.order(orderId)?.fulfillments.filter((entry) => entry.status === 'SUCCESS') ?? [];
    fulfillments += inShopify.length;
    for (const fulfillment of inShopify) if (!recorded.has(fulfillment.id)) duplicates++;
  }
  for (const count of recorded.values()) if (count > 1) duplicates += count - 1;
  lost += context.shippedOrderIds.length - syncs.length;

  // Credit memos: one per refund made in Shopify.
  const memosByRefund = new Map<string, number>();
  for (const header of headers.filter((entry) => entry.documentType === 'credit_memo')) {
    memosByRefund.set(header.shopifyRefundId!, (memosByRefund.get(header.shopifyRefundId!) ?? 0) + 1);
  }
  let refunds = 0;
  for (const order of created) {
    for (const refund of simulator.store.order(order.id)?.refunds ?? []) {
      refunds++;
      const memos =
        [...memosByRefund.entries()].find(([id]) => refund.id.endsWith(id) || id.endsWith(refund.id))?.[1] ??
        0;
      if (memos === 0) lost++;
      if (memos > 1) duplicates += memos - 1;
    }
  }

  let failedWorkflows = 0;
  for (const status of ['Failed', 'Terminated', 'TimedOut']) {
    for await (const _ of client.workflow.list({
      query: `TaskQueue = '${context.taskQueue}' AND ExecutionStatus = '${status}'`,
    })) {
      failedWorkflows++;
    }
  }
  const documents = [...documentsByOrder.values()].filter((count) => count > 0).length;
  return {
    orders: created.length,
    imported,
    documents,
    problems,
    shipments: context.shippedOrderIds.length,
    fulfillments,
    refunds,
    creditMemos: headers.filter((entry) => entry.documentType === 'credit_memo').length,
    lost,
    duplicates,
    failedWorkflows,
  };
}

export function chaosSummary(report: ChaosReport): string {
  const figures: Record<string, string | number> = {
    orders: report.orders,
    imported: report.imported,
    documents: report.documents,
    problems: report.problems,
    fulfillments: report.fulfillments,
    credit_memos: report.creditMemos,
    lost: report.lost,
    duplicates: report.duplicates,
    failed_workflows: report.failedWorkflows,
    drain_s: report.drainS.toFixed(1),
    resume_s: report.resumeS.toFixed(1),
    kills: report.kills,
    pg_restarts: report.pgRestarts,
    worker_start_s: report.workerStartS.toFixed(1),
    seconds: report.seconds.toFixed(0),
  };
  return Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const orders = benchArgument('orders', 1500);
  const report = await runChaos({
    orders,
    killEverySeconds: benchArgument('kill-every', 20),
    workers: benchArgument('workers', 1),
    deadlineSeconds: benchArgument('deadline', 1800 + orders * 2),
    ...(process.env.TEMPORAL_ADDRESS ? { temporalAddress: process.env.TEMPORAL_ADDRESS } : {}),
  });
  console.error(
    `shipments=${report.shipments} refunds=${report.refunds} (each checked in Shopify against the ERP)`,
  );
  console.log(chaosSummary(report));
  process.exit(report.lost === 0 && report.duplicates === 0 && report.failedWorkflows === 0 ? 0 : 1);
}
