import { ensureLocalSecretKeyFile, SECRET_KEY_VARIABLE } from '../../platform/secret-box';
import type { Command } from 'commander';
import type { SyncOrdersReport } from '../../workflows/contracts/order';
import { startOrderSync } from '../../temporal/sync-runs';
import type { AppContext } from '../app-context';
import { startDemoShop, type DemoShop } from '../demo/demo-shop';
import { followDemoProgress } from '../demo/demo-progress';
import { ensureLocalTemporal } from '../local-temporal';
import { whenStopRequested } from '../shutdown';
import { ensureOrderSyncSchedule } from '../../temporal/order-sync-schedule';
import { ensureShipmentSyncSchedule } from '../../temporal/shipment-sync-schedule';
import { runWorkerUntilStopped } from './worker';
import { wholeNumber } from '../option-parsers';

interface UpOptions {
  demo: boolean;
  demoOrders: number;
  seed: number;
  syncEvery: string;
}

export function registerUpCommand(program: Command, context: () => AppContext): void {
  program
    .command('up')
    .description(
      'Start everything locally: the Temporal dev server (Web UI on TEMPORAL_UI_PORT) unless TEMPORAL_ADDRESS is set, ' +
        'PostgreSQL migrations and a worker; without SHOPIFY_SHOP also a simulated Shopify store with demo orders, ' +
        'a DEMO shop card and its sync schedule. Ctrl-C stops it all.',
    )
    .option('--no-demo', 'no simulated store, no demo shop card')
    .option('--demo-orders <n>', 'orders the demo store starts with', wholeNumber({ min: 0 }), 40)
    .option('--seed <n>', 'seed of the demo data (same seed, same store)', wholeNumber({ min: 0 }), 7)
    .option('--sync-every <interval>', 'order sync schedule of the demo shop card', '30 seconds')
    .action(async (options: UpOptions) => {
      const appContext = context();
      const { config, logger } = appContext;
      let stopping = false;
      const stopRequested = whenStopRequested().then(() => {
        stopping = true;
      });
      const temporal = await ensureLocalTemporal(config, logger);
      const withDemo = options.demo && !config.SHOPIFY_SHOP;
      let demo: DemoShop | undefined;
      try {
        if (!config.SHOPIFY_SHOP) {
          // Embedded defaults: the demo gets a key of its own so nobody has to manage one to try it.
          const keyFile = ensureLocalSecretKeyFile();
          if (keyFile)
            logger.info(
              `secrets are encrypted with the local demo key in ${keyFile}; for a real store set ` +
                `${SECRET_KEY_VARIABLE} (openssl rand -base64 32) instead`,
            );
        }
        const orm = await appContext.erp();
        if (withDemo) {
          logger.info(`creating the demo store: ${options.demoOrders} orders (seed ${options.seed})`);
          demo = await startDemoShop(orm, {
            port: config.SIMULATOR_PORT,
            seed: options.seed,
            orders: options.demoOrders,
          });
          logger.info(
            { store: demo.simulator.shopDomain, url: demo.simulator.graphqlUrl },
            'simulated Shopify store running',
          );
        }
        const simulator = demo?.simulator;
        const workerDone = runWorkerUntilStopped(appContext, stopRequested, {
          ...(simulator
            ? {
                shopifyBaseUrl: (domain: string) =>
                  domain === simulator.shopDomain ? simulator.baseUrl : undefined,
              }
            : {}),
        });
        if (demo) await runDemo(appContext, demo, options, () => stopping, temporal.uiUrl);
        else if (temporal.uiUrl) logger.info(`Temporal UI: ${temporal.uiUrl}`);
        await workerDone;
      } finally {
        await demo?.simulator.stop();
        await appContext.close();
        await temporal.stop();
        logger.info('all stopped');
      }
    });
}

/** The first sync by hand (to report on it), progress until it is done, then the schedule takes over. */
async function runDemo(
  appContext: AppContext,
  demo: DemoShop,
  options: UpOptions,
  stopping: () => boolean,
  uiUrl: string | undefined,
): Promise<void> {
  const { config, logger } = appContext;
  const client = await appContext.temporalClient();
  const run = { taskQueue: config.TEMPORAL_TASK_QUEUE, label: 'first', startedAt: Date.now() };
  const report: SyncOrdersReport = await (
    await startOrderSync(client, run, { shopCode: demo.shopCode })
  ).result();
  logger.info(
    { found: report.found, dispatched: report.dispatched, filteredOut: report.filteredOut },
    'first order sync done: order workflows are importing',
  );
  const counts = await followDemoProgress(
    await appContext.erp(),
    demo.simulator.shopDomain,
    report.dispatched,
    {
      timeoutMs: 120_000,
      stopRequested: stopping,
    },
  );
  if (stopping()) return;
  await ensureOrderSyncSchedule(client, {
    shopCode: demo.shopCode,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    every: options.syncEvery,
  });
  // The reconciler for shipments whose signal was lost; posting a shipment sends it at once.
  await ensureShipmentSyncSchedule(client, {
    shopCode: demo.shopCode,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    every: '10 minutes',
  });
  const lines = [
    '',
    `First batch done: ${counts.documents} sales documents, ${counts.errors} orders with errors (of ${report.dispatched}).`,
    `Temporal UI:          ${uiUrl ?? `your cluster (${config.TEMPORAL_ADDRESS ?? ''})`}  (filter: OrderHasError = true)`,
    'Orders:               npx orderbridge orders list            (errors: --errors)',
    'One order:            npx orderbridge order show <#name>',
    'Ship an order:        npx orderbridge erp ship <#name> [--agent A --tracking N]  (release it first: erp release)',
    `Schedule:             npx orderbridge schedule list          (order sync of ${demo.shopCode} every ${options.syncEvery})`,
    `Simulated Shopify:    ${demo.simulator.graphqlUrl}`,
    'Running until Ctrl-C.',
  ];
  console.log(lines.join('\n'));
}
