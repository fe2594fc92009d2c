/**
 * Fuzz run: N hostile orders made through the simulator's real mutations (NUL and control
 * characters, right-to-left marks, emoji, SQL-like and very long text, negative, zero and huge
 * amounts, missing customer, address, e-mail and phone), imported by the real `orderbridge worker`
 * process. Every order must end imported or with a typed problem (silent=0), and no customer's
 * personal value may appear in a workflow history or the worker's log (pii_leaks=0).
 *
 *   npm run fuzz -- --orders 1000
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { seedDemoShop } from '../erp/demo-setup';
import { ImportedOrder } from '../erp/entities';
import { createOrder } from '../simulator/generator/create-order';
import { WORKFLOWS_PATH } from '../worker/worker';
import { orderStatusQuery, orderWorkflowId, type OrderStatus } from '../workflows/messages';
import { syncOrdersWorkflow } from '../workflows/sync-orders';
import { benchArgument, startBenchEnvironment, type BenchEnvironment } from './bench-environment';
import { fuzzCustomer, hostileOrder } from './hostile-orders';

export interface FuzzReport {
  orders: number;
  imported: number;
  problems: number;
  silent: number;
  piiLeaks: number;
}

function startWorker(environment: BenchEnvironment, bundlePath: string, onLog: (text: string) => void) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../client/main.ts', import.meta.url)), 'worker'],
    {
      env: {
        ...process.env,
        DATABASE_URL: environment.databaseUrl,
        TEMPORAL_ADDRESS: environment.address,
        TEMPORAL_TASK_QUEUE: environment.taskQueue,
        SHOPIFY_API_BASE_URL: environment.simulator.baseUrl,
        WORKER_WORKFLOW_BUNDLE: bundlePath,
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (chunk: Buffer) => onLog(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => onLog(chunk.toString('utf8')));
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Every string of a history, payload bytes decoded (their JSON is UTF-8 text). */
function textsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (value instanceof Uint8Array) into.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) for (const entry of value) textsOf(entry, into);
  else if (value !== null && typeof value === 'object')
    for (const entry of Object.values(value)) textsOf(entry, into);
  return into;
}

const settled = (status: OrderStatus | undefined) =>
  status !== undefined &&
  (status.document !== undefined ||
    status.hasError ||
    status.stage === 'needs-attention' ||
    status.stage === 'skipped');

export async function runFuzz(options: {
  orders: number;
  log?: (line: string) => void;
}): Promise<FuzzReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const environment = await startBenchEnvironment();
  let workerLog = '';
  let worker: ChildProcess | undefined;
  try {
    await seedDemoShop(environment.orm, {
      shopDomain: environment.simulator.shopDomain,
      accessToken: environment.simulator.accessToken,
      shopCode: 'FUZZ',
      locations: [
        {
          shopifyLocationId: environment.simulator.store.defaultLocation()!.id,
          name: 'Shop location',
          locationCode: 'MAIN',
        },
      ],
      items: [{ no: 'TSHIRT-M', description: 'Organic T-shirt M' }],
    });
    const variantId = environment.simulator.store.addProduct({
      title: 'Organic T-shirt',
      variants: [{ title: 'M', sku: 'TSHIRT-M', price: '25.00' }],
    }).sim.variantIds[0]!;
    const orderIds: string[] = [];
    for (let index = 0; index < options.orders; index++) {
      orderIds.push((await createOrder(environment.target, hostileOrder(index, variantId))).id);
    }
    log(`created ${orderIds.length} hostile orders`);

    const scratch = mkdtempSync(join(tmpdir(), 'ob-fuzz-'));
    const bundlePath = join(scratch, 'workflow-bundle.js');
    writeFileSync(bundlePath, (await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH })).code);
    worker = startWorker(environment, bundlePath, (text) => (workerLog += text));
    await environment.client.workflow.execute(syncOrdersWorkflow, {
      taskQueue: environment.taskQueue,
      workflowId: `sync-orders:FUZZ:${Date.now()}`,
      args: [{ shopCode: 'FUZZ' }],
    });

    const statuses = new Map<string, OrderStatus>();
    const deadline = Date.now() + 60_000 + options.orders * 500;
    while (Date.now() < deadline && statuses.size < orderIds.length) {
      for (const id of orderIds) {
        if (statuses.has(id)) continue;
        const status = await environment.client.workflow
          .getHandle(orderWorkflowId(environment.simulator.shopDomain, id))
          .query(orderStatusQuery)
          .catch(() => undefined);
        if (settled(status)) statuses.set(id, status!);
      }
      if (statuses.size < orderIds.length) await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    const imported = await environment.orm.em
      .fork()
      .count(ImportedOrder, { store: environment.simulator.shopDomain });
    const problems = [...statuses.values()].filter((status) => status.hasError).length;
    const silent = orderIds.length - statuses.size;

    const histories: string[] = [];
    for await (const execution of environment.client.workflow.list({
      query: `TaskQueue = '${environment.taskQueue}'`,
    })) {
      const history = await environment.client.workflow
        .getHandle(execution.workflowId, execution.runId)
        .fetchHistory();
      histories.push(textsOf(history).join('\n').toLowerCase());
    }
    await stopWorker(worker);
    const logText = workerLog.toLowerCase();
    let piiLeaks = 0;
    for (let index = 0; index < orderIds.length; index++) {
      const customer = fuzzCustomer(index);
      for (const value of [
        customer.email,
        customer.phone,
        customer.firstName,
        customer.lastName,
        customer.street,
      ]) {
        const needle = value.toLowerCase();
        if (logText.includes(needle) || histories.some((text) => text.includes(needle))) piiLeaks++;
      }
    }
    return { orders: orderIds.length, imported, problems, silent, piiLeaks };
  } finally {
    if (worker) await stopWorker(worker);
    await environment.stop();
  }
}

export function fuzzSummary(report: FuzzReport): string {
  return (
    `orders=${report.orders} imported=${report.imported} problems=${report.problems} ` +
    `silent=${report.silent} pii_leaks=${report.piiLeaks}`
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await runFuzz({ orders: benchArgument('orders', 100) });
  console.log(fuzzSummary(report));
  process.exit(report.silent === 0 && report.piiLeaks === 0 ? 0 : 1);
}
