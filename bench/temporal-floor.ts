/**
 * Temporal's share of an order, alone: N order workflows with their work taken out
 * (bench/floor-workflows.ts), dispatched the way order sync dispatches (signal-with-start,
 * ORDER_DISPATCH_CONCURRENCY at a time), each running one empty local activity and one
 * search-attribute upsert, then waiting.
 *
 *   npm run bench:temporal-floor -- --orders 1000
 *
 * The rate it reaches is a ceiling for `npm run bench` on the same machine, whatever import and
 * document cost; the dev server's CPU per workflow is what every order pays Temporal. Last line:
 * `workflows=<N> workflows_per_s=<x> server_cpu_ms_per_workflow=<x> process_cpu_ms_per_workflow=<x>`
 * (the process is this one: the worker and the dispatching client).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { dispatchOrderChange } from '../temporal/dispatch-order';
import { mapWithConcurrency } from '../platform/concurrency';
import { ORDER_DISPATCH_CONCURRENCY } from '../activities/sync-orders';
import { DEFAULT_WORKER_TUNING, workerTuningOptions } from '../worker/worker';
import { benchArgument, startBenchDevServer } from './bench-environment';
import { createFloorActivities } from './floor-activities';

const orderCount = benchArgument('orders', 1000);
const log = (line: string) => console.error(line);

/** CPU time a process has used so far, in milliseconds (Linux /proc; user + system). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ", in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

Runtime.install({ logger: new DefaultLogger('ERROR') });
const devServer = await startBenchDevServer();
const connection = await NativeConnection.connect({ address: devServer.address });
try {
  const client = new Client({ connection });
  const taskQueue = 'temporal-floor';
  const store = 'floor.myshopify.com';
  const stepped = new Set<string>();
  let allStepped: () => void = () => undefined;
  const finished = new Promise<void>((done) => (allStepped = done));
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./floor-workflows.ts', import.meta.url)),
    activities: createFloorActivities((shopifyOrderId) => {
      stepped.add(shopifyOrderId);
      if (stepped.size === orderCount) allStepped();
    }),
    ...workerTuningOptions(DEFAULT_WORKER_TUNING),
  });
  const running = worker.run();
  const orderIds = Array.from({ length: orderCount }, (_, index) => `gid://shopify/Order/${index + 1}`);
  const serverPid = devServer.process.pid!;

  const serverCpuBefore = processCpuMs(serverPid);
  const ownCpuBefore = process.cpuUsage();
  const started = performance.now();
  await mapWithConcurrency(orderIds, ORDER_DISPATCH_CONCURRENCY, (shopifyOrderId) =>
    dispatchOrderChange(client, taskQueue, {
      store,
      shopifyOrderId,
      orderName: `#${shopifyOrderId.split('/').pop()}`,
      change: { shopCode: 'FLOOR', shopifyUpdatedAt: new Date().toISOString(), source: 'sync' },
    }),
  );
  await finished;
  const elapsedS = (performance.now() - started) / 1000;
  const serverCpuMs = processCpuMs(serverPid) - serverCpuBefore;
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const ownCpuMs = (ownCpu.user + ownCpu.system) / 1000;
  log(`${orderCount} workflows through their first workflow task in ${elapsedS.toFixed(1)} s`);

  worker.shutdown();
  await running;
  console.log(
    [
      `workflows=${orderCount}`,
      `workflows_per_s=${(orderCount / elapsedS).toFixed(1)}`,
      `server_cpu_ms_per_workflow=${(serverCpuMs / orderCount).toFixed(1)}`,
      `process_cpu_ms_per_workflow=${(ownCpuMs / orderCount).toFixed(1)}`,
    ].join(' '),
  );
} finally {
  await connection.close();
  await devServer.stop();
}
