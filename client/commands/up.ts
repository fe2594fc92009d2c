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
import { createShopifyClient } from '../../shopify/client';
import { ensureWebhookSubscriptions, SUBSCRIBED_TOPICS } from '../../shopify/webhook-subscriptions';
import type { RunningWebhookReceiver } from '../../webhooks/serve';
import { startConfiguredWebhookReceiver } from './webhooks';
import { startConfiguredConsole } from './console';
import { randomBytes } from 'node:crypto';
import { ensureDemoOperator } from '../../erp/services/operators';
import type { RunningConsole } from '../../console/server';
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
    .option(
      '--sync-every <interval>',
      'order sync schedule of the demo shop card: the reconciler, webhooks bring orders at once',
      '5 minutes',
    )
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
      let receiver: RunningWebhookReceiver | undefined;
      let consoleServer: RunningConsole | undefined;
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
        receiver = await startConfiguredWebhookReceiver(
          appContext,
          simulator ? [simulator.webhookSecret] : [],
        );
        logger.info({ url: receiver.url }, 'webhook receiver listening');
        // A demo account with a fresh password each start, printed once with the console's address.
        const demoOperator = { username: 'demo', password: randomBytes(12).toString('base64url') };
        await ensureDemoOperator(orm, demoOperator);
        consoleServer = await startConfiguredConsole(
          appContext,
          temporal.uiUrl ? { temporalUiUrl: temporal.uiUrl } : {},
        );
        const consoleLine = `Web console:          ${consoleServer.url}  (sign in as ${demoOperator.username} / ${demoOperator.password}; more accounts: npx orderbridge users add)`;
        if (simulator) {
          // The simulated store delivers to the receiver, as a store does once `webhooks register` ran.
          const shopify = createShopifyClient({
            shopDomain: simulator.shopDomain,
            accessToken: simulator.accessToken,
            baseUrl: simulator.baseUrl,
          });
          await ensureWebhookSubscriptions(shopify, receiver.url, SUBSCRIBED_TOPICS);
        }
        if (demo)
          await runDemo(appContext, demo, options, () => stopping, temporal.uiUrl, receiver.url, consoleLine);
        else if (temporal.uiUrl) console.log(`Temporal UI:          ${temporal.uiUrl}`);
        if (!demo) console.log(`Webhook receiver:     ${receiver.url}\n${consoleLine}`);
        await workerDone;
      } finally {
        await consoleServer?.close();
        await receiver?.close();
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
  webhookUrl: string,
  consoleLine: string,
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
    consoleLine,
    'Orders:               npx orderbridge orders list            (errors: --errors)',
    'One order:            npx orderbridge order show <#name>',
    'Ship an order:        npx orderbridge erp ship <#name> [--agent A --tracking N]  (release it first: erp release)',
    `Schedule:             npx orderbridge schedule list          (order sync of ${demo.shopCode} every ${options.syncEvery})`,
    `Simulated Shopify:    ${demo.simulator.graphqlUrl}`,
    `Webhook receiver:     ${webhookUrl}  (the simulated store is subscribed; counters on /metrics)`,
    'Running until Ctrl-C.',
  ];
  console.log(lines.join('\n'));
}
