import type { Command } from 'commander';
import { Client, Connection } from '@temporalio/client';
import type { OrderbridgeConfig } from '../../platform/config';
import { clientConnectionOptions } from '../../platform/temporal-connection';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../../webhooks/serve';
import { listPrivacyRequests } from '../../erp/services/privacy';
import type { AppContext } from '../app-context';
import { printTable } from '../output';
import { withAppContext } from '../run-command';
import { whenStopRequested } from '../shutdown';

/**
 * Today the app's client secret comes from SHOPIFY_CLIENT_SECRET; `extraSecrets` adds the local
 * simulator's. A shop card's own encrypted client secret takes part once cards store one.
 */
export function clientSecretsFromConfig(
  config: OrderbridgeConfig,
  extraSecrets: readonly string[] = [],
): (shopDomain: string) => Promise<string[]> {
  const secrets = [...(config.SHOPIFY_CLIENT_SECRET ? [config.SHOPIFY_CLIENT_SECRET] : []), ...extraSecrets];
  return async () => secrets;
}

/**
 * Runs the receiver on WEBHOOK_HOST:WEBHOOK_PORT. Its Temporal connection is lazy: the receiver
 * starts (and answers 503) while Temporal is down, so Shopify keeps the deliveries for later.
 */
export async function startConfiguredWebhookReceiver(
  appContext: AppContext,
  extraSecrets: readonly string[] = [],
): Promise<RunningWebhookReceiver & { connection: Connection }> {
  const { config, logger } = appContext;
  const connection = Connection.lazy(clientConnectionOptions(config));
  const temporalClient = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const receiver = await startWebhookReceiver({
    orm: await appContext.erp(),
    temporalClient,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
    host: config.WEBHOOK_HOST,
    port: config.WEBHOOK_PORT,
    bodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
    clientSecretsOf: clientSecretsFromConfig(config, extraSecrets),
  });
  return {
    ...receiver,
    connection,
    close: async () => {
      await receiver.close();
      await connection.close();
    },
  };
}

export function registerWebhooksCommand(program: Command, context: () => AppContext): void {
  const webhooks = program
    .command('webhooks')
    .description('Shopify webhooks: the receiver (doorbell) and the store subscriptions');
  webhooks
    .command('serve')
    .description(
      'Receive Shopify webhooks on WEBHOOK_HOST:WEBHOOK_PORT (127.0.0.1:8390 by default): verify each, ' +
        'wake its workflow, answer 200 once Temporal accepted it (503 while Temporal is down)',
    )
    .action(async () => {
      const appContext = context();
      const receiver = await startConfiguredWebhookReceiver(appContext);
      appContext.logger.info({ url: receiver.url }, 'webhook receiver listening');
      await whenStopRequested();
      await receiver.close();
      await appContext.close();
    });
  webhooks
    .command('privacy-requests')
    .description(
      "Shopify's privacy requests (customers/data_request, customers/redact, shop/redact) and what " +
        'the ERP found or removed: records and fields, never their values',
    )
    .option('--shop-domain <domain>', 'one store only')
    .option('--json', 'print JSON')
    .action(async (options: { shopDomain?: string; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const requests = await listPrivacyRequests(await appContext.erp(), options.shopDomain);
        printTable(
          options.json
            ? requests
            : requests.map((request) => ({
                id: request.id,
                store: request.shopDomain,
                topic: request.topic,
                customer: request.shopifyCustomerId ?? '',
                received: request.receivedAt,
                completed: request.completedAt ?? 'pending',
                outcome: JSON.stringify(request.outcome ?? {}),
              })),
          Boolean(options.json),
        );
      }),
    );
}
