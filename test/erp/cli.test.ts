import { getShopAccessToken } from '../../erp/services/settings';
import { cliRunner } from '../helpers/cli-runner';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { registerCurrencyCommand } from '../../client/commands/currency';
import { registerCustomerTemplateCommand } from '../../client/commands/customer-template';
import { registerMapCommand } from '../../client/commands/map';
import { registerShopCommand } from '../../client/commands/shop';
import { seedDemoShop } from '../../erp/demo-setup';
import { ShopifyVariantLink } from '../../erp/entities';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;

beforeAll(async () => {
  erp = await createTestErp(inject('testRunId'));
  await seedDemoShop(erp.orm, {
    shopDomain: 'cli-test.myshopify.com',
    shopCode: 'WEB',
    items: [{ no: 'TSHIRT', description: 'T-shirt' }],
  });
});

afterAll(async () => {
  await erp?.close();
});

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CLI_TEST_TOKEN;
});

/** Runs the commands against the test database; returns what they printed. */
const run = cliRunner({
  // Shopify calls (the shop currency check) go to a closed loopback port, never to the internet.
  env: () => ({ DATABASE_URL: erp.databaseUrl, SHOPIFY_API_BASE_URL: 'http://127.0.0.1:9' }),
  erp: () => erp.orm,
  register: (program, context) => {
    registerShopCommand(program, context);
    registerMapCommand(program, context);
    registerCustomerTemplateCommand(program, context);
    registerCurrencyCommand(program, context);
  },
});

describe('orderbridge shop', () => {
  it('adds a shop card with the token from an environment variable and never prints it', async () => {
    process.env.CLI_TEST_TOKEN = 'shpat_cli_secret';
    const output = await run(
      'shop',
      'add',
      'pos',
      '--domain',
      'cli-test.myshopify.com',
      '--token-env',
      'CLI_TEST_TOKEN',
      '--customer-import',
      'none',
      '--json',
    );
    expect(output).not.toContain('shpat_cli_secret');
    expect(JSON.parse(output)).toMatchObject({
      code: 'POS',
      credentialKind: 'static_token',
      hasCredentials: true,
      customerImport: 'none',
    });
    expect(await getShopAccessToken(erp.orm, 'POS')).toBe('shpat_cli_secret');
  });

  it('sets accounts, filters and schedules, merging filters with the card’s own', async () => {
    await run('shop', 'set', 'POS', '--channel', 'Point of Sale', '--tags', '@*pos*');
    const output = await run(
      'shop',
      'set',
      'POS',
      '--financial-status',
      'paid,partially_paid',
      '--tip-account',
      'none',
      '--order-sync-schedule',
      '5m',
      '--json',
    );
    expect(JSON.parse(output)).toMatchObject({
      tipAccountNo: null,
      orderSyncSchedule: '5m',
      orderSyncFilters: {
        channels: ['Point of Sale'],
        tagFilter: '@*pos*',
        financialStatuses: ['PAID', 'PARTIALLY_PAID'],
      },
    });
  });

  it('refuses a value outside the choices and a bad boolean, naming the option', async () => {
    await expect(run('shop', 'set', 'POS', '--customer-mapping', 'by_magic')).rejects.toThrow(
      /Allowed choices are default_customer, by_email_phone, by_bill_to/,
    );
    await expect(run('shop', 'set', 'POS', '--auto-release', 'maybe')).rejects.toThrow(
      /--auto-release: expected true or false/,
    );
  });

  it('lists and shows cards, as a table or JSON', async () => {
    const table = await run('shop', 'list');
    expect(table).toMatch(/^code\s+domain\s+enabled\s+credentials/);
    expect(table).toContain('POS');
    const json = JSON.parse(await run('shop', 'list', '--json')) as { code: string }[];
    expect(json.map((entry) => entry.code)).toEqual(['POS', 'WEB']);
    expect(await run('shop', 'show', 'WEB')).toMatch(/shippingChargesAccountNo\s+6100/);
  });

  it('documents every setting in --help', async () => {
    const help: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      help.push(String(chunk));
      return true;
    });
    await expect(run('shop', 'set', '--help')).rejects.toThrow();
    expect(help.join('')).toContain('--tags <expression>');
    expect(help.join('')).toContain('--token-stdin');
  });
});

describe('orderbridge map, customer-template, currency', () => {
  it('maps a variant by its number to an item of the only store', async () => {
    const output = await run('map', 'item', '--variant', '123', '--item', 'TSHIRT', '--json');
    expect(JSON.parse(output)).toEqual({
      store: 'cli-test.myshopify.com',
      shopifyVariantId: 'gid://shopify/ProductVariant/123',
      itemNo: 'TSHIRT',
      variantCode: null,
    });
    expect(await erp.orm.em.fork().count(ShopifyVariantLink, { itemNo: 'TSHIRT' })).toBe(1);
    await expect(run('map', 'item', '--variant', 'abc', '--item', 'TSHIRT')).rejects.toThrow(
      /not a Shopify ProductVariant id/,
    );
  });

  it('maps a Shopify customer', async () => {
    const output = await run(
      'map',
      'customer',
      '--shopify-customer',
      '77',
      '--customer',
      'WEB-GUEST',
      '--shop',
      'WEB',
      '--json',
    );
    expect(JSON.parse(output)).toMatchObject({
      shopifyCustomerId: 'gid://shopify/Customer/77',
      customerNo: 'WEB-GUEST',
    });
  });

  it('sets a country template and lists it', async () => {
    await run(
      'customer-template',
      'set',
      'WEB',
      '--country',
      'se',
      '--template',
      'RETAIL',
      '--default-customer',
      'WEB-GUEST',
    );
    const rows = JSON.parse(await run('customer-template', 'list', '--shop', 'WEB', '--json')) as {
      countryCode: string;
    }[];
    expect(rows.map((row) => row.countryCode)).toEqual(['SE', 'US']);
  });

  it('sets an exchange rate and lists rates', async () => {
    await run(
      'currency',
      'rate',
      'GBP',
      '--date',
      '2026-11-01',
      '--rate',
      '1.27',
      '--description',
      'Pound sterling',
    );
    const rates = JSON.parse(await run('currency', 'rates', 'GBP', '--json')) as { rateLcyPerUnit: string }[];
    expect(rates).toEqual([
      { currencyCode: 'GBP', startingDate: '2026-11-01', rateLcyPerUnit: '1.2700000000' },
    ]);
  });
});
