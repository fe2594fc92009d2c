import { describe, expect, it } from 'vitest';
import { OrderToImport, ShopCard } from '../../erp/entities';
import { importOrder } from '../../erp/services/import-order';
import {
  claimOrdersToImport,
  deleteOrdersToImport,
  listOrdersToImport,
  markOrderToImportFailed,
  upsertOrdersToImport,
  type OrderToImportInput,
} from '../../erp/services/orders-to-import';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp(async (orm) => {
  // A second card on the same store for point-of-sale orders (SPEC §7).
  const em = orm.em.fork();
  const web = await em.findOneOrFail(ShopCard, SHOP);
  web.orderSyncFilters = { excludedChannels: ['Point of Sale'] };
  em.create(ShopCard, {
    code: 'POS',
    shopDomain: STORE,
    customerImport: 'none',
    defaultCustomerNo: 'WEB-GUEST',
    orderSyncFilters: { channels: ['Point of Sale'] },
  });
  await em.flush();
});

let counter = 9000;
const row = (overrides: Partial<OrderToImportInput> = {}): OrderToImportInput => {
  counter++;
  return {
    shopifyOrderId: `gid://shopify/Order/${counter}`,
    name: `#${counter}`,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    riskLevel: 'LOW',
    tags: [],
    channel: 'Online Store',
    sourceName: 'web',
    totalAmount: '100.00',
    currencyCode: 'NOK',
    closed: false,
    cancelledAt: null,
    ...overrides,
  };
};

describe('orders to import', () => {
  it('upserts by (store, order id), never queues an archived order that was never imported, and keeps errors on update', async () => {
    const first = row();
    const archived = row({ closed: true });
    expect(await upsertOrdersToImport(erp.orm, STORE, [first, archived, first])).toEqual({
      inserted: 1,
      updated: 0,
      skippedArchived: 1,
    });
    await markOrderToImportFailed(erp.orm, STORE, first.shopifyOrderId, 'boom: the full text');
    expect(
      await upsertOrdersToImport(erp.orm, STORE, [
        { ...first, updatedAt: '2026-11-21T10:00:00Z', tags: ['edited'] },
      ]),
    ).toEqual({
      inserted: 0,
      updated: 1,
      skippedArchived: 0,
    });
    const stored = await erp.orm.em
      .fork()
      .findOneOrFail(OrderToImport, { store: STORE, shopifyOrderId: first.shopifyOrderId });
    expect(stored).toMatchObject({ tags: ['edited'], hasError: true, errorText: 'boom: the full text' });
    expect(
      (await listOrdersToImport(erp.orm, { store: STORE, hasError: true })).map((entry) => entry.name),
    ).toContain(first.name);
    expect(await erp.orm.em.fork().count(OrderToImport, { shopifyOrderId: archived.shopifyOrderId })).toBe(0);
  });

  it('two shop cards on one store split the rows by their filters, and never claim one twice', async () => {
    const web = row({ channel: 'Online Store' });
    const pos = row({ channel: 'Point of Sale', sourceName: 'pos' });
    await upsertOrdersToImport(erp.orm, STORE, [web, pos]);
    const [byWeb, byPos] = await Promise.all([
      claimOrdersToImport(erp.orm, 'WEB'),
      claimOrdersToImport(erp.orm, 'POS'),
    ]);
    const webIds = byWeb.claimed.map((entry) => entry.shopifyOrderId);
    const posIds = byPos.claimed.map((entry) => entry.shopifyOrderId);
    expect(webIds).toContain(web.shopifyOrderId);
    expect(webIds).not.toContain(pos.shopifyOrderId);
    expect(posIds).toEqual([pos.shopifyOrderId]);
    expect(webIds.filter((id) => posIds.includes(id))).toEqual([]);
    // A second claim by the same card returns its rows again, nothing new.
    expect((await claimOrdersToImport(erp.orm, 'POS')).claimed.map((entry) => entry.shopifyOrderId)).toEqual([
      pos.shopifyOrderId,
    ]);
  });

  it('an update of an order a card imported goes to that card even if its filters no longer match', async () => {
    const snapshot = newOrder();
    await importOrder(erp.orm, 'WEB', snapshot);
    await upsertOrdersToImport(erp.orm, STORE, [
      row({ shopifyOrderId: snapshot.shopifyOrderId, channel: 'Point of Sale' }),
    ]);
    const byPos = await claimOrdersToImport(erp.orm, 'POS', { shopifyOrderIds: [snapshot.shopifyOrderId] });
    expect(byPos).toMatchObject({ claimed: [], ownedByOtherShop: 1 });
    const byWeb = await claimOrdersToImport(erp.orm, 'WEB', { shopifyOrderIds: [snapshot.shopifyOrderId] });
    expect(byWeb.claimed.map((entry) => entry.shopifyOrderId)).toEqual([snapshot.shopifyOrderId]);
    // The import itself refuses the other card too.
    expect(await importOrder(erp.orm, 'POS', snapshot)).toMatchObject({ skipped: 'claimed-by-other-shop' });
  });

  it('a successful import removes the row; operators can delete rows to leave orders out', async () => {
    const snapshot = newOrder();
    const [kept, dropped] = [row({ shopifyOrderId: snapshot.shopifyOrderId }), row()];
    await upsertOrdersToImport(erp.orm, STORE, [kept, dropped]);
    await importOrder(erp.orm, 'WEB', snapshot);
    expect(await deleteOrdersToImport(erp.orm, STORE, [dropped.shopifyOrderId])).toBe(1);
    const left = await erp.orm.em
      .fork()
      .count(OrderToImport, { shopifyOrderId: { $in: [kept.shopifyOrderId, dropped.shopifyOrderId] } });
    expect(left).toBe(0);
  });
});
