import { createHmac, randomUUID } from 'node:crypto';
import { seededRandom } from './seeded-random';
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
  /**
   * Shares (0..1, adding up to at most 1) of deliveries that meet a fault, as real delivery is
   * at least once and unordered: sent twice under one event id, held back until a later
   * delivery has been answered, or never sent at all (no retry).
   */
  faultShares: Partial<Record<WebhookFault, number>>;
  /** Seed of the fault draw, so a run with the same events meets the same faults. */
  faultSeed: number;
  /**
   * How long held (out-of-order) deliveries wait once the store has gone quiet (no new event)
   * before they go anyway: while events keep coming, a later ordinary delivery will release them.
   */
  outOfOrderMaxHoldMs: number;
}

export type WebhookFault = 'duplicate' | 'out-of-order' | 'drop';

const WEBHOOK_FAULTS: readonly WebhookFault[] = ['drop', 'duplicate', 'out-of-order'];

export interface WebhookDelivery {
  webhookId: string;
  eventId: string;
  topic: string;
  subscriptionId: string;
  uri: string;
  body: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed' | 'dropped';
  responseStatuses: (number | string)[];
  triggeredAt: string;
  /** The fault this delivery met on purpose, if any (a duplicate's copy says `duplicate`). */
  fault?: WebhookFault;
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
  'bulk-operation-finished': 'BULK_OPERATIONS_FINISH',
};

/** Topics the simulator delivers. */
export const DELIVERED_TOPICS = Object.values(TOPIC_BY_EVENT);

/** `ORDERS_CREATE` → `orders/create`, as X-Shopify-Topic carries it. */
export function topicHeader(topic: string): string {
  // The one topic whose resource is two words.
  if (topic === 'BULK_OPERATIONS_FINISH') return 'bulk_operations/finish';
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
  private drawFault: () => number;
  /** Releases of held (out-of-order) deliveries, waiting for a later delivery to be answered. */
  private held: (() => void)[] = [];
  /** Releases the held deliveries after `outOfOrderMaxHoldMs` without a new event. */
  private quietTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: ShopStore,
    options: Partial<WebhookOptions> & { secret: string; apiVersion: string },
  ) {
    this.options = {
      maxAttempts: 9,
      initialRetryDelayMs: 1000,
      timeoutMs: 5000,
      faultShares: {},
      faultSeed: 1,
      outOfOrderMaxHoldMs: 1000,
      ...options,
    };
    assertFaultShares(this.options.faultShares);
    this.drawFault = seededRandom(this.options.faultSeed);
    this.unsubscribe = store.onEvent((event) => this.onEvent(event));
  }

  configure(options: Partial<WebhookOptions>): void {
    if (options.faultShares) assertFaultShares(options.faultShares);
    Object.assign(this.options, options);
    if (options.faultSeed !== undefined) this.drawFault = seededRandom(options.faultSeed);
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
    clearTimeout(this.quietTimer);
    for (const release of this.held.splice(0)) release();
  }

  private onEvent(event: StoreEvent): void {
    if (this.stopped) return;
    // A new event may bring the later delivery the held ones wait for: the quiet period restarts.
    this.armQuietTimer();
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
      const running = this.dispatch(delivery, subscription).finally(() => this.pending.delete(running));
      this.pending.add(running);
    }
  }

  private pickFault(): WebhookFault | undefined {
    const draw = this.drawFault();
    let threshold = 0;
    for (const fault of WEBHOOK_FAULTS) {
      threshold += this.options.faultShares[fault] ?? 0;
      if (draw < threshold) return fault;
    }
    return undefined;
  }

  private async dispatch(delivery: WebhookDelivery, subscription: WebhookSubscriptionRecord): Promise<void> {
    const fault = this.pickFault();
    delivery.fault = fault;
    if (fault === 'drop') {
      delivery.status = 'dropped';
      return;
    }
    if (fault === 'out-of-order') {
      await this.holdUntilLaterAnswered();
      await this.deliver(delivery, subscription);
      return;
    }
    // Only an ordinary delivery releases the held ones: a duplicate's answer says nothing about
    // order, and a held one released by it could race the next ordinary delivery (as on Node 24).
    const earlierHeld = fault === undefined ? this.held.splice(0) : [];
    try {
      await this.deliver(delivery, subscription);
    } finally {
      for (const release of earlierHeld) release();
    }
    if (fault === 'duplicate' && !this.stopped) {
      const copy: WebhookDelivery = {
        ...delivery,
        attempts: 0,
        status: 'pending',
        responseStatuses: [],
      };
      this.deliveries.push(copy);
      await this.deliver(copy, subscription);
    }
  }

  /** Waits until a later ordinary delivery has been answered, or the store has gone quiet. */
  private holdUntilLaterAnswered(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.held.push(resolve);
      this.armQuietTimer();
    });
  }

  /**
   * (Re)starts the quiet period after which held deliveries go anyway. Measured from the last
   * event, not from the hold: a slow run between events must not release them before the later
   * delivery they wait for has even been triggered.
   */
  private armQuietTimer(): void {
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    if (this.held.length === 0 || this.stopped) return;
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      for (const release of this.held.splice(0)) release();
    }, this.options.outOfOrderMaxHoldMs);
  }

  private payloadFor(event: StoreEvent): Record<string, unknown> {
    if (event.kind === 'bulk-operation-finished') {
      // Shopify's bulk_operations/finish body: the operation's id and outcome, lowercase.
      const operation = event.operation;
      return {
        admin_graphql_api_id: operation.id,
        completed_at: operation.completedAt(),
        created_at: operation.createdAt,
        error_code: operation.errorCode()?.toLowerCase() ?? null,
        status: operation.status().toLowerCase(),
        type: operation.type.toLowerCase(),
      };
    }
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

function assertFaultShares(shares: Partial<Record<WebhookFault, number>>): void {
  let total = 0;
  for (const [fault, share] of Object.entries(shares)) {
    if (!Number.isFinite(share) || share < 0 || share > 1) {
      throw new Error(`webhook fault share ${fault}=${share}: expected a number from 0 to 1`);
    }
    total += share;
  }
  if (total > 1 + 1e-9) throw new Error(`webhook fault shares add up to ${total}; at most 1`);
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
