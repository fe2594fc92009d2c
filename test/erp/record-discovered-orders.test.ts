import { describe, expect, it } from 'vitest';
import {
  markOrdersDispatched,
  recordDiscoveredOrders,
  type DiscoveredOrder,
} from '../../erp/services/record-discovered-orders';
import { SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

let counter = 7000;
function discovered(updatedAt: string, id = ++counter): DiscoveredOrder {
  return {
    shopifyOrderId: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt,
    closed: false,
    cancelledAt: null,
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    riskLevel: 'LOW',
    channel: 'online_store',
    sourceName: 'web',
    tags: [],
    totalAmount: '100.00',
    currencyCode: 'NOK',
  };
}

const record = (orders: DiscoveredOrder[]) =>
  recordDiscoveredOrders(erp.orm.em.fork(), { store: STORE, shopCode: SHOP, filters: {}, orders });

describe('orders a sync has sent to their workflows', () => {
  it('are not sent again at the same version, and are at a newer one', async () => {
    const first = discovered('2026-11-20T10:00:00.123Z');
    const sent = await record([first]);
    expect(sent.toDispatch).toHaveLength(1);
    await markOrdersDispatched(erp.orm.em.fork(), STORE, sent.toDispatch);

    expect(await record([first])).toMatchObject({ toDispatch: [], alreadyDispatched: 1 });
    const edited = { ...first, updatedAt: '2026-11-20T10:05:00Z' };
    expect(await record([edited])).toMatchObject({
      toDispatch: [{ shopifyOrderId: first.shopifyOrderId, updatedAt: edited.updatedAt }],
      alreadyDispatched: 0,
    });
  });

  it('are marked only at the version sent: a newer one listed meanwhile by another sync is still to send', async () => {
    const older = discovered('2026-11-21T10:00:00Z');
    const sentOlder = await record([older]);
    // Another sync lists the order after an edit, before the first one marks what it sent.
    const newer = { ...older, updatedAt: '2026-11-21T10:01:00Z' };
    await record([newer]);
    await markOrdersDispatched(erp.orm.em.fork(), STORE, sentOlder.toDispatch);
    expect(await record([newer])).toMatchObject({
      toDispatch: [{ shopifyOrderId: older.shopifyOrderId, updatedAt: newer.updatedAt }],
      alreadyDispatched: 0,
    });
  });
});
