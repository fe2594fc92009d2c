import { inTransaction, type ErpContext } from '../shared/context';

export interface WebhookEventKey {
  shopDomain: string;
  /** X-Shopify-Event-Id: the same for every delivery (and retry) of one event. */
  eventId: string;
  topic: string;
}

/**
 * Runs `effect` for an event unless it already had it: one event, one effect, however often it is
 * delivered. The event is recorded only when the effect succeeded, in the same transaction that
 * holds a lock on the event, so a duplicate arriving meanwhile waits and then finds it recorded;
 * a failed effect records nothing and Shopify's retry runs it again.
 */
export async function runOncePerWebhookEvent(
  context: ErpContext,
  event: WebhookEventKey,
  effect: () => Promise<void>,
): Promise<'done' | 'duplicate'> {
  return inTransaction(context, async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `webhook:${event.shopDomain}:${event.eventId}`,
    ]);
    const seen = await em.execute<{ found: number }[]>(
      'select 1 as found from webhook_delivery where shop_domain = ? and event_id = ?',
      [event.shopDomain, event.eventId],
    );
    if (seen.length > 0) return 'duplicate';
    await effect();
    await em.execute('insert into webhook_delivery (shop_domain, event_id, topic) values (?, ?, ?)', [
      event.shopDomain,
      event.eventId,
      event.topic,
    ]);
    return 'done';
  });
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
