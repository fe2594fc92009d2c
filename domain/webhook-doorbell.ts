/**
 * What a Shopify webhook asks of us. A webhook is a doorbell, not data: only ids and the change's
 * timestamp are taken from the body; the order workflow reads the authoritative order itself.
 */
export type Doorbell =
  | { kind: 'order-changed'; shopifyOrderId: string; shopifyUpdatedAt: string }
  | { kind: 'app-uninstalled' }
  | {
      kind: 'customers-data-request';
      shopifyCustomerId: string;
      shopifyOrderIds: string[];
    }
  | { kind: 'customers-redact'; shopifyCustomerId: string; shopifyOrderIds: string[] }
  | { kind: 'shop-redact' };

export type DoorbellReading = { readable: true; doorbell: Doorbell } | { readable: false; reason: string };

/** Order topics whose body is the order itself (`id`, `updated_at`). */
const ORDER_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'orders/paid',
  'orders/fulfilled',
  'orders/partially_fulfilled',
] as const;

/** Topics whose body names the order it changed (`order_id`) and when. */
const ORDER_CHILD_TOPICS: Record<string, string> = {
  'refunds/create': 'created_at',
  'fulfillments/create': 'updated_at',
  'fulfillments/update': 'updated_at',
};

/** Every topic the receiver acts on: what `orderbridge webhooks register` subscribes. */
export const WEBHOOK_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/edited',
  'orders/cancelled',
  'refunds/create',
  'fulfillments/create',
  'fulfillments/update',
  'app/uninstalled',
] as const;

/** Shopify's mandatory privacy topics: declared in the app's configuration, not by the Admin API. */
export const PRIVACY_WEBHOOK_TOPICS = ['customers/data_request', 'customers/redact', 'shop/redact'] as const;
export type PrivacyTopic = (typeof PRIVACY_WEBHOOK_TOPICS)[number];

/** `orders/create` → `ORDERS_CREATE`, the GraphQL WebhookSubscriptionTopic. */
export function subscriptionTopicOf(topic: string): string {
  return topic.replace('/', '_').toUpperCase();
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A REST id (number or digit string) or a GID, as a GID of `resource`; undefined if neither. */
function gidOf(resource: string, value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
    return `gid://shopify/${resource}/${value}`;
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return `gid://shopify/${resource}/${value}`;
    if (value.startsWith(`gid://shopify/${resource}/`)) return value;
  }
  return undefined;
}

function instantOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

function orderChanged(orderId: unknown, updatedAt: unknown, topic: string): DoorbellReading {
  const shopifyOrderId = gidOf('Order', orderId);
  const shopifyUpdatedAt = instantOf(updatedAt);
  if (!shopifyOrderId || !shopifyUpdatedAt)
    return { readable: false, reason: `${topic} without an order id and a timestamp` };
  return { readable: true, doorbell: { kind: 'order-changed', shopifyOrderId, shopifyUpdatedAt } };
}

function customerRequest(
  kind: 'customers-data-request' | 'customers-redact',
  body: Json,
  ordersField: string,
  topic: string,
): DoorbellReading {
  const customer = isObject(body.customer) ? body.customer : {};
  const shopifyCustomerId = gidOf('Customer', customer.id);
  if (!shopifyCustomerId) return { readable: false, reason: `${topic} without a customer id` };
  const listed = Array.isArray(body[ordersField]) ? (body[ordersField] as unknown[]) : [];
  const shopifyOrderIds = listed
    .map((id) => gidOf('Order', id))
    .filter((id): id is string => id !== undefined);
  return { readable: true, doorbell: { kind, shopifyCustomerId, shopifyOrderIds } };
}

/** Reads a verified delivery's topic and parsed body; never throws. */
export function readDoorbell(topic: string, body: unknown): DoorbellReading {
  if (!isObject(body)) return { readable: false, reason: `${topic} body is not a JSON object` };
  if ((ORDER_TOPICS as readonly string[]).includes(topic))
    return orderChanged(body.admin_graphql_api_id ?? body.id, body.updated_at, topic);
  if (topic === 'orders/edited') {
    const edit = isObject(body.order_edit) ? body.order_edit : {};
    return orderChanged(edit.order_id, edit.committed_at ?? edit.created_at, topic);
  }
  const childTimestamp = ORDER_CHILD_TOPICS[topic];
  if (childTimestamp) return orderChanged(body.order_id, body[childTimestamp], topic);
  switch (topic) {
    case 'app/uninstalled':
      return { readable: true, doorbell: { kind: 'app-uninstalled' } };
    case 'customers/data_request':
      return customerRequest('customers-data-request', body, 'orders_requested', topic);
    case 'customers/redact':
      return customerRequest('customers-redact', body, 'orders_to_redact', topic);
    case 'shop/redact':
      return { readable: true, doorbell: { kind: 'shop-redact' } };
    default:
      return { readable: false, reason: `topic ${topic} is not one orderbridge subscribes to` };
  }
}
