import { describe, expect, it } from 'vitest';
import { ordersNotAnnounced, runOncePerWebhookEvent } from '../../erp/services/webhooks';
import { testLogger } from '../helpers/test-logger';
import { startDeliveryPruning } from '../../webhooks/prune-deliveries';
import { STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();
const HOUR = 60 * 60 * 1000;

async function deliver(eventId: string, order?: { shopifyOrderId: string; shopifyUpdatedAt: string }) {
  let effects = 0;
  const outcome = await runOncePerWebhookEvent(
    erp.orm,
    { shopDomain: STORE, eventId, topic: 'orders/updated', ...(order ? { order } : {}) },
    async () => {
      effects += 1;
    },
  );
  return { outcome, effects };
}

async function receivedHoursAgo(eventId: string, hours: number): Promise<void> {
  await erp.orm.em
    .fork()
    .execute(
      `update webhook_delivery set received_at = now() - make_interval(hours => ?) where event_id = ?`,
      [hours, eventId],
    );
}

describe('webhook event ids', () => {
  it('are remembered through Shopify retry window and forgotten after 72 hours', async () => {
    for (const eventId of ['old', 'two-days', 'fresh']) expect((await deliver(eventId)).effects).toBe(1);
    await receivedHoursAgo('old', 73);
    await receivedHoursAgo('two-days', 49);

    const pruning = startDeliveryPruning({ orm: erp.orm, logger: testLogger, everyMs: 60_000 });
    await pruning.stop();

    // Within the window a redelivery is still a duplicate; past it the id is forgotten.
    expect(await deliver('two-days')).toEqual({ outcome: 'duplicate', effects: 0 });
    expect(await deliver('fresh')).toEqual({ outcome: 'duplicate', effects: 0 });
    const remaining = await erp.orm.em
      .fork()
      .execute<{ event_id: string }[]>(`select event_id from webhook_delivery order by event_id`);
    expect(remaining.map((row) => row.event_id)).toEqual(['fresh', 'two-days']);
    expect(await deliver('old')).toEqual({ outcome: 'done', effects: 1 });
  });

  it('tell which listed order versions no webhook announced', async () => {
    const order = (id: number) => `gid://shopify/Order/${id}`;
    await deliver('created-1', { shopifyOrderId: order(1), shopifyUpdatedAt: '2026-12-01T10:00:00Z' });
    await deliver('created-2', { shopifyOrderId: order(2), shopifyUpdatedAt: '2026-12-01T10:00:00Z' });
    const unannounced = await ordersNotAnnounced(erp.orm, STORE, [
      // Announced at this very version.
      { shopifyOrderId: order(1), updatedAt: '2026-12-01T10:00:00Z' },
      // Announced at an older version by a delivery that arrived (now) after the listed change:
      // it announced that change (a refund's webhook carries the refund's time, not the order's).
      { shopifyOrderId: order(2), updatedAt: '2026-12-01T11:00:00Z' },
      // Never announced.
      { shopifyOrderId: order(3), updatedAt: '2026-12-01T10:00:00Z' },
    ]);
    expect(unannounced).toEqual([order(3)]);
    // A change made after the last delivery arrived was announced by none.
    const later = new Date(Date.now() + HOUR).toISOString();
    expect(
      await ordersNotAnnounced(erp.orm, STORE, [{ shopifyOrderId: order(1), updatedAt: later }]),
    ).toEqual([order(1)]);
  });
});
