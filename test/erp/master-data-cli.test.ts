import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerErpImportExportCommands } from '../../client/commands/erp-import-export';
import { registerErpMasterDataCommands } from '../../client/commands/erp-master-data';
import { takeNeedsAttention, UsageError } from '../../client/exit-codes';
import { MasterRecordNotFoundError } from '../../erp/services/master-data';
import { seedDemoShop } from '../../erp/demo-setup';
import { Customer, Item, ItemVariant, TaxArea } from '../../erp/entities';
import { cliRunner } from '../helpers/cli-runner';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;
let folder: string;

beforeAll(async () => {
  erp = await createTestErp(inject('testRunId'));
  await seedDemoShop(erp.orm, {
    shopDomain: 'master-data.myshopify.com',
    shopCode: 'WEB',
    items: [{ no: 'TSHIRT', description: 'T-shirt' }],
  });
  folder = await mkdtemp(join(tmpdir(), 'orderbridge-master-data-'));
});

afterAll(async () => {
  await erp?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

afterEach(() => {
  process.exitCode = undefined;
});

const run = cliRunner({
  env: () => ({ DATABASE_URL: erp.databaseUrl }),
  erp: () => erp.orm,
  register: (program, context) => {
    registerErpMasterDataCommands(program, context);
    registerErpImportExportCommands(program, context);
  },
});

async function csvFile(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text, 'utf8');
  return path;
}

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
    await expect(run('erp', 'location', 'show', 'NOWHERE')).rejects.toThrow(MasterRecordNotFoundError);
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

describe('orderbridge erp import|export', () => {
  it('dry-runs a clean file: says what it would add and change, writes nothing', async () => {
    const file = await csvFile(
      'items.csv',
      'no,description,unitPrice\nTSHIRT,T-shirt (organic),19.95\nMUG,"Mug, large",8\n',
    );
    const report = JSON.parse(await run('erp', 'import', 'item', file, '--dry-run', '--json')) as Record<
      string,
      unknown
    >;
    expect(report).toMatchObject({
      rows: 2,
      inserted: 1,
      updated: 1,
      rejectedRows: 0,
      rejected: [],
      written: false,
    });
    expect(await em().findOne(Item, 'MUG')).toBeNull();
    expect(process.exitCode).toBeUndefined();
    expect(await run('erp', 'import', 'item', file)).toMatch(/2 rows; 1 added, 1 changed, 0 rejected/);
    expect(await em().findOneOrFail(Item, 'MUG')).toMatchObject({
      description: 'Mug, large',
      unitPrice: '8.0000',
    });
    expect(await em().findOneOrFail(Item, 'TSHIRT')).toMatchObject({ unitPrice: '19.9500' });
  });

  it('rejects a bad file whole, naming line, column and reason; --skip-invalid writes the rest', async () => {
    const file = await csvFile(
      'bad-items.csv',
      [
        'no,description,unitPrice,blocked',
        'PEN,Pen,1.5,false',
        'BAD ITEM,Spaces in the key,1,false',
        'CAP,"Cap,',
        'with a line break",-2,maybe',
        'NEWONE,,3,false',
        'PEN,Pen again,2,false',
        '',
      ].join('\n'),
    );
    const output = await run('erp', 'import', 'item', file);
    expect(process.exitCode).toBe(1);
    expect(output).toContain('5 rows; 1 not added, 0 not changed, 4 rejected');
    expect(output).toContain("line 3, column no: 'BAD ITEM': letters, digits and - _ . / only, no spaces");
    expect(output).toContain("line 4, column unitPrice: '-2' is negative");
    expect(output).toContain("line 4, column blocked: 'maybe': expected true or false");
    expect(output).toContain('line 6, column description: a value is required');
    expect(output).toContain('line 7, column no: PEN is on line 2 already');
    expect(output).toContain('Nothing was written');
    expect(await em().findOne(Item, 'PEN')).toBeNull();

    process.exitCode = undefined;
    const skipped = JSON.parse(await run('erp', 'import', 'item', file, '--skip-invalid', '--json')) as {
      written: boolean;
      inserted: number;
    };
    expect(skipped).toMatchObject({ written: true, inserted: 1 });
    expect(process.exitCode).toBeUndefined();
    expect(takeNeedsAttention()).toBe('4 row(s) rejected');
    expect(await em().findOneOrFail(Item, 'PEN')).toMatchObject({ description: 'Pen' });
    expect(await em().findOne(Item, 'NEWONE')).toBeNull();
  });

  it('refuses an unknown column and a file without its key column before reading rows', async () => {
    const file = await csvFile('wrong-header.csv', 'code,name,colour\nX,Y,red\n');
    const report = JSON.parse(await run('erp', 'import', 'location', file, '--json')) as {
      rejected: { line: number; column: string; reason: string }[];
      written: boolean;
    };
    expect(report.written).toBe(false);
    expect(report.rejected).toEqual([
      { line: 1, column: 'colour', reason: 'no such column; the columns are code, name' },
    ]);
    await expect(run('erp', 'import', 'warehouse', file)).rejects.toThrow(UsageError);
    const noKey = await csvFile('no-key.csv', 'name\nSomewhere\n');
    expect(await run('erp', 'import', 'location', noKey)).toContain(
      'line 1, column code: key column missing: every row needs it',
    );
  });

  it('round-trips customers through export and import unchanged', async () => {
    await run(
      'erp',
      'customer',
      'add',
      'C-200',
      '--name',
      'Bo "The Boss" Lund',
      '--address',
      'Harbour 2, 3rd floor',
      '--country-code',
      'DK',
      '--email',
      'bo@example.com',
    );
    const exportFile = join(folder, 'customers.csv');
    await run('erp', 'export', 'customer', '--output', exportFile);
    const exported = await readFile(exportFile, 'utf8');
    expect(exported.split('\n')[0]).toBe(
      'no,name,name2,contact,address,address2,city,postCode,county,countryCode,email,phone,taxAreaCode,currencyCode,blocked',
    );
    const before = await run('erp', 'customer', 'list', '--json');
    const report = JSON.parse(await run('erp', 'import', 'customer', exportFile, '--json')) as Record<
      string,
      unknown
    >;
    expect(report).toMatchObject({ inserted: 0, rejectedRows: 0, written: true });
    expect(report.updated).toBe((JSON.parse(before) as unknown[]).length);
    expect(await run('erp', 'customer', 'list', '--json')).toBe(before);
    expect(await run('erp', 'export', 'customer')).toBe(exported.replace(/\n$/, ''));
  });
});
