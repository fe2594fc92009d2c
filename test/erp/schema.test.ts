import { sealedCredentialColumns } from '../../erp/services/credentials';
import { getShopAccessToken } from '../../erp/services/settings';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Customer, GlAccount, SalesHeader, ShopCard } from '../../erp/entities';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;

beforeAll(async () => {
  erp = await createTestErp(inject('testRunId'));
});

afterAll(async () => {
  await erp?.close();
});

describe('the ERP store schema', () => {
  it('keeps money as decimal strings and hides the shop access token', async () => {
    const em = erp.orm.em.fork();
    em.create(GlAccount, { no: '6100', name: 'Shipping charges' });
    em.create(ShopCard, {
      code: 'WEB',
      shopDomain: 'schema-test.myshopify.com',
      ...sealedCredentialColumns({ kind: 'static_token', accessToken: 'shpat_secret' }),
      shippingChargesAccountNo: '6100',
    });
    await em.flush();
    const shop = await erp.orm.em.fork().findOneOrFail(ShopCard, 'WEB');
    expect(shop.shippingChargesAccountNo).toBe('6100');
    expect(JSON.stringify(shop)).not.toContain('shpat_secret');
    expect(JSON.stringify(shop)).not.toContain('obsec1');
    expect(await getShopAccessToken(erp.orm, 'WEB')).toBe('shpat_secret');
  });

  it('refuses a second order-or-invoice for one Shopify order, even of the other type', async () => {
    const em = erp.orm.em.fork();
    em.create(Customer, { no: 'C1', name: 'Someone' });
    await em.flush();
    const document = (documentType: 'order' | 'invoice', no: string) => ({
      documentType,
      no,
      sellToCustomerNo: 'C1',
      billToCustomerNo: 'C1',
      sellToAddress: emptyAddress,
      billToAddress: emptyAddress,
      currencyHandling: 'shop',
      documentDate: '2026-11-27',
      store: 'schema-test.myshopify.com',
      shopifyOrderId: 'gid://shopify/Order/1',
      amount: '10.10',
    });
    await erp.orm.em.fork().insert(SalesHeader, document('order', 'SO1'));
    await expect(erp.orm.em.fork().insert(SalesHeader, document('invoice', 'SI1'))).rejects.toBeInstanceOf(
      UniqueConstraintViolationException,
    );
    const stored = await erp.orm.em.fork().findOneOrFail(SalesHeader, { no: 'SO1' });
    expect(stored.amount).toBe('10.1000');
  });
});

const emptyAddress = {
  name: 'Someone',
  name2: null,
  contact: null,
  address: null,
  address2: null,
  city: null,
  postCode: null,
  county: null,
  countryCode: null,
  phone: null,
};
