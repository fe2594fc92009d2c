import { describe, expect, it } from 'vitest';
import { AmbiguousOrderReferenceError, resolveOrderReference } from '../../client/order-reference';
import { OrderToImport } from '../../erp/entities';
import { importOrder } from '../../erp/services/orders';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

describe('an order name an operator types', () => {
  it('matching an imported order of one store and a queued one of another lists both and asks for --shop', async () => {
    const imported = newOrder();
    await importOrder(erp.orm, SHOP, imported);
    const em = erp.orm.em.fork();
    em.create(OrderToImport, {
      store: 'other-store.myshopify.com',
      shopifyOrderId: 'gid://shopify/Order/99001',
      name: imported.name,
      shopifyCreatedAt: new Date(),
      shopifyUpdatedAt: new Date(),
      totalAmount: '10.00',
      currencyCode: 'EUR',
    });
    await em.flush();

    const error = await resolveOrderReference(erp.orm.em.fork(), imported.name).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AmbiguousOrderReferenceError);
    const ambiguous = error as AmbiguousOrderReferenceError;
    expect(ambiguous.candidates.map((candidate) => candidate.store).sort()).toEqual(
      ['other-store.myshopify.com', STORE].sort(),
    );
    expect(ambiguous.message).toMatch(new RegExp(`shop ${SHOP} +store ${STORE} +imported`));
    expect(ambiguous.message).toMatch(/store other-store\.myshopify\.com +to import/);
    expect(ambiguous.message).toMatch(/--shop <code>/);

    await expect(resolveOrderReference(erp.orm.em.fork(), imported.name, SHOP)).resolves.toMatchObject({
      store: STORE,
      shopifyOrderId: imported.shopifyOrderId,
    });
  });
});
