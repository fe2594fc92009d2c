import { InvalidArgumentError, type Command } from 'commander';
import { Client, Connection } from '@temporalio/client';
import type { OrderbridgeConfig } from '../../platform/config';
import { clientConnectionOptions } from '../../platform/temporal-connection';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../../webhooks/serve';
import { createShopifyClientSource } from '../../activities/shopify-clients';
import type { ErpOrm } from '../../erp/orm';
import { clientSecretsForShopDomain } from '../../erp/services/credentials';
import { listPrivacyRequests } from '../../erp/services/privacy';
import {
  deleteWebhookSubscriptions,
  ensureWebhookSubscriptions,
  listWebhookSubscriptions,
  SUBSCRIBED_TOPICS,
} from '../../shopify/webhook-subscriptions';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';
import { whenStopRequested } from '../shutdown';

/**
 * The client secrets that may sign a store's webhooks: each of its shop cards' own (stored
 * encrypted), the app's SHOPIFY_CLIENT_SECRET, and `extraSecrets` (the local simulator's).
 */
export function clientSecretsOfStore(
  orm: ErpOrm,
  config: OrderbridgeConfig,
  extraSecrets: readonly string[] = [],
): (shopDomain: string) => Promise<string[]> {
  const shared = [...(config.SHOPIFY_CLIENT_SECRET ? [config.SHOPIFY_CLIENT_SECRET] : []), ...extraSecrets];
  return async (shopDomain) => [...(await clientSecretsForShopDomain(orm, shopDomain)), ...shared];
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
  const orm = await appContext.erp();
  const receiver = await startWebhookReceiver({
    orm,
    temporalClient,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
    host: config.WEBHOOK_HOST,
    port: config.WEBHOOK_PORT,
    bodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
    clientSecretsOf: clientSecretsOfStore(orm, config, extraSecrets),
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

/** Shopify delivers only to HTTPS; plain HTTP is accepted for this machine (the local simulator). */
export function webhookAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an address like https://hooks.example.com/webhooks');
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:'))
    throw new InvalidArgumentError('Shopify delivers webhooks only to https:// addresses');
  return url.toString();
}

/** A Shopify client for a shop card (SHOPIFY_API_BASE_URL points it at a local simulator). */
async function shopifyClientOf(appContext: AppContext, shopCode: string) {
  const baseUrl = appContext.config.SHOPIFY_API_BASE_URL;
  const clientFor = createShopifyClientSource({
    logger: appContext.logger,
    orm: await appContext.erp(),
    ...(baseUrl ? { shopifyBaseUrl: () => baseUrl } : {}),
  });
  return clientFor((await appContext.erp()).em.fork(), shopCode.toUpperCase());
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
  webhooks
    .command('register')
    .description(
      `Subscribe the shop card's store to every topic orderbridge handles (${SUBSCRIBED_TOPICS.length}) at --url; ` +
        'running it again changes nothing, a new --url moves the subscriptions',
    )
    .requiredOption('--shop <code>', 'shop card')
    .requiredOption(
      '--url <address>',
      'public https address of the receiver, ending in /webhooks',
      webhookAddress,
    )
    .option('--json', 'print JSON')
    .action(async (options: { shop: string; url: string; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const client = await shopifyClientOf(appContext, options.shop);
        const changes = await ensureWebhookSubscriptions(client, options.url, SUBSCRIBED_TOPICS);
        printRecord(
          {
            created: changes.created.join(', '),
            updated: changes.updated.join(', '),
            unchanged: changes.unchanged.join(', '),
          },
          Boolean(options.json),
        );
      }),
    );
  webhooks
    .command('list')
    .description("The store's webhook subscriptions (the app's own)")
    .requiredOption('--shop <code>', 'shop card')
    .option('--json', 'print JSON')
    .action(async (options: { shop: string; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const client = await shopifyClientOf(appContext, options.shop);
        printTable(await listWebhookSubscriptions(client), Boolean(options.json));
      }),
    );
  webhooks
    .command('delete')
    .description("Delete orderbridge's webhook subscriptions of the store (the order sync still runs)")
    .requiredOption('--shop <code>', 'shop card')
    .action(async (options: { shop: string }) =>
      withAppContext(context, async (appContext) => {
        const client = await shopifyClientOf(appContext, options.shop);
        const deleted = await deleteWebhookSubscriptions(client);
        console.log(`Deleted ${deleted.length} subscription(s).`);
      }),
    );
}
