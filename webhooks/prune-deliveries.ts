import type { ErpOrm } from '../erp/orm';
import { pruneWebhookDeliveries, WEBHOOK_DELIVERY_RETENTION_MS } from '../erp/services/webhooks';
import type { Logger } from '../platform/logger';

export interface DeliveryPruningOptions {
  orm: ErpOrm;
  logger: Logger;
  /** How long an event id is remembered (at least Shopify's 4-hour retry window). */
  retentionMs?: number;
  everyMs?: number;
  now?: () => number;
}

/**
 * Keeps the dedupe table of webhook events bounded: forgets events older than the retention, once
 * at start and then every `everyMs`. It runs where deliveries are written (the receiver), so a
 * receiver that runs alone still prunes; several receivers pruning at once only delete twice.
 */
export function startDeliveryPruning(options: DeliveryPruningOptions): { stop(): Promise<void> } {
  const retentionMs = options.retentionMs ?? WEBHOOK_DELIVERY_RETENTION_MS;
  const now = options.now ?? Date.now;
  let running: Promise<void> = Promise.resolve();
  const prune = () => {
    running = running.then(async () => {
      try {
        const pruned = await pruneWebhookDeliveries(options.orm, new Date(now() - retentionMs));
        if (pruned > 0) options.logger.info({ pruned }, 'webhook event ids past retention forgotten');
      } catch (error) {
        // The next round tries again: a full table only costs space, never a wrong answer.
        options.logger.warn({ err: (error as Error).message }, 'pruning webhook event ids failed');
      }
    });
  };
  prune();
  const timer = setInterval(prune, options.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
