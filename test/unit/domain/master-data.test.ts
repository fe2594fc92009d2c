import { describe, expect, it } from 'vitest';
import { CsvFormatError, formatCsvRecords, parseCsvRecords } from '../../../domain/master-data/csv-records';
import type { FieldSpec } from '../../../domain/master-data/field-spec';
import { parseFieldValue } from '../../../domain/master-data/field-values';
import {
  bulkMappingMethods,
  decideVariantMapping,
  type KeyCandidates,
} from '../../../domain/master-data/variant-mapping';

describe('parseFieldValue', () => {
  const price: FieldSpec = { name: 'unitPrice', type: 'decimal', emptyValue: '0' };
  const code: FieldSpec = { name: 'code', type: 'code', maxLength: 4, key: true, upperCase: true };

  it('keeps decimals as strings and refuses what is no amount', () => {
    expect(parseFieldValue(price, ' 12.50 ')).toEqual({ ok: true, value: '12.5' });
    expect(parseFieldValue(price, '')).toEqual({ ok: true, value: '0' });
    expect(parseFieldValue(price, '1e3')).toMatchObject({ ok: false });
    expect(parseFieldValue(price, '0.12345')).toEqual({
      ok: false,
      reason: "'0.12345' has more than 4 decimals",
    });
    expect(parseFieldValue({ name: 'rate', type: 'percent' }, '101')).toMatchObject({ ok: false });
  });

  it('upper-cases codes, checks their length, and requires keys', () => {
    expect(parseFieldValue(code, 'main')).toEqual({ ok: true, value: 'MAIN' });
    expect(parseFieldValue(code, 'north')).toEqual({ ok: false, reason: 'at most 4 characters (has 5)' });
    expect(parseFieldValue(code, '  ')).toEqual({ ok: false, reason: 'a value is required' });
  });

  it('reads countries, e-mail and booleans', () => {
    expect(parseFieldValue({ name: 'countryCode', type: 'country' }, 'dk')).toEqual({
      ok: true,
      value: 'DK',
    });
    expect(parseFieldValue({ name: 'countryCode', type: 'country' }, 'DNK')).toMatchObject({ ok: false });
    expect(parseFieldValue({ name: 'email', type: 'email' }, 'A@B.io')).toEqual({
      ok: true,
      value: 'a@b.io',
    });
    expect(parseFieldValue({ name: 'blocked', type: 'boolean' }, 'Yes')).toEqual({ ok: true, value: true });
  });
});

describe('CSV records', () => {
  it('numbers rows by the line they start on, across quoted line breaks and blank lines', () => {
    const csv = parseCsvRecords('\uFEFFno,description\nA,"two\nlines"\n\nB,plain\n');
    expect(csv.columns).toEqual(['no', 'description']);
    expect(csv.rows).toEqual([
      { line: 2, values: { no: 'A', description: 'two\nlines' } },
      { line: 5, values: { no: 'B', description: 'plain' } },
    ]);
  });

  it('refuses a row with a different number of cells, naming its line', () => {
    expect(() => parseCsvRecords('no,description\nA,x\nB\n')).toThrow(CsvFormatError);
    expect(() => parseCsvRecords('no,description\nA,x\nB\n')).toThrow(/^line 3:/);
  });

  it('writes what it reads', () => {
    const text = formatCsvRecords(
      ['no', 'name', 'blocked'],
      [{ no: 'C1', name: 'A "quoted", name', blocked: false }],
    );
    expect(parseCsvRecords(text).rows[0]!.values).toEqual({
      no: 'C1',
      name: 'A "quoted", name',
      blocked: 'false',
    });
  });
});

describe('decideVariantMapping', () => {
  const none: KeyCandidates = { variants: [], items: [] };
  const table: Record<string, KeyCandidates> = {
    'sku:TEE-M': {
      variants: [{ itemNo: 'TEE', variantCode: 'M' }],
      items: [{ itemNo: 'TEE-M', variantCode: null }],
    },
    'sku:MUG': { variants: [], items: [{ itemNo: 'MUG', variantCode: null }] },
    'sku:TWICE': {
      variants: [
        { itemNo: 'A', variantCode: '1' },
        { itemNo: 'B', variantCode: '1' },
      ],
      items: [],
    },
    'barcode:400': { variants: [], items: [{ itemNo: 'BC', variantCode: null }] },
  };
  const lookup = (method: string, key: string) => table[`${method}:${key}`] ?? none;
  const methods = bulkMappingMethods('sku_then_barcode');

  it('prefers a variant to an item, as order mapping does, and falls back to the barcode', () => {
    expect(decideVariantMapping({ sku: 'TEE-M', barcode: null }, methods, lookup)).toMatchObject({
      kind: 'mapped',
      item: { itemNo: 'TEE', variantCode: 'M' },
    });
    expect(decideVariantMapping({ sku: 'NONE', barcode: '400' }, methods, lookup)).toMatchObject({
      kind: 'mapped',
      method: 'barcode',
      item: { itemNo: 'BC' },
    });
  });

  it('reports two matches and a variant nothing matches, with the reason', () => {
    expect(decideVariantMapping({ sku: 'TWICE', barcode: '400' }, methods, lookup)).toEqual({
      kind: 'ambiguous',
      reason: "2 items match SKU 'TWICE': A/1, B/1",
    });
    expect(decideVariantMapping({ sku: 'X', barcode: '9' }, methods, lookup)).toEqual({
      kind: 'missing',
      reason: "no item has SKU 'X' or barcode '9'",
    });
    expect(decideVariantMapping({ sku: ' ', barcode: null }, bulkMappingMethods('sku'), lookup)).toEqual({
      kind: 'missing',
      reason: 'no SKU to match',
    });
  });
});
