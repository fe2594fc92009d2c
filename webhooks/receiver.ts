import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readDoorbell, type Doorbell } from '../domain/webhook-doorbell';
import type { WebhookShopCard } from '../domain/webhook-routing';
import type { Logger } from '../platform/logger';
import { registerMetricsRoute, webhookDeliveriesVerified } from '../platform/metrics';
import type { WebhookCounters } from './counters';
import { isValidShopifySignature } from './signature';

/** One verified delivery, as the doorbell ringer gets it. */
export interface VerifiedDelivery {
  shopDomain: string;
  eventId: string;
  topic: string;
  /** X-Shopify-Triggered-At, or the time it arrived. */
  triggeredAt: string;
  doorbell: Doorbell;
  cards: readonly WebhookShopCard[];
}

/** The ringer could not hand the delivery to Temporal: Shopify must retry it. */
export class DurableQueueUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Temporal did not accept the signal: ${(cause as Error).message ?? String(cause)}`, { cause });
    this.name = 'DurableQueueUnavailable';
  }
}

export interface WebhookReceiverDeps {
  /** The shop cards of a store; none means the store is unknown. */
  shopCardsOf(shopDomain: string): Promise<WebhookShopCard[]>;
  /** Client secrets that may have signed the store's webhooks. */
  clientSecretsOf(shopDomain: string): Promise<string[]>;
  /** Runs the effect once per event id; 'duplicate' when it already ran. */
  oncePerEvent(
    event: {
      shopDomain: string;
      eventId: string;
      topic: string;
      order?: { shopifyOrderId: string; shopifyUpdatedAt: string };
    },
    effect: () => Promise<void>,
  ): Promise<'done' | 'duplicate'>;
  /** Hands the delivery to Temporal; resolves once Temporal accepted it. */
  ring(delivery: VerifiedDelivery): Promise<'signalled' | 'deferred-to-sync'>;
  counters: WebhookCounters;
  logger: Logger;
  bodyLimitBytes: number;
}

export const WEBHOOK_PATH = '/webhooks';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The HTTP receiver: verifies each delivery (shop card, HMAC of the raw body, size), rings the
 * doorbell once per event and answers 200 only after Temporal accepted it, 503 while it cannot.
 */
export function buildWebhookReceiver(deps: WebhookReceiverDeps): FastifyInstance {
  const { counters, logger } = deps;
  const app = Fastify({ bodyLimit: deps.bodyLimitBytes, logger: false });
  // The signature covers the exact bytes Shopify sent, so the body stays raw until it is verified.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      counters.increment('too_large');
      return reply.code(413).send();
    }
    logger.error({ err: error }, 'webhook receiver failed');
    return reply.code(error.statusCode && error.statusCode < 500 ? error.statusCode : 500).send();
  });

  registerMetricsRoute(app);
  app.get('/health', async () => ({ ok: true }));

  app.post(WEBHOOK_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    counters.increment('received');
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const shopDomain = header(request, 'x-shopify-shop-domain');
    const topic = header(request, 'x-shopify-topic');
    const eventId = header(request, 'x-shopify-event-id') ?? header(request, 'x-shopify-webhook-id');
    const cards = shopDomain ? await deps.shopCardsOf(shopDomain) : [];
    if (!shopDomain || cards.length === 0) {
      counters.increment('unknown_shop');
      return reply.code(401).send();
    }
    const secrets = await deps.clientSecretsOf(shopDomain);
    if (!isValidShopifySignature(rawBody, header(request, 'x-shopify-hmac-sha256'), secrets)) {
      counters.increment('invalid_signature');
      logger.warn({ shopDomain }, 'webhook refused: invalid signature');
      return reply.code(401).send();
    }
    webhookDeliveriesVerified.inc({ topic: topic ?? 'unknown' });
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      body = undefined;
    }
    const reading = readDoorbell(topic ?? '', body);
    if (!reading.readable || !eventId || !topic) {
      // Signed by Shopify yet useless: retrying would not change it, so it is logged, not refused.
      counters.increment('unreadable');
      logger.warn(
        { shopDomain, topic, reason: reading.readable ? 'no event id' : reading.reason },
        'webhook ignored',
      );
      return reply.code(200).send();
    }
    const triggered = Date.parse(header(request, 'x-shopify-triggered-at') ?? '');
    const triggeredAt = new Date(Number.isNaN(triggered) ? Date.now() : triggered).toISOString();
    const delivery: VerifiedDelivery = {
      shopDomain,
      eventId,
      topic,
      triggeredAt,
      doorbell: reading.doorbell,
      cards,
    };
    try {
      let outcome = 'signalled' as 'signalled' | 'deferred-to-sync';
      const doorbell = reading.doorbell;
      const order =
        doorbell.kind === 'order-changed'
          ? { shopifyOrderId: doorbell.shopifyOrderId, shopifyUpdatedAt: doorbell.shopifyUpdatedAt }
          : undefined;
      const once = await deps.oncePerEvent(
        { shopDomain, eventId, topic, ...(order ? { order } : {}) },
        async () => {
          outcome = await deps.ring(delivery);
        },
      );
      if (once === 'duplicate') counters.increment('duplicate');
      else if (outcome === 'deferred-to-sync') counters.increment('deferred_to_sync');
      else counters.increment('accepted');
      return reply.code(200).send();
    } catch (error) {
      if (!(error instanceof DurableQueueUnavailable)) throw error;
      counters.increment('temporal_unavailable');
      logger.warn({ shopDomain, topic, eventId, err: error.message }, 'webhook not accepted: Temporal down');
      return reply.code(503).header('Retry-After', '5').send();
    }
  });
  return app;
}
