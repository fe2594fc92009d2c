import { describe, expect, it } from 'vitest';
import { ImportedOrder, SalesHeader } from '../../erp/entities';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder, listImportedOrders } from '../../erp/services/orders';
import { newOrder, SHOP, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();
const em = () => erp.orm.em.fork();

const listed = async (includeClosed: boolean) =>
  (await listImportedOrders(erp.orm, { includeClosed, limit: 100 })).map((order) => order.name);

describe('orders list', () => {
  it('shows an order closed in Shopify until its ERP document is done (archived)', async () => {
    const order = newOrder();
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, order);
    const document = await createSalesDocument(erp.orm, importedOrderId);
    await importOrder(erp.orm, SHOP, {
      ...order,
      updatedAt: '2026-11-22T10:00:00Z',
      closed: true,
      closedAt: '2026-11-22T10:00:00Z',
    });
    expect((await em().findOneOrFail(ImportedOrder, importedOrderId)).stage).toBe('closed');
    // Its invoice is not posted: the ERP side is not done, so it is listed.
    expect(await listed(false)).toContain(order.name);

    await em().nativeUpdate(SalesHeader, { id: document.salesHeaderId }, { archivedAt: new Date() });
    expect(await listed(false)).not.toContain(order.name);
    expect(await listed(true)).toContain(order.name);
  });
});
