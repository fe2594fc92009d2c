import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface BenchWorkerTarget {
  temporalAddress: string;
  taskQueue: string;
  databaseUrl: string;
  shopDomain: string;
  shopifyBaseUrl: string;
}

let bundlePath: Promise<string> | undefined;

/**
 * The workflow bundle, built once per benchmark run from the current code, in a process of its own,
 * as a deploy step would (`npm run build:workflows`): the workers load it and never load webpack.
 */
export function benchWorkflowBundle(): Promise<string> {
  bundlePath ??= (async () => {
    const directory = mkdtempSync(join(tmpdir(), 'orderbridge-bench-'));
    process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
    const path = join(directory, 'workflow-bundle.js');
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../scripts/bundle-workflows.ts', import.meta.url)), path],
      { cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );
    return path;
  })();
  return bundlePath;
}

/**
 * Starts bench-worker.ts in a process of its own, as production runs a worker, and resolves once
 * it polls. Its memory is then its own to measure.
 */
export async function spawnBenchWorker(target: BenchWorkerTarget): Promise<ChildProcess> {
  const workflowBundle = await benchWorkflowBundle();
  const worker = spawn(
    process.execPath,
    [
      // The heap limit a production worker runs with (README); BENCH_WORKER_NODE_ARGS adds flags,
      // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the worker alone.
      '--max-old-space-size=256',
      ...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      fileURLToPath(new URL('./bench-worker.ts', import.meta.url)),
    ],
    {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: target.temporalAddress,
        TASK_QUEUE: target.taskQueue,
        DATABASE_URL: target.databaseUrl,
        SHOP_DOMAIN: target.shopDomain,
        SHOPIFY_BASE_URL: target.shopifyBaseUrl,
        WORKER_WORKFLOW_BUNDLE: workflowBundle,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve) =>
    createInterface({ input: worker.stdout! }).once('line', () => resolve()),
  );
  return worker;
}
