import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PRIVACY_WEBHOOK_TOPICS } from '../../domain/webhook-doorbell';

/**
 * One privacy request Shopify sent (GDPR topics) and what the ERP did about it. `outcome` names
 * records and fields, never their values: it is what the operator answers the request from.
 */
export const PrivacyRequest = defineEntity({
  name: 'PrivacyRequest',
  tableName: 'privacy_request',
  properties: {
    id: p.integer().primary().autoincrement(),
    shopDomain: p.string().length(255),
    /** X-Shopify-Event-Id: a retried request is the same row. */
    eventId: p.string().length(100),
    topic: p.enum([...PRIVACY_WEBHOOK_TOPICS]),
    /** Shopify customer GID; null for shop/redact. */
    shopifyCustomerId: p.string().length(100).nullable(),
    receivedAt: p.datetime().defaultRaw('current_timestamp'),
    completedAt: p.datetime().nullable(),
    outcome: p.json<Record<string, unknown>>().nullable(),
  },
  uniques: [{ name: 'privacy_request_event_unique', properties: ['shopDomain', 'eventId'] }],
});

export type PrivacyRequest = InferEntity<typeof PrivacyRequest>;
