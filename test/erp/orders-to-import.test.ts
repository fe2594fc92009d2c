import { describe, expect, it } from 'vitest';
import { OrderToImport } from '../../erp/entities';
import { deleteOrdersToImport, listOrdersToImport, markOrderToImportFailed } from '../../erp/services/orders';
import { STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

let counter = 9000;
async function rowUpdatedAt(
  updatedAt: string,
  claimedByShopCode: string | null = null,
): Promise<OrderToImport> {
  counter += 1;
  const em = erp.orm.em.fork();
  const row = em.create(OrderToImport, {
    store: STORE,
    shopifyOrderId: `gid://shopify/Order/${counter}`,
    name: `#${counter}`,
    shopifyCreatedAt: new Date('2026-11-20T10:00:00Z'),
    shopifyUpdatedAt: new Date(updatedAt),
    totalAmount: '100.00',
    currencyCode: 'NOK',
    claimedByShopCode,
  });
  await em.flush();
  return row;
}

describe('orders to import, as operators see them', () => {
  it('lists newest change first, by errors, by shop card or by ids; deletes the rows asked for', async () => {
    const older = await rowUpdatedAt('2031-01-01T00:00:00Z', 'WEB');
    const newer = await rowUpdatedAt('2031-01-02T00:00:00Z');
    expect(await markOrderToImportFailed(erp.orm, STORE, newer.shopifyOrderId, 'boom: the full text')).toBe(
      true,
    );

    const names = (rows: { name: string }[]) => rows.map((row) => row.name);
    expect(names(await listOrdersToImport(erp.orm, { limit: 2 }))).toEqual([newer.name, older.name]);
    expect(await listOrdersToImport(erp.orm, { hasError: true })).toEqual([
      expect.objectContaining({ name: newer.name, hasError: true, errorText: 'boom: the full text' }),
    ]);
    expect(names(await listOrdersToImport(erp.orm, { shopCode: 'WEB' }))).toEqual([older.name]);
    expect(names(await listOrdersToImport(erp.orm, { ids: [older.id] }))).toEqual([older.name]);

    expect(await deleteOrdersToImport(erp.orm, [older.id, newer.id, 999_999])).toBe(2);
    expect(await listOrdersToImport(erp.orm, { ids: [older.id, newer.id] })).toEqual([]);
    expect(await markOrderToImportFailed(erp.orm, STORE, newer.shopifyOrderId, 'gone')).toBe(false);
  });
});
