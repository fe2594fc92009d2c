import { sanitisingActivityInterceptor } from '../activities/failure-sanitising';
import { livenessHeartbeatInterceptor } from '../activities/liveness-heartbeats';
import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

/** Absolute path of the workflow barrel: Temporal bundles it with webpack, outside vite/tsx. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface WorkerTuning {
  maxConcurrentActivityTaskExecutions: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentLocalActivityExecutions: number;
  maxCachedWorkflows: number;
  shutdownGraceTimeSeconds: number;
}

export const DEFAULT_WORKER_TUNING: WorkerTuning = {
  // Shopify calls are rate limited per store and each activity holds a Postgres connection:
  // a modest activity concurrency keeps both below their limits on a small machine.
  maxConcurrentActivityTaskExecutions: 20,
  // A workflow task holds its slot while its local activities run (the order import and document
  // step is one): enough slots that imports, not slots, are the limit.
  maxConcurrentWorkflowTaskExecutions: 40,
  // Local activities reach Shopify and Postgres like activities do: the same modest bound.
  maxConcurrentLocalActivityExecutions: 20,
  // Order workflows stay open for weeks waiting for shipments and refunds: the sticky cache keeps
  // only the busy ones in memory; the rest are replayed from history when they wake (cheap: short
  // histories). 100 covers a burst of new orders going through import, document and close.
  maxCachedWorkflows: 100,
  shutdownGraceTimeSeconds: 30,
};

/** The SDK's worker options for a tuning: every worker of orderbridge's shape runs with these. */
export function workerTuningOptions(
  tuning: WorkerTuning,
): Pick<
  WorkerOptions,
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentLocalActivityExecutions'
  | 'maxCachedWorkflows'
  | 'shutdownGraceTime'
> {
  return {
    maxConcurrentActivityTaskExecutions: tuning.maxConcurrentActivityTaskExecutions,
    maxConcurrentWorkflowTaskExecutions: tuning.maxConcurrentWorkflowTaskExecutions,
    maxConcurrentLocalActivityExecutions: tuning.maxConcurrentLocalActivityExecutions,
    maxCachedWorkflows: tuning.maxCachedWorkflows,
    shutdownGraceTime: `${tuning.shutdownGraceTimeSeconds} seconds`,
  };
}

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  tuning?: Partial<WorkerTuning>;
  /** A pre-built bundle (tests build one per file); otherwise workflows/ is bundled now. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
}

/**
 * One orderbridge worker: all workflows and activities on one task queue. Several can run side
 * by side (processes or machines); Temporal shares the work between them, and every activity
 * is idempotent by its natural key, so a task retried on another worker does no harm.
 */
export async function createOrderbridgeWorker(options: CreateWorkerOptions): Promise<Worker> {
  const tuning = { ...DEFAULT_WORKER_TUNING, ...options.tuning };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(options.deps),
    interceptors: { activity: [sanitisingActivityInterceptor, livenessHeartbeatInterceptor] },
    ...workerTuningOptions(tuning),
    ...(options.identity ? { identity: options.identity } : {}),
  });
}
