import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionTopicOf, WEBHOOK_TOPICS } from '../../domain/webhook-doorbell';
import { startShopifySimulator, type RunningSimulator } from '../../simulator';
import { createShopifyClient, type ShopifyAdminClient } from '../../shopify/client';
import {
  deleteWebhookSubscriptions,
  ensureWebhookSubscriptions,
  listWebhookSubscriptions,
  SUBSCRIBED_TOPICS,
} from '../../shopify/webhook-subscriptions';

let simulator: RunningSimulator;
let client: ShopifyAdminClient;

beforeAll(async () => {
  simulator = await startShopifySimulator({ throttle: 'unthrottled' });
  client = createShopifyClient({
    shopDomain: simulator.shopDomain,
    accessToken: simulator.accessToken,
    baseUrl: simulator.baseUrl,
  });
});

afterAll(async () => {
  await simulator?.stop();
});

describe('webhook subscriptions', () => {
  it('subscribes the topics the receiver handles', () => {
    expect([...SUBSCRIBED_TOPICS]).toEqual(WEBHOOK_TOPICS.map(subscriptionTopicOf));
  });

  it('registers every topic once, changes nothing the second time, moves them to a new address', async () => {
    const first = await ensureWebhookSubscriptions(client, 'https://127.0.0.1:9/webhooks', SUBSCRIBED_TOPICS);
    expect(first.created).toHaveLength(SUBSCRIBED_TOPICS.length);
    const again = await ensureWebhookSubscriptions(client, 'https://127.0.0.1:9/webhooks', SUBSCRIBED_TOPICS);
    expect(again).toEqual({ created: [], updated: [], unchanged: [...SUBSCRIBED_TOPICS] });
    const moved = await ensureWebhookSubscriptions(
      client,
      'https://localhost:10/webhooks',
      SUBSCRIBED_TOPICS,
    );
    expect(moved.updated).toHaveLength(SUBSCRIBED_TOPICS.length);
    const listed = await listWebhookSubscriptions(client);
    expect(listed).toHaveLength(SUBSCRIBED_TOPICS.length);
    expect(new Set(listed.map((subscription) => subscription.uri))).toEqual(
      new Set(['https://localhost:10/webhooks']),
    );
    expect(await deleteWebhookSubscriptions(client)).toHaveLength(SUBSCRIBED_TOPICS.length);
    expect(await listWebhookSubscriptions(client)).toEqual([]);
  });
});
