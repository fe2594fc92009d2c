import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A Shopify webhook event that has had its effect (its workflow was signalled). Keyed by shop and
 * X-Shopify-Event-Id: Shopify delivers at least once, so the same event can arrive again. An
 * order's event also keeps the order and the version it announced: the order sync (the
 * reconciler) counts the orders it found that no webhook had announced.
 */
export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  indexes: [
    { name: 'webhook_delivery_order_idx', properties: ['shopDomain', 'shopifyOrderId'] },
    { name: 'webhook_delivery_received_at_idx', properties: ['receivedAt'] },
  ],
  properties: {
    shopDomain: p.string().length(255).primary(),
    eventId: p.string().length(100).primary(),
    topic: p.string().length(60),
    receivedAt: p.datetime().defaultRaw('current_timestamp'),
    shopifyOrderId: p.string().length(100).nullable(),
    shopifyUpdatedAt: p.datetime().nullable(),
  },
});

export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;
