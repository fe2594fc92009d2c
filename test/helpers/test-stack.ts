import { Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { startShopifySimulator, type RunningSimulator, type ShopifySimulatorOptions } from '../../simulator';
import type { ActivityDeps } from '../../activities';
import { createOrderbridgeWorker } from '../../worker/worker';
import type { OrderTimings } from '../../workflows/order-timings';
import { createTestErp, type TestErp } from './test-database';
import { testLogger } from './test-logger';
import { connectTestTemporal, type TestTemporal } from './test-temporal';

/** Short waits: there is no time-skipping server offline, so tests run real seconds. */
export const TEST_ORDER_TIMINGS: OrderTimings = {
  recheckProblemsAfter: '2 seconds',
  maxRecheckInterval: '4 seconds',
  activityAttemptTimeout: '5 seconds',
};

export interface TestStack {
  erp: TestErp;
  temporal: TestTemporal;
  simulator: RunningSimulator;
  /**
   * Starts another worker on the same task queue (its own connection, as another process would);
   * `deps` overrides the worker's activity dependencies (e.g. a Shopify address through a proxy).
   */
  startWorker(identity?: string, deps?: Partial<ActivityDeps>): Promise<RunningTestWorker>;
  close(): Promise<void>;
}

export interface RunningTestWorker {
  worker: Worker;
  /** Stops polling and waits for activities in flight. */
  stop(): Promise<void>;
}

/**
 * Everything an integration test needs, all real: the run's Temporal dev server (own task queue),
 * a fresh PostgreSQL database with the real migrations, and a simulated Shopify store on the real
 * 2026-10 schema. One worker is started unless `workers: 0`.
 */
export async function startTestStack(
  options: {
    simulator?: ShopifySimulatorOptions;
    workers?: number;
    timings?: OrderTimings;
    /** Activity dependencies of every worker, over the defaults below. */
    deps?: Partial<ActivityDeps>;
  } = {},
): Promise<TestStack> {
  const [erp, temporal, simulator] = await Promise.all([
    createTestErp(inject('testRunId')),
    connectTestTemporal(),
    // Workflow ids hold the shop domain: a domain of its own keeps test files apart on the shared server.
    startShopifySimulator({
      throttle: 'unthrottled',
      shopDomain: `test-${randomBytes(4).toString('hex')}.myshopify.com`,
      ...options.simulator,
    }),
  ]);
  const running: RunningTestWorker[] = [];
  const connections: NativeConnection[] = [];

  async function startWorker(
    identity = `test-worker-${running.length + 1}`,
    deps: Partial<ActivityDeps> = {},
  ): Promise<RunningTestWorker> {
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    connections.push(connection);
    const worker = await createOrderbridgeWorker({
      connection,
      namespace: 'default',
      taskQueue: temporal.taskQueue,
      workflowBundle: temporal.workflowBundle,
      identity,
      deps: {
        orm: erp.orm,
        logger: testLogger,
        // As `orderbridge worker` does: the activities signal through the worker's own connection.
        temporalClient: new Client({ connection, namespace: 'default' }),
        taskQueue: temporal.taskQueue,
        orderTimings: options.timings ?? TEST_ORDER_TIMINGS,
        shopifyBaseUrl: (shopDomain) => (shopDomain === simulator.shopDomain ? simulator.baseUrl : undefined),
        shopifyRetry: { baseDelayMs: 20, maxDelayMs: 200 },
        ...options.deps,
        ...deps,
      },
      tuning: { shutdownGraceTimeSeconds: 5 },
    });
    const runPromise = worker.run();
    const handle: RunningTestWorker = {
      worker,
      async stop() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await runPromise;
      },
    };
    running.push(handle);
    return handle;
  }

  for (let index = 0; index < (options.workers ?? 1); index += 1) await startWorker();

  return {
    erp,
    temporal,
    simulator,
    startWorker,
    async close() {
      await Promise.allSettled(running.map((handle) => handle.stop()));
      await Promise.allSettled(connections.map((connection) => connection.close()));
      await simulator.stop();
      await temporal.close();
      await erp.close();
    },
  };
}
