import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedErpBasics } from '../../erp/demo-setup';
import { GlAccount, ShopCard } from '../../erp/entities';
import {
  addCustomerTemplate,
  listShopCustomerTemplates,
  removeShopCustomerTemplate,
  setShopCustomerTemplate,
} from '../../erp/services/customers';
import {
  listLocationMappings,
  listShipmentMethodMappings,
  recordShopifyLocations,
  recordShopifyShipmentMethods,
  setLocationMapping,
  setShipmentMethodMapping,
} from '../../erp/services/shipments';
import {
  addShopCard,
  advanceOrderSyncWatermark,
  getShopAccessToken,
  getShopCard,
  listShopCards,
  setExchangeRate,
  ShopCardError,
  updateShopCard,
} from '../../erp/services/settings';
import { createTestErp, type TestErp } from '../helpers/test-database';
import { seedTestShop } from './erp-fixture';

let erp: TestErp;

beforeAll(async () => {
  erp = await createTestErp(inject('testRunId'));
  await seedErpBasics(erp.orm, { lcyCode: 'NOK' });
  await seedTestShop(erp.orm);
});

afterAll(async () => {
  await erp?.close();
});

describe('shop cards', () => {
  it('adds a card with a token it never shows', async () => {
    const view = await addShopCard(erp.orm, {
      code: 'pos',
      shopDomain: 'erp-test.myshopify.com',
      accessToken: 'shpat_x',
    });
    expect(view).toMatchObject({
      code: 'POS',
      credentialKind: 'static_token',
      hasCredentials: true,
      customerImport: 'with_order',
      apiVersion: '2026-10',
    });
    expect(JSON.stringify(view)).not.toContain('shpat_x');
    expect(JSON.stringify(await listShopCards(erp.orm))).not.toContain('shpat_x');
    expect(await getShopAccessToken(erp.orm, 'POS')).toBe('shpat_x');
  });

  it('refuses a duplicate code and a bad domain', async () => {
    await expect(addShopCard(erp.orm, { code: 'POS', shopDomain: 'erp-test.myshopify.com' })).rejects.toThrow(
      /already exists/,
    );
    await expect(addShopCard(erp.orm, { code: 'X', shopDomain: 'https://x.com' })).rejects.toThrow(
      /shopDomain: expected a shop domain/,
    );
  });

  it('changes settings and reports every wrong one at once', async () => {
    const error = await updateShopCard(erp.orm, 'POS', {
      settings: {
        tipAccountNo: '9999',
        customerMappingType: 'default_customer',
        currencyCode: 'JPY',
        customerImport: 'sometimes',
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShopCardError);
    expect((error as ShopCardError).problems).toEqual([
      "customerImport: Invalid enum value. Expected 'none' | 'with_order' | 'all', received 'sometimes'",
    ]);
    const references = await updateShopCard(erp.orm, 'POS', {
      settings: {
        tipAccountNo: '9999',
        customerMappingType: 'default_customer',
        currencyCode: 'JPY',
        returnRefundProcess: 'auto_credit_memo',
      },
    }).catch((caught: unknown) => caught);
    expect(references).toBeInstanceOf(ShopCardError);
    expect((references as ShopCardError).problems).toEqual([
      'tipAccountNo: G/L account 9999 does not exist',
      'currencyCode: currency JPY is not set up; add a rate with `orderbridge currency rate JPY --date <YYYY-MM-DD> --rate <rate>`',
      'returnRefundProcess: auto_credit_memo requires autoCreateOrders (SPEC §1)',
      'customerMappingType: default_customer needs a defaultCustomerNo',
    ]);
    // Nothing was half-applied.
    expect((await getShopCard(erp.orm, 'POS'))?.tipAccountNo).toBeNull();
  });

  it('accepts a consistent change, a foreign currency with rates and a valid tag filter', async () => {
    await setExchangeRate(erp.orm, {
      currencyCode: 'EUR',
      startingDate: '2026-01-01',
      rateLcyPerUnit: '11.5',
    });
    const view = await updateShopCard(erp.orm, 'POS', {
      settings: {
        customerImport: 'none',
        customerMappingType: 'default_customer',
        defaultCustomerNo: 'WEB-GUEST',
        currencyCode: 'EUR',
        orderSyncFilters: { channels: ['Point of Sale'], tagFilter: '@*pos*|<>test' },
      },
    });
    expect(view).toMatchObject({
      customerImport: 'none',
      defaultCustomerNo: 'WEB-GUEST',
      currencyCode: 'EUR',
    });
    await expect(
      updateShopCard(erp.orm, 'POS', { settings: { orderSyncFilters: { tagFilter: 'a||b' } } }),
    ).rejects.toThrow(/tagFilter: Tag filter 'a\|\|b' is not valid/);
  });

  it('refuses a blocked G/L account', async () => {
    const em = erp.orm.em.fork();
    em.create(GlAccount, { no: '9990', name: 'Old', blocked: true });
    await em.flush();
    await expect(updateShopCard(erp.orm, 'POS', { settings: { tipAccountNo: '9990' } })).rejects.toThrow(
      /9990 is blocked/,
    );
  });

  it('only ever moves the order sync watermark forward', async () => {
    const later = new Date('2026-11-20T12:00:00Z');
    expect(await advanceOrderSyncWatermark(erp.orm, 'POS', later)).toEqual(later);
    expect(await advanceOrderSyncWatermark(erp.orm, 'POS', new Date('2026-11-19T00:00:00Z'))).toEqual(later);
    expect((await erp.orm.em.fork().findOneOrFail(ShopCard, 'POS')).lastOrderSyncAt).toEqual(later);
  });
});

describe('mappings and templates', () => {
  it('records shipment method names once and maps them to existing methods only', async () => {
    expect(
      await recordShopifyShipmentMethods(erp.orm, 'POS', ['Standard', 'Standard', 'Express ', '']),
    ).toEqual({ added: 2 });
    expect(await recordShopifyShipmentMethods(erp.orm, 'POS', ['Standard'])).toEqual({ added: 0 });
    await setShipmentMethodMapping(erp.orm, 'POS', 'Standard', 'STD');
    await expect(setShipmentMethodMapping(erp.orm, 'POS', 'Express', 'NOPE')).rejects.toThrow(
      /NOPE does not exist/,
    );
    expect(await listShipmentMethodMappings(erp.orm, 'POS')).toEqual([
      {
        shopifyMethodName: 'Express',
        shipmentMethodCode: null,
        shippingAgentCode: null,
        shippingAgentServiceCode: null,
      },
      {
        shopifyMethodName: 'Standard',
        shipmentMethodCode: 'STD',
        shippingAgentCode: null,
        shippingAgentServiceCode: null,
      },
    ]);
  });

  it('records Shopify locations (renames included) and maps them', async () => {
    await recordShopifyLocations(erp.orm, 'POS', [
      { shopifyLocationId: 'gid://shopify/Location/5', name: 'Shop' },
    ]);
    await recordShopifyLocations(erp.orm, 'POS', [
      { shopifyLocationId: 'gid://shopify/Location/5', name: 'Flagship' },
    ]);
    await setLocationMapping(erp.orm, 'POS', 'gid://shopify/Location/5', 'MAIN');
    expect(await listLocationMappings(erp.orm, 'POS')).toEqual([
      {
        shopifyLocationId: 'gid://shopify/Location/5',
        shopifyLocationName: 'Flagship',
        locationCode: 'MAIN',
      },
    ]);
  });

  it('sets per-country templates with default customers, and removes them', async () => {
    await addCustomerTemplate(erp.orm, { code: 'export', description: 'Export customers' });
    expect(
      await setShopCustomerTemplate(erp.orm, { shopCode: 'POS', countryCode: 'se', templateCode: 'EXPORT' }),
    ).toEqual({
      shopCode: 'POS',
      countryCode: 'SE',
      templateCode: 'EXPORT',
      defaultCustomerNo: null,
    });
    await setShopCustomerTemplate(erp.orm, {
      shopCode: 'POS',
      countryCode: 'SE',
      defaultCustomerNo: 'WEB-GUEST',
    });
    expect(await listShopCustomerTemplates(erp.orm, 'POS')).toEqual([
      { shopCode: 'POS', countryCode: 'SE', templateCode: 'EXPORT', defaultCustomerNo: 'WEB-GUEST' },
    ]);
    await expect(
      setShopCustomerTemplate(erp.orm, { shopCode: 'POS', countryCode: 'Sweden' }),
    ).rejects.toThrow(/ISO 3166/);
    await expect(
      setShopCustomerTemplate(erp.orm, { shopCode: 'POS', countryCode: 'DK', templateCode: 'NOPE' }),
    ).rejects.toThrow(/add-template NOPE/);
    expect(await removeShopCustomerTemplate(erp.orm, 'POS', 'se')).toBe(true);
    expect(await listShopCustomerTemplates(erp.orm, 'POS')).toEqual([]);
  });

  it('validates exchange rates', async () => {
    await expect(
      setExchangeRate(erp.orm, { currencyCode: 'EURO', startingDate: '2026-01-01', rateLcyPerUnit: '1' }),
    ).rejects.toThrow(/ISO 4217/);
    await expect(
      setExchangeRate(erp.orm, { currencyCode: 'EUR', startingDate: '01.01.2026', rateLcyPerUnit: '1' }),
    ).rejects.toThrow(/YYYY-MM-DD/);
    await expect(
      setExchangeRate(erp.orm, { currencyCode: 'EUR', startingDate: '2026-01-01', rateLcyPerUnit: '-1' }),
    ).rejects.toThrow(/positive decimal/);
    const updated = await setExchangeRate(erp.orm, {
      currencyCode: 'eur',
      startingDate: '2026-01-01',
      rateLcyPerUnit: '11.60',
    });
    expect(updated).toMatchObject({ currencyCode: 'EUR', currencyCreated: false });
  });
});
