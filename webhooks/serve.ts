import type { Client } from '@temporalio/client';
import type { ErpOrm } from '../erp/orm';
import { runOncePerWebhookEvent, shopCardOwningOrder, webhookShopCardsOf } from '../erp/services/webhooks';
import type { Logger } from '../platform/logger';
import type { OrderTimings } from '../workflows/order-timings';
import { WebhookCounters } from './counters';
import { startDeliveryPruning } from './prune-deliveries';
import { buildWebhookReceiver, WEBHOOK_PATH } from './receiver';
import { createDoorbellRinger } from './ring-doorbell';

export interface WebhookReceiverOptions {
  orm: ErpOrm;
  temporalClient: Client;
  taskQueue: string;
  logger: Logger;
  host: string;
  /** 0 picks a free port. */
  port: number;
  bodyLimitBytes: number;
  /** The client secrets that sign a store's webhooks (the app's; a shop card's own once stored). */
  clientSecretsOf(shopDomain: string): Promise<string[]>;
  acceptTimeoutMs?: number;
  orderTimings?: OrderTimings;
  /** How often event ids past their retention are forgotten (default hourly). */
  pruneEveryMs?: number;
}

export interface RunningWebhookReceiver {
  /** Where Shopify posts: http://host:port/webhooks */
  url: string;
  counters: WebhookCounters;
  close(): Promise<void>;
}

/** Starts the receiver over the ERP store and Temporal; `close` stops accepting and drains. */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<RunningWebhookReceiver> {
  const counters = new WebhookCounters();
  const ring = createDoorbellRinger({
    temporalClient: options.temporalClient,
    taskQueue: options.taskQueue,
    shopCardOwningOrder: (store, orderId) => shopCardOwningOrder(options.orm, store, orderId),
    ...(options.acceptTimeoutMs ? { acceptTimeoutMs: options.acceptTimeoutMs } : {}),
    ...(options.orderTimings ? { orderTimings: options.orderTimings } : {}),
  });
  const app = buildWebhookReceiver({
    shopCardsOf: (domain) => webhookShopCardsOf(options.orm, domain),
    clientSecretsOf: options.clientSecretsOf,
    oncePerEvent: (event, effect) => runOncePerWebhookEvent(options.orm, event, effect),
    ring,
    counters,
    logger: options.logger,
    bodyLimitBytes: options.bodyLimitBytes,
  });
  await app.listen({ host: options.host, port: options.port });
  const pruning = startDeliveryPruning({
    orm: options.orm,
    logger: options.logger,
    ...(options.pruneEveryMs ? { everyMs: options.pruneEveryMs } : {}),
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${WEBHOOK_PATH}`,
    counters,
    close: async () => {
      await pruning.stop();
      await app.close();
    },
  };
}
