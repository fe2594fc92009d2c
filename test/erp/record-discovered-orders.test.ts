import { describe, expect, it } from 'vitest';
import type { OrderSyncFilters } from '../../domain/order-filters';
import { OrderToImport, ShopCard } from '../../erp/entities';
import {
  type DiscoveredOrder,
  importOrder,
  markOrdersDispatched,
  markOrderToImportFailed,
  recordDiscoveredOrders,
} from '../../erp/services/orders';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

/** The two cards of one store (SPEC §7): the web shop leaves point-of-sale orders to POS. */
const WEB_FILTERS: OrderSyncFilters = { excludedChannels: ['Point of Sale'] };
const POS_FILTERS: OrderSyncFilters = { channels: ['Point of Sale'] };

const erp = useSeededTestErp(async (orm) => {
  const em = orm.em.fork();
  em.create(ShopCard, {
    code: 'POS',
    shopDomain: STORE,
    customerImport: 'none',
    defaultCustomerNo: 'WEB-GUEST',
    orderSyncFilters: POS_FILTERS,
  });
  await em.flush();
});

let counter = 7000;
function discovered(overrides: Partial<DiscoveredOrder> = {}): DiscoveredOrder {
  counter += 1;
  return {
    shopifyOrderId: `gid://shopify/Order/${counter}`,
    name: `#${counter}`,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    closed: false,
    cancelledAt: null,
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    riskLevel: 'LOW',
    channel: 'Online Store',
    sourceName: 'web',
    tags: [],
    totalAmount: '100.00',
    currencyCode: 'NOK',
    ...overrides,
  };
}

const record = (orders: DiscoveredOrder[], shopCode = SHOP, filters: OrderSyncFilters = WEB_FILTERS) =>
  recordDiscoveredOrders(erp.orm.em.fork(), { store: STORE, shopCode, filters, orders });
const dispatchedIds = (outcome: { toDispatch: { shopifyOrderId: string }[] }) =>
  outcome.toDispatch.map((order) => order.shopifyOrderId);
const rowOf = (order: DiscoveredOrder) =>
  erp.orm.em.fork().findOne(OrderToImport, { store: STORE, shopifyOrderId: order.shopifyOrderId });

describe('orders a sync discovers', () => {
  it('are upserted by (store, order id); an archived or cancelled one never imported is not queued; errors stay on update', async () => {
    const first = discovered();
    const archived = discovered({ closed: true });
    const cancelled = discovered({ cancelledAt: '2026-11-20T11:00:00Z' });
    expect(await record([first, archived, cancelled])).toMatchObject({ upserted: 1, neverImportable: 2 });
    expect(await rowOf(archived)).toBeNull();

    await markOrderToImportFailed(erp.orm, STORE, first.shopifyOrderId, 'boom: the full text');
    await record([{ ...first, updatedAt: '2026-11-21T10:00:00Z', tags: ['edited'] }]);
    expect(await rowOf(first)).toMatchObject({
      tags: ['edited'],
      hasError: true,
      errorText: 'boom: the full text',
    });
  });

  it('two shop cards on one store split them by their filters, and never claim one twice', async () => {
    const web = discovered();
    const pos = discovered({ channel: 'Point of Sale', sourceName: 'pos' });
    const [byWeb, byPos] = await Promise.all([
      record([web, pos], SHOP, WEB_FILTERS),
      record([web, pos], 'POS', POS_FILTERS),
    ]);
    expect(dispatchedIds(byWeb)).toEqual([web.shopifyOrderId]);
    expect(dispatchedIds(byPos)).toEqual([pos.shopifyOrderId]);
    expect(await rowOf(web)).toMatchObject({ claimedByShopCode: SHOP });
    expect(await rowOf(pos)).toMatchObject({ claimedByShopCode: 'POS' });
    // Listed again, each row goes to the card that claimed it, however the filters read.
    expect(await record([web, pos], 'POS', {})).toMatchObject({ claimedByOtherShop: 1 });
  });

  it('an order a card imported goes to that card even when its filters no longer match, and never to another', async () => {
    const snapshot = newOrder();
    await importOrder(erp.orm, SHOP, snapshot);
    const edited = discovered({
      shopifyOrderId: snapshot.shopifyOrderId,
      updatedAt: '2030-01-01T00:00:00Z',
      channel: 'Point of Sale',
    });
    expect(await record([edited], 'POS', POS_FILTERS)).toMatchObject({
      toDispatch: [],
      claimedByOtherShop: 1,
    });
    expect(dispatchedIds(await record([edited], SHOP, WEB_FILTERS))).toEqual([snapshot.shopifyOrderId]);
  });

  it('leave the list when imported: listed again at that version, they are up to date', async () => {
    const snapshot = newOrder();
    const listed = discovered({ shopifyOrderId: snapshot.shopifyOrderId, updatedAt: snapshot.updatedAt });
    await record([listed]);
    await importOrder(erp.orm, SHOP, snapshot);
    expect(await rowOf(listed)).toBeNull();
    expect(await record([listed])).toMatchObject({ toDispatch: [], upToDate: 1 });
  });
});

describe('orders a sync has sent to their workflows', () => {
  it('are not sent again at the same version, and are at a newer one', async () => {
    const first = discovered({ updatedAt: '2026-11-20T10:00:00.123Z' });
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
    const older = discovered({ updatedAt: '2026-11-21T10:00:00Z' });
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
