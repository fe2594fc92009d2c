/**
 * The worker of a benchmark, in a process of its own so its memory can be measured alone.
 * Configured by the environment the benchmark sets; stops on SIGTERM.
 */
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { openErp } from '../erp/orm';
import { createLogger } from '../platform/logger';
import { createOrderbridgeWorker } from '../worker/worker';
import { prebuiltWorkflowBundle } from '../worker/workflow-bundle';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`bench worker: ${name} is required`);
  return value;
};

Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: ['SIGTERM', 'SIGINT'] });
const address = env('TEMPORAL_ADDRESS');
const taskQueue = env('TASK_QUEUE');
const shopDomain = env('SHOP_DOMAIN');
const shopifyBaseUrl = env('SHOPIFY_BASE_URL');
const orm = await openErp({ databaseUrl: env('DATABASE_URL'), migrate: false, poolMax: 24 });
const connection = await NativeConnection.connect({ address });
// As `orderbridge worker` does: the activities' client shares the worker's native connection.
const temporalClient = new Client({ connection });
const worker = await createOrderbridgeWorker({
  connection,
  namespace: 'default',
  taskQueue,
  identity: 'bench-worker',
  workflowBundle: prebuiltWorkflowBundle(env('WORKER_WORKFLOW_BUNDLE')),
  deps: {
    orm,
    logger: createLogger('error', { pretty: false }),
    temporalClient,
    taskQueue,
    shopifyBaseUrl: (domain) => (domain === shopDomain ? shopifyBaseUrl : undefined),
  },
});
process.stdout.write('ready\n');
await worker.run();
await orm.close(true);
