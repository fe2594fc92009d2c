import { entityManagerOf, inTransaction, type ErpContext } from '../shared/context';

export interface WebhookEventKey {
  shopDomain: string;
  /** X-Shopify-Event-Id: the same for every delivery (and retry) of one event. */
  eventId: string;
  topic: string;
  /** The order an order topic announced, and its version (`updated_at`). */
  order?: { shopifyOrderId: string; shopifyUpdatedAt: string };
}

/**
 * How long an event id is remembered: Shopify retries a delivery 8 times over about 4 hours, and
 * an operator may replay one from the Partner Dashboard for a while after; 72 hours covers both.
 */
export const WEBHOOK_DELIVERY_RETENTION_MS = 72 * 60 * 60 * 1000;

/**
 * Runs `effect` for an event unless it already had it: one event, one effect, however often it is
 * delivered. The event is claimed by its row first and the row goes again when the effect fails,
 * so Shopify's retry runs it then. No connection is held while the effect waits on Temporal: a
 * burst of deliveries must not hold the whole pool while each effect needs a connection too.
 * A duplicate arriving while the first delivery is still at work is answered as a duplicate.
 */
export async function runOncePerWebhookEvent(
  context: ErpContext,
  event: WebhookEventKey,
  effect: () => Promise<void>,
): Promise<'done' | 'duplicate'> {
  const claimed = await inTransaction(context, (em) =>
    em.execute<{ event_id: string }[]>(
      'insert into webhook_delivery (shop_domain, event_id, topic, shopify_order_id, shopify_updated_at) ' +
        'values (?, ?, ?, ?, ?) on conflict do nothing returning event_id',
      [
        event.shopDomain,
        event.eventId,
        event.topic,
        event.order?.shopifyOrderId ?? null,
        event.order ? new Date(event.order.shopifyUpdatedAt) : null,
      ],
    ),
  );
  if (claimed.length === 0) return 'duplicate';
  try {
    await effect();
  } catch (error) {
    await inTransaction(context, (em) =>
      em.execute('delete from webhook_delivery where shop_domain = ? and event_id = ?', [
        event.shopDomain,
        event.eventId,
      ]),
    );
    throw error;
  }
  return 'done';
}

/** Forgets events older than Shopify's retry window and then some; returns how many went. */
export async function pruneWebhookDeliveries(context: ErpContext, olderThan: Date): Promise<number> {
  return inTransaction(context, async (em) => {
    const rows = await em.execute<{ event_id: string }[]>(
      'delete from webhook_delivery where received_at < ? returning event_id',
      [olderThan],
    );
    return rows.length;
  });
}

/**
 * Of the orders listed at a version, those no webhook announced: no delivery for the order carried
 * that version or a newer one, or arrived after it (a refund's webhook carries the refund's time).
 */
export async function ordersNotAnnounced(
  context: ErpContext,
  store: string,
  orders: readonly { shopifyOrderId: string; updatedAt: string }[],
): Promise<string[]> {
  if (orders.length === 0) return [];
  const announced = await entityManagerOf(context).execute<
    { shopify_order_id: string; newest_version: Date | null; newest_received: Date }[]
  >(
    `select shopify_order_id, max(shopify_updated_at) as newest_version, max(received_at) as newest_received
       from webhook_delivery where shop_domain = ? and shopify_order_id in (${orders.map(() => '?').join(', ')})
      group by shopify_order_id`,
    [store, ...orders.map((order) => order.shopifyOrderId)],
  );
  const byOrder = new Map(announced.map((row) => [row.shopify_order_id, row]));
  return orders
    .filter((order) => {
      const row = byOrder.get(order.shopifyOrderId);
      if (!row) return true;
      const listed = Date.parse(order.updatedAt);
      const version = row.newest_version ? new Date(row.newest_version).getTime() : -Infinity;
      return version < listed && new Date(row.newest_received).getTime() < listed;
    })
    .map((order) => order.shopifyOrderId);
}
