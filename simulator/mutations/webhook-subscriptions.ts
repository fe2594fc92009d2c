import type { WebhookSubscriptionRecord } from '../records';
import { gid, type ShopStore } from '../store';
import { isAllowedCallback } from '../webhooks';
import { userError, type UserError } from './common';

export interface WebhookSubscriptionInput {
  uri?: string | null;
  callbackUrl?: string | null;
  format?: 'JSON' | 'XML' | null;
  includeFields?: string[] | null;
  filter?: string | null;
  name?: string | null;
}

/** webhookSubscriptionCreate: HTTP callbacks only, and only to this machine (127.0.0.1 / localhost). */
export function webhookSubscriptionCreate(
  store: ShopStore,
  topic: string,
  input: WebhookSubscriptionInput,
): { webhookSubscription: WebhookSubscriptionRecord | null; userErrors: UserError[] } {
  const uri = input.uri ?? input.callbackUrl ?? '';
  if (!uri)
    return {
      webhookSubscription: null,
      userErrors: [userError(['webhookSubscription', 'uri'], "Address can't be blank")],
    };
  if (!isAllowedCallback(uri)) {
    return {
      webhookSubscription: null,
      userErrors: [
        userError(
          ['webhookSubscription', 'uri'],
          'Address is invalid (the simulator delivers only to http://127.0.0.1 or localhost)',
        ),
      ],
    };
  }
  if (
    store.webhookSubscriptions.some(
      (subscription) =>
        subscription.topic === topic &&
        subscription.uri === uri &&
        (subscription.filter ?? null) === (input.filter ?? null),
    )
  ) {
    return {
      webhookSubscription: null,
      userErrors: [
        userError(['webhookSubscription', 'uri'], 'Address for this topic has already been taken'),
      ],
    };
  }
  if (input.name && input.name.length > 50) {
    return {
      webhookSubscription: null,
      userErrors: [userError(['webhookSubscription', 'name'], 'Name is too long (maximum is 50 characters)')],
    };
  }
  const number = store.nextNumber('WebhookSubscription');
  const now = store.timestamp();
  const subscription: WebhookSubscriptionRecord = {
    __typename: 'WebhookSubscription',
    id: gid('WebhookSubscription', number),
    legacyResourceId: String(number),
    topic,
    uri,
    name: input.name ?? null,
    format: input.format ?? 'JSON',
    filter: input.filter ?? null,
    includeFields: input.includeFields ?? [],
    apiVersion: { handle: '2026-10', displayName: '2026-10', supported: true },
    createdAt: now,
    updatedAt: now,
  };
  store.webhookSubscriptions.push(store.register(subscription));
  return { webhookSubscription: subscription, userErrors: [] };
}

export function webhookSubscriptionDelete(store: ShopStore, id: string) {
  const index = store.webhookSubscriptions.findIndex((subscription) => subscription.id === id);
  if (index < 0)
    return {
      deletedWebhookSubscriptionId: null,
      userErrors: [userError(['id'], 'Webhook subscription does not exist')],
    };
  store.webhookSubscriptions.splice(index, 1);
  return { deletedWebhookSubscriptionId: id, userErrors: [] };
}

/** webhookSubscriptionUpdate: a new address (loopback only, as for create), name or fields. */
export function webhookSubscriptionUpdate(store: ShopStore, id: string, input: WebhookSubscriptionInput) {
  const subscription = store.webhookSubscriptions.find((candidate) => candidate.id === id);
  if (!subscription)
    return {
      webhookSubscription: null,
      userErrors: [userError(['id'], 'Webhook subscription does not exist')],
    };
  const uri = input.uri ?? input.callbackUrl ?? subscription.uri;
  if (!isAllowedCallback(uri)) {
    return {
      webhookSubscription: null,
      userErrors: [
        userError(
          ['webhookSubscription', 'uri'],
          'Address is invalid (the simulator delivers only to http://127.0.0.1 or localhost)',
        ),
      ],
    };
  }
  if (input.name && input.name.length > 50) {
    return {
      webhookSubscription: null,
      userErrors: [userError(['webhookSubscription', 'name'], 'Name is too long (maximum is 50 characters)')],
    };
  }
  subscription.uri = uri;
  if (input.name !== undefined) subscription.name = input.name ?? null;
  if (input.includeFields) subscription.includeFields = input.includeFields;
  if (input.filter !== undefined) subscription.filter = input.filter ?? null;
  subscription.updatedAt = store.timestamp();
  return { webhookSubscription: subscription, userErrors: [] };
}
