import type { ShopifyAdminClient } from './client';
import {
  WebhookSubscriptionCreateDocument,
  WebhookSubscriptionDeleteDocument,
  WebhookSubscriptionsDocument,
  WebhookSubscriptionUpdateDocument,
  type WebhookSubscriptionsQuery,
  type WebhookSubscriptionTopic,
} from './generated/graphql';
import { acceptedPayload } from './user-errors';

/** The topics orderbridge subscribes (domain WEBHOOK_TOPICS), checked against the schema's enum. */
export const SUBSCRIBED_TOPICS: readonly WebhookSubscriptionTopic[] = [
  'ORDERS_CREATE',
  'ORDERS_UPDATED',
  'ORDERS_EDITED',
  'ORDERS_CANCELLED',
  'REFUNDS_CREATE',
  'FULFILLMENTS_CREATE',
  'FULFILLMENTS_UPDATE',
  'APP_UNINSTALLED',
];

/** orderbridge's subscriptions carry this name, so they are told apart from other tools' ones. */
export const SUBSCRIPTION_NAME = 'orderbridge';

export interface WebhookSubscriptionView {
  id: string;
  topic: string;
  uri: string;
  name: string | null;
}

export interface SubscriptionChanges {
  created: string[];
  updated: string[];
  unchanged: string[];
}

export async function listWebhookSubscriptions(
  client: ShopifyAdminClient,
): Promise<WebhookSubscriptionView[]> {
  const subscriptions: WebhookSubscriptionView[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: WebhookSubscriptionsQuery = await client.request(WebhookSubscriptionsDocument, { after });
    const page = answer.webhookSubscriptions;
    subscriptions.push(...page.nodes.map((node) => ({ ...node, name: node.name ?? null })));
    if (!page.pageInfo.hasNextPage) return subscriptions;
    after = page.pageInfo.endCursor ?? null;
  }
}

/**
 * Subscribes every topic to `uri`: a topic already subscribed there is left alone, one of ours
 * at another address is moved, and a missing one is created. Running it twice changes nothing.
 */
export async function ensureWebhookSubscriptions(
  client: ShopifyAdminClient,
  uri: string,
  topics: readonly WebhookSubscriptionTopic[],
): Promise<SubscriptionChanges> {
  const existing = await listWebhookSubscriptions(client);
  const changes: SubscriptionChanges = { created: [], updated: [], unchanged: [] };
  const context = (operationName: string) => ({ shopDomain: client.shopDomain, operationName });
  for (const topic of topics) {
    const sameTopic = existing.filter((subscription) => subscription.topic === topic);
    if (sameTopic.some((subscription) => subscription.uri === uri)) {
      changes.unchanged.push(topic);
      continue;
    }
    const ours = sameTopic.find((subscription) => subscription.name === SUBSCRIPTION_NAME);
    if (ours) {
      const result = await client.request(WebhookSubscriptionUpdateDocument, {
        id: ours.id,
        subscription: { uri, name: SUBSCRIPTION_NAME },
      });
      acceptedPayload(context('WebhookSubscriptionUpdate'), result.webhookSubscriptionUpdate, topic);
      changes.updated.push(topic);
    } else {
      const result = await client.request(WebhookSubscriptionCreateDocument, {
        topic,
        subscription: { uri, name: SUBSCRIPTION_NAME, format: 'JSON' },
      });
      acceptedPayload(context('WebhookSubscriptionCreate'), result.webhookSubscriptionCreate, topic);
      changes.created.push(topic);
    }
  }
  return changes;
}

/** Deletes orderbridge's subscriptions (by name); returns the ids deleted. */
export async function deleteWebhookSubscriptions(client: ShopifyAdminClient): Promise<string[]> {
  const ours = (await listWebhookSubscriptions(client)).filter(
    (subscription) => subscription.name === SUBSCRIPTION_NAME,
  );
  for (const subscription of ours) {
    const result = await client.request(WebhookSubscriptionDeleteDocument, { id: subscription.id });
    acceptedPayload(
      { shopDomain: client.shopDomain, operationName: 'WebhookSubscriptionDelete' },
      result.webhookSubscriptionDelete,
      subscription.topic,
    );
  }
  return ours.map((subscription) => subscription.id);
}
