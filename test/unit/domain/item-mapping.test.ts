import { describe, expect, it } from 'vitest';
import { itemMatchMethods, lookupKey } from '../../../domain/item-mapping';

describe('item mapping order', () => {
  it.each([
    ['explicit', ['explicit']],
    ['sku', ['explicit', 'sku']],
    ['barcode', ['explicit', 'barcode']],
    ['sku_then_barcode', ['explicit', 'sku', 'barcode']],
  ] as const)('%s tries %j', (mode, methods) => {
    expect(itemMatchMethods(mode)).toEqual(methods);
  });

  it('looks up only real keys', () => {
    expect(lookupKey('  TSHIRT-M ')).toBe('TSHIRT-M');
    expect(lookupKey('   ')).toBeNull();
    expect(lookupKey(null)).toBeNull();
  });
});
