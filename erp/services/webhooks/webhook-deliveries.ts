import { inTransaction, type ErpContext } from '../shared/context';

export interface WebhookEventKey {
  shopDomain: string;
  /** X-Shopify-Event-Id: the same for every delivery (and retry) of one event. */
  eventId: string;
  topic: string;
}

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
      'insert into webhook_delivery (shop_domain, event_id, topic) values (?, ?, ?) ' +
        'on conflict do nothing returning event_id',
      [event.shopDomain, event.eventId, event.topic],
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
