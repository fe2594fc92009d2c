import type { Command } from 'commander';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { openErp } from '../../erp/orm';
import { shopifyBaseUrlOf } from '../../platform/config';
import { connectingToTemporal, workerConnectionOptions } from '../../platform/temporal-connection';
import { startWorkerMetricsServer, temporalMetricsBindAddress } from '../../worker/metrics-endpoints';
import { installTemporalRuntime } from '../../worker/runtime';
import { createOrderbridgeWorker } from '../../worker/worker';
import { prebuiltWorkflowBundle } from '../../worker/workflow-bundle';
import type { AppContext } from '../app-context';
import { whenStopRequested } from '../shutdown';

export interface RunWorkerOptions {
  /**
   * Where a store's Admin API lives when it is not https://<domain> (the local simulator of `up`);
   * unset, SHOPIFY_API_BASE_URL decides, as for every other command.
   */
  shopifyBaseUrl?: (shopDomain: string) => string | undefined;
}

/** Runs one worker until SIGINT/SIGTERM; activities in flight get the grace time to finish. */
export async function runWorkerUntilStopped(
  appContext: AppContext,
  stopRequested: Promise<void>,
  options: RunWorkerOptions = {},
): Promise<void> {
  const { config, logger } = appContext;
  const shopifyBaseUrl = options.shopifyBaseUrl ?? shopifyBaseUrlOf(config);
  const prometheusBindAddress = await temporalMetricsBindAddress(config, logger);
  installTemporalRuntime(logger, config.LOG_LEVEL, prometheusBindAddress ? { prometheusBindAddress } : {});
  const orm = await openErp({
    databaseUrl: config.DATABASE_URL,
    poolMax: config.WORKER_MAX_CONCURRENT_ACTIVITIES + 2,
  });
  const metrics = await startWorkerMetricsServer(config, logger, orm);
  logger.info(
    {
      metrics: metrics.url ?? 'off',
      temporalMetrics: prometheusBindAddress ? `http://${prometheusBindAddress}/metrics` : 'off',
    },
    'metrics endpoints',
  );
  const connection = await connectingToTemporal(config, () =>
    NativeConnection.connect(workerConnectionOptions(config)),
  );
  // Activities signal workflows (order dispatch) through the worker's own connection: its gRPC runs
  // in the SDK's Rust core, off the JavaScript thread the activities share.
  const temporalClient = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  try {
    const worker = await createOrderbridgeWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      ...(config.WORKER_WORKFLOW_BUNDLE
        ? { workflowBundle: prebuiltWorkflowBundle(config.WORKER_WORKFLOW_BUNDLE) }
        : {}),
      deps: {
        orm,
        logger,
        temporalClient,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        ...(shopifyBaseUrl ? { shopifyBaseUrl } : {}),
      },
      tuning: {
        maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
        maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
        maxConcurrentLocalActivityExecutions: config.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
        maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
        shutdownGraceTimeSeconds: config.WORKER_SHUTDOWN_GRACE_SECONDS,
      },
    });
    logger.info(
      { taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE },
      'worker running',
    );
    void stopRequested.then(() => {
      logger.info('stopping worker: finishing activities in flight');
      // The SDK's own signal handling may have begun the shutdown already.
      if (worker.getState() === 'RUNNING') worker.shutdown();
    });
    await worker.run();
    logger.info('worker stopped');
  } finally {
    await metrics.close();
    await connection.close();
    await orm.close(true);
  }
}

export function registerWorkerCommand(program: Command, context: () => AppContext): void {
  program
    .command('worker')
    .description(
      'Run a worker against the configured Temporal (TEMPORAL_ADDRESS or the local dev server) and PostgreSQL',
    )
    .action(async () => {
      const appContext = context();
      await runWorkerUntilStopped(appContext, whenStopRequested());
    });
}
