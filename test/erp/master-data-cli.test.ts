import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerErpMasterDataCommands } from '../../client/commands/erp-master-data';
import { seedDemoShop } from '../../erp/demo-setup';
import { Customer, ItemVariant, TaxArea } from '../../erp/entities';
import { cliRunner } from '../helpers/cli-runner';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;

beforeAll(async () => {
  erp = await createTestErp(inject('testRunId'));
  await seedDemoShop(erp.orm, {
    shopDomain: 'master-data.myshopify.com',
    shopCode: 'WEB',
    items: [{ no: 'TSHIRT', description: 'T-shirt' }],
  });
});

afterAll(async () => {
  await erp?.close();
});

const run = cliRunner({
  env: () => ({ DATABASE_URL: erp.databaseUrl }),
  erp: () => erp.orm,
  register: (program, context) => {
    registerErpMasterDataCommands(program, context);
  },
});

const em = () => erp.orm.em.fork();

describe('orderbridge erp item|item-variant|customer|tax-area|gl-account|location|shipment-method', () => {
  it('adds an item and its variants with SKU and barcode, and shows them together', async () => {
    const added = JSON.parse(
      await run(
        'erp',
        'item',
        'add',
        'hoodie-1',
        '--description',
        'Hoodie',
        '--unit-price',
        '49.90',
        '--json',
      ),
    ) as Record<string, unknown>;
    expect(added).toEqual({
      no: 'hoodie-1',
      description: 'Hoodie',
      barcode: null,
      unitPrice: '49.9',
      blocked: false,
    });
    await run('erp', 'item-variant', 'add', 'hoodie-1', 'S', '--description', 'Small', '--sku', 'HOOD-S');
    await run(
      'erp',
      'item-variant',
      'add',
      'hoodie-1',
      'M',
      '--description',
      'Medium',
      '--sku',
      'HOOD-M',
      '--barcode',
      '5701234567892',
    );
    const shown = JSON.parse(await run('erp', 'item', 'show', 'hoodie-1', '--json')) as {
      variants: { code: string; sku: string; barcode: string | null }[];
    };
    expect(shown.variants).toEqual([
      expect.objectContaining({ code: 'M', sku: 'HOOD-M', barcode: '5701234567892' }),
      expect.objectContaining({ code: 'S', sku: 'HOOD-S', barcode: null }),
    ]);
    expect(await em().findOneOrFail(ItemVariant, { itemNo: 'hoodie-1', code: 'M' })).toMatchObject({
      sku: 'HOOD-M',
    });
  });

  it('refuses a duplicate key, a missing required field, a bad value and a variant of no item', async () => {
    await expect(run('erp', 'item', 'add', 'hoodie-1', '--description', 'Again')).rejects.toThrow(
      /Item hoodie-1 exists already: change it with `orderbridge erp item set`/,
    );
    await expect(run('erp', 'location', 'add', 'east')).rejects.toThrow(/name: required for a new location/);
    await expect(run('erp', 'item', 'set', 'hoodie-1', '--unit-price', '12,50')).rejects.toThrow(
      /unitPrice: '12,50' is not a number like 12.50/,
    );
    await expect(run('erp', 'item-variant', 'add', 'NOPE', 'S', '--description', 'Small')).rejects.toThrow(
      /itemNo: item 'NOPE' does not exist/,
    );
    await expect(run('erp', 'gl-account', 'set', '9999', '--name', 'Nothing')).rejects.toThrow(
      /G\/L account 9999 does not exist: add it with `orderbridge erp gl-account add`/,
    );
  });

  it('keeps a customer with address, e-mail and phone, clearing a field with ""', async () => {
    await run(
      'erp',
      'tax-area',
      'add',
      'dk',
      '--description',
      'Denmark VAT',
      '--country-code',
      'dk',
      '--tax-rate-percent',
      '25',
    );
    await run(
      'erp',
      'customer',
      'add',
      'c-100',
      '--name',
      'Ann Berg',
      '--address',
      'Main Street 1',
      '--post-code',
      '2100',
      '--city',
      'Copenhagen',
      '--country-code',
      'DK',
      '--email',
      'Ann@Example.COM',
      '--phone',
      '+45 12 34 56 78',
      '--tax-area-code',
      'DK',
    );
    const changed = JSON.parse(
      await run('erp', 'customer', 'set', 'C-100', '--city', 'Aarhus', '--address2', '', '--json'),
    ) as Record<string, unknown>;
    expect(changed).toMatchObject({
      no: 'C-100',
      city: 'Aarhus',
      email: 'ann@example.com',
      taxAreaCode: 'DK',
    });
    expect(await em().findOneOrFail(Customer, 'C-100')).toMatchObject({ phoneDigits: '4512345678' });
    expect(await em().findOneOrFail(TaxArea, 'DK')).toMatchObject({
      countryCode: 'DK',
      taxRatePercent: '25.0000',
    });
    await expect(run('erp', 'customer', 'set', 'C-100', '--tax-area-code', 'XX')).rejects.toThrow(
      /taxAreaCode: tax area 'XX' does not exist/,
    );
  });

  it('lists every kind as a table or JSON', async () => {
    await run('erp', 'gl-account', 'add', '6250', '--name', 'Freight', '--taxable', 'false');
    await run('erp', 'shipment-method', 'add', 'pallet', '--description', 'Pallet freight');
    expect(await run('erp', 'gl-account', 'list')).toMatch(/^no\s+name\s+blocked\s+taxable/);
    const accounts = JSON.parse(await run('erp', 'gl-account', 'list', '--json')) as {
      no: string;
      taxable: boolean;
    }[];
    expect(accounts.find((account) => account.no === '6250')).toEqual({
      no: '6250',
      name: 'Freight',
      blocked: false,
      taxable: false,
    });
    const methods = JSON.parse(await run('erp', 'shipment-method', 'list', '--json')) as { code: string }[];
    expect(methods.map((method) => method.code)).toContain('PALLET');
    const locations = JSON.parse(await run('erp', 'location', 'list', '--json')) as { code: string }[];
    expect(locations.map((location) => location.code)).toEqual(['MAIN', 'RETURNS']);
  });
});
