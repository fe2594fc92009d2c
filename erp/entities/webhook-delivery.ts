import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A Shopify webhook event that has had its effect (its workflow was signalled). Keyed by shop and
 * X-Shopify-Event-Id: Shopify delivers at least once, so the same event can arrive again.
 */
export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  properties: {
    shopDomain: p.string().length(255).primary(),
    eventId: p.string().length(100).primary(),
    topic: p.string().length(60),
    receivedAt: p.datetime().defaultRaw('current_timestamp'),
  },
});

export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;
