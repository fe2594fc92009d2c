import { describe, expect, it } from 'vitest';
import { OrderProblemsError } from '../../domain/order-problems';
import {
  Customer,
  ImportedOrder,
  ShopCard,
  ShopCustomerTemplate,
  ShopifyCustomerLink,
} from '../../erp/entities';
import { createCustomerForOrder, mapShopifyCustomer } from '../../erp/services/customers';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder, mapOrder } from '../../erp/services/orders';
import type { OrderSnapshot } from '../../domain/order-snapshot';
import { address } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp(async (orm) => {
  const em = orm.em.fork();
  em.create(Customer, {
    no: 'KNOWN-EMAIL',
    name: 'Known by e-mail',
    email: 'known@example.com',
    phoneDigits: null,
    countryCode: 'NO',
  });
  em.create(Customer, {
    no: 'KNOWN-PHONE',
    name: 'Known by phone',
    phone: '+47 911 22 333',
    phoneDigits: '4791122333',
  });
  em.create(Customer, {
    no: 'KNOWN-BILLTO',
    name: 'Fjord Bikes AS',
    name2: 'Ola Hansen',
    address: 'Kaigata 5',
    postCode: '5003',
    city: 'Bergen',
    countryCode: 'NO',
  });
  em.create(Customer, { no: 'SE-SHOP', name: 'Swedish orders' });
  em.create(Customer, { no: 'POS-DEFAULT', name: 'Point of sale' });
  await em.flush();
});

const em = () => erp.orm.em.fork();

async function withShop<T>(patch: Partial<ShopCard>, work: () => Promise<T>): Promise<T> {
  const fork = em();
  const shop = await fork.findOneOrFail(ShopCard, SHOP);
  const before = {
    customerImport: shop.customerImport,
    customerMappingType: shop.customerMappingType,
    defaultCustomerNo: shop.defaultCustomerNo,
  };
  fork.assign(shop, patch);
  await fork.flush();
  try {
    return await work();
  } finally {
    fork.assign(shop, before);
    await fork.flush();
  }
}

async function customerOf(snapshot: OrderSnapshot) {
  const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, snapshot);
  const result = await mapOrder(erp.orm, importedOrderId);
  return { importedOrderId, result, order: await em().findOneOrFail(ImportedOrder, importedOrderId) };
}

describe('customer selection in the ERP store (SPEC §4.2)', () => {
  it('step 1: a ship-to country template with a default customer wins over every setting', async () => {
    const fork = em();
    fork.create(ShopCustomerTemplate, {
      shopCode: SHOP,
      countryCode: 'SE',
      templateCode: 'RETAIL',
      defaultCustomerNo: 'SE-SHOP',
    });
    await fork.flush();
    const { order } = await customerOf(
      newOrder({ email: 'known@example.com', shippingAddress: address({ countryCode: 'SE', city: 'Lund' }) }),
    );
    expect(order.sellToCustomerNo).toBe('SE-SHOP');
  });

  it('step 2: customer import none with a shop default takes the default', async () => {
    await withShop({ customerImport: 'none', defaultCustomerNo: 'POS-DEFAULT' }, async () => {
      const { order } = await customerOf(newOrder({ email: 'known@example.com' }));
      expect(order).toMatchObject({ sellToCustomerNo: 'POS-DEFAULT', billToCustomerNo: 'POS-DEFAULT' });
    });
  });

  it('mapping type "always default customer" takes the shop default', async () => {
    await withShop(
      { customerMappingType: 'default_customer', defaultCustomerNo: 'POS-DEFAULT' },
      async () => {
        const { order } = await customerOf(newOrder({ email: 'known@example.com' }));
        expect(order.sellToCustomerNo).toBe('POS-DEFAULT');
      },
    );
  });

  it('by e-mail/phone: e-mail (any case), then phone (any format), and links the Shopify customer', async () => {
    const byEmail = await customerOf(newOrder({ email: 'KNOWN@example.com' }));
    expect(byEmail.order.sellToCustomerNo).toBe('KNOWN-EMAIL');
    const link = await em().findOneOrFail(ShopifyCustomerLink, {
      store: STORE,
      shopifyCustomerId: byEmail.order.shopifyCustomerId ?? '',
    });
    expect(link.customerNo).toBe('KNOWN-EMAIL');

    const byPhone = await customerOf(newOrder({ email: 'nobody@example.com', phone: '0047 91122333' }));
    expect(byPhone.order.sellToCustomerNo).toBe('KNOWN-PHONE');
  });

  it('by e-mail/phone: the Shopify customer link comes first', async () => {
    const first = newOrder({ email: 'known@example.com' });
    await customerOf(first);
    const again = newOrder({ email: 'someone-else@example.com', customer: first.customer });
    const { order } = await customerOf(again);
    expect(order.sellToCustomerNo).toBe('KNOWN-EMAIL');
  });

  it('by bill-to info: the same name and address finds the customer; e-mail is not used', async () => {
    await withShop({ customerMappingType: 'by_bill_to' }, async () => {
      const billTo = address({
        company: 'Fjord Bikes AS',
        firstName: 'Ola',
        lastName: 'Hansen',
        name: 'Ola Hansen',
        address1: 'KAIGATA 5',
        zip: '5003',
        city: 'Bergen',
      });
      const { order } = await customerOf(newOrder({ email: 'known@example.com', billingAddress: billTo }));
      expect(order.sellToCustomerNo).toBe('KNOWN-BILLTO');
    });
  });

  it('creates a new customer from the template with the bill-to data, once: the next order finds it by the link', async () => {
    const snapshot = newOrder({
      billingAddress: address({
        company: 'Nye Kunde AS',
        firstName: 'Per',
        lastName: 'Li',
        name: 'Per Li',
        phone: '+47 455 00 001',
      }),
    });
    const first = await customerOf(snapshot);
    const created = first.result.createdCustomerNo ?? '';
    expect(await em().findOneOrFail(Customer, created)).toMatchObject({
      name: 'Nye Kunde AS',
      name2: 'Per Li',
      createdFromTemplateCode: 'RETAIL',
    });
    const second = await customerOf(
      newOrder({ customer: snapshot.customer, billingAddress: snapshot.billingAddress }),
    );
    expect(second.result.createdCustomerNo).toBeUndefined();
    expect(second.order.sellToCustomerNo).toBe(created);
  });

  it('a point-of-sale order without an address and without a default customer is CUSTOMER_ADDRESS_MISSING; the operator maps the Shopify customer', async () => {
    await withShop({ defaultCustomerNo: null }, async () => {
      const snapshot = newOrder({
        billingAddress: null,
        shippingAddress: null,
        email: null,
        sourceName: 'pos',
      });
      const { importedOrderId, result } = await customerOf(snapshot);
      expect(result.problems.map((problem) => problem.code)).toEqual(['CUSTOMER_ADDRESS_MISSING']);
      await expect(createCustomerForOrder(erp.orm, importedOrderId, 'RETAIL')).rejects.toBeInstanceOf(
        OrderProblemsError,
      );

      await mapShopifyCustomer(erp.orm, STORE, snapshot.customer?.legacyResourceId ?? '', 'POS-DEFAULT');
      const remapped = await mapOrder(erp.orm, importedOrderId);
      expect(remapped).toMatchObject({ mapped: true, sellToCustomerNo: 'POS-DEFAULT' });
    });
  });

  it('the operator creates a customer from a chosen template; asking twice creates one customer', async () => {
    await withShop({ customerImport: 'none', defaultCustomerNo: null }, async () => {
      const { importedOrderId, result } = await customerOf(newOrder());
      expect(result.problems.map((problem) => problem.code)).toEqual(['CUSTOMER_NOT_FOUND']);
      const created = await createCustomerForOrder(erp.orm, importedOrderId, 'B2B');
      const again = await createCustomerForOrder(erp.orm, importedOrderId, 'B2B');
      expect(again).toEqual({ ...created, created: false });
      expect(await em().findOneOrFail(Customer, created.customerNo)).toMatchObject({
        createdFromTemplateCode: 'B2B',
      });
      const document = await createSalesDocument(erp.orm, importedOrderId);
      expect(document.created).toBe(true);
    });
  });

  it('refuses a template that does not exist, naming the order', async () => {
    const { importedOrderId } = await customerOf(newOrder());
    await expect(createCustomerForOrder(erp.orm, importedOrderId, 'NOPE')).rejects.toThrow(
      /customer template 'NOPE' does not exist/,
    );
  });
});
