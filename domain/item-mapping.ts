import type { ItemMappingMode } from './shop-settings';

export type ItemMatchMethod = 'explicit' | 'sku' | 'barcode';

/** The lookups tried, in order, for a Shopify variant without an operator-set item (SPEC §2). */
export function itemMatchMethods(mode: ItemMappingMode): ItemMatchMethod[] {
  switch (mode) {
    case 'explicit':
      return ['explicit'];
    case 'sku':
      return ['explicit', 'sku'];
    case 'barcode':
      return ['explicit', 'barcode'];
    case 'sku_then_barcode':
      return ['explicit', 'sku', 'barcode'];
  }
}

/** A Shopify SKU or barcode worth looking up: trimmed, non-empty. */
export function lookupKey(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
