import { createHmac, randomUUID } from 'node:crypto';
import type { OrderRecord, WebhookSubscriptionRecord } from './records';
import type { ShopStore, StoreEvent } from './store';
import { orderPayload, refundPayload, fulfillmentPayload } from './webhook-payloads';

export interface WebhookOptions {
  /** The app's client secret: the HMAC key. */
  secret: string;
  apiVersion: string;
  /** Attempts per delivery, the first included (Shopify: 1 + 8 retries). */
  maxAttempts: number;
  /** Delay before the first retry; doubles each time. */
  initialRetryDelayMs: number;
  /** Per-attempt timeout (Shopify gives a callback 5 s). */
  timeoutMs: number;
}

export interface WebhookDelivery {
  webhookId: string;
  eventId: string;
  topic: string;
  subscriptionId: string;
  uri: string;
  body: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  responseStatuses: (number | string)[];
  triggeredAt: string;
}

const TOPIC_BY_EVENT: Record<StoreEvent['kind'], string> = {
  'order-created': 'ORDERS_CREATE',
  'order-updated': 'ORDERS_UPDATED',
  'order-cancelled': 'ORDERS_CANCELLED',
  'refund-created': 'REFUNDS_CREATE',
  'fulfillment-created': 'FULFILLMENTS_CREATE',
  'order-edited': 'ORDERS_EDITED',
  'order-paid': 'ORDERS_PAID',
  'order-fulfilled': 'ORDERS_FULFILLED',
  'order-partially-fulfilled': 'ORDERS_PARTIALLY_FULFILLED',
};

/** Topics the simulator delivers. */
export const DELIVERED_TOPICS = Object.values(TOPIC_BY_EVENT);

/** `ORDERS_CREATE` → `orders/create`, as X-Shopify-Topic carries it. */
export function topicHeader(topic: string): string {
  const [resource, ...action] = topic.toLowerCase().split('_');
  return `${resource}/${action.join('_')}`;
}

/** Only loopback callbacks: the simulator never sends traffic off this machine. */
export function isAllowedCallback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      (url.hostname === '127.0.0.1' || url.hostname === 'localhost')
    );
  } catch {
    return false;
  }
}

export function signWebhook(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

/**
 * Sends webhooks for store events to matching subscriptions: a JSON body (REST-shaped, as
 * Shopify's are) signed with HMAC-SHA256 of the raw body, retried with doubling delays on any
 * non-2xx answer or network error, up to `maxAttempts`.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly options: WebhookOptions;
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ShopStore,
    options: Partial<WebhookOptions> & { secret: string; apiVersion: string },
  ) {
    this.options = { maxAttempts: 9, initialRetryDelayMs: 1000, timeoutMs: 5000, ...options };
    this.unsubscribe = store.onEvent((event) => this.onEvent(event));
  }

  configure(options: Partial<WebhookOptions>): void {
    Object.assign(this.options, options);
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private onEvent(event: StoreEvent): void {
    if (this.stopped) return;
    const topic = TOPIC_BY_EVENT[event.kind];
    const subscriptions = this.store.webhookSubscriptions.filter(
      (subscription) => subscription.topic === topic,
    );
    if (subscriptions.length === 0) return;
    const payload = this.payloadFor(event);
    const eventId = randomUUID();
    const triggeredAt = new Date(this.store.clock.now()).toISOString();
    for (const subscription of subscriptions) {
      const body = JSON.stringify(trimFields(payload, subscription));
      const delivery: WebhookDelivery = {
        webhookId: randomUUID(),
        eventId,
        topic,
        subscriptionId: subscription.id,
        uri: subscription.uri,
        body,
        attempts: 0,
        status: 'pending',
        responseStatuses: [],
        triggeredAt,
      };
      this.deliveries.push(delivery);
      const running = this.deliver(delivery, subscription).finally(() => this.pending.delete(running));
      this.pending.add(running);
    }
  }

  private payloadFor(event: StoreEvent): Record<string, unknown> {
    const order: OrderRecord = event.order;
    switch (event.kind) {
      case 'refund-created':
        return refundPayload(this.store, order, event.refundId);
      case 'fulfillment-created':
        return fulfillmentPayload(this.store, order, event.fulfillmentId);
      case 'order-edited':
        return {
          order_edit: {
            id: Number(event.calculatedOrderId.split('/').pop()),
            order_id: Number(order.id.split('/').pop()),
            created_at: order.updatedAt,
            committed_at: order.updatedAt,
            notify_customer: event.notifyCustomer,
            staff_note: event.staffNote ?? '',
            line_items: order.lineItems.map((line) => ({
              id: Number(line.id.split('/').pop()),
              quantity: line.quantity,
              current_quantity: line.currentQuantity,
            })),
          },
        };
      default:
        return orderPayload(this.store, order);
    }
  }

  private async deliver(delivery: WebhookDelivery, subscription: WebhookSubscriptionRecord): Promise<void> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': topicHeader(delivery.topic),
      'X-Shopify-Hmac-Sha256': signWebhook(delivery.body, this.options.secret),
      'X-Shopify-Shop-Domain': this.store.shop.myshopifyDomain,
      'X-Shopify-Webhook-Id': delivery.webhookId,
      'X-Shopify-Event-Id': delivery.eventId,
      'X-Shopify-API-Version': this.options.apiVersion,
      'X-Shopify-Triggered-At': delivery.triggeredAt,
    };
    if (subscription.name) headers['X-Shopify-Name'] = subscription.name;
    while (!this.stopped && delivery.attempts < this.options.maxAttempts) {
      delivery.attempts++;
      if (!isAllowedCallback(delivery.uri)) {
        delivery.responseStatuses.push('refused: not a loopback address');
        break;
      }
      try {
        const response = await fetch(delivery.uri, {
          method: 'POST',
          headers,
          body: delivery.body,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        delivery.responseStatuses.push(response.status);
        await response.arrayBuffer().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) {
          delivery.status = 'delivered';
          return;
        }
      } catch (error) {
        delivery.responseStatuses.push(`error: ${(error as Error).message}`);
      }
      if (delivery.attempts >= this.options.maxAttempts) break;
      const delay = this.options.initialRetryDelayMs * 2 ** (delivery.attempts - 1);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, delay);
        this.timers.add(timer);
      });
    }
    delivery.status = 'failed';
  }
}

function trimFields(
  payload: Record<string, unknown>,
  subscription: WebhookSubscriptionRecord,
): Record<string, unknown> {
  if (subscription.includeFields.length === 0) return payload;
  return Object.fromEntries(
    Object.entries(payload).filter(([key]) => subscription.includeFields.includes(key)),
  );
}
