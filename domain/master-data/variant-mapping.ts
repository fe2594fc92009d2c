import { lookupKey } from '../item-mapping';
import type { ItemMappingMode } from '../shop-settings';

export type VariantKeyMethod = 'sku' | 'barcode';

export interface ItemCandidate {
  itemNo: string;
  variantCode: string | null;
}

/** What the ERP holds for one SKU or barcode: matching item variants first, then items. */
export interface KeyCandidates {
  variants: ItemCandidate[];
  items: ItemCandidate[];
}

export interface VariantKeys {
  sku: string | null;
  barcode: string | null;
}

export type VariantMappingDecision =
  | { kind: 'mapped'; item: ItemCandidate; method: VariantKeyMethod; key: string }
  | { kind: 'ambiguous'; reason: string }
  | { kind: 'missing'; reason: string };

/**
 * The keys a bulk mapping tries, in order, for the shop card's item mapping. A card that maps
 * explicitly only has the links operators make, so the bulk mapping proposes SKU, then barcode.
 */
export function bulkMappingMethods(mode: ItemMappingMode): VariantKeyMethod[] {
  switch (mode) {
    case 'sku':
      return ['sku'];
    case 'barcode':
      return ['barcode'];
    case 'sku_then_barcode':
    case 'explicit':
      return ['sku', 'barcode'];
  }
}

const LABELS: Record<VariantKeyMethod, string> = { sku: 'SKU', barcode: 'barcode' };

function describe(candidate: ItemCandidate): string {
  return candidate.variantCode ? `${candidate.itemNo}/${candidate.variantCode}` : candidate.itemNo;
}

/**
 * The item a Shopify variant maps to, as order mapping would find it (variants before items), or
 * why it maps to none. Two matches for one key are reported, never resolved by picking one.
 */
export function decideVariantMapping(
  variant: VariantKeys,
  methods: readonly VariantKeyMethod[],
  candidatesOf: (method: VariantKeyMethod, key: string) => KeyCandidates,
): VariantMappingDecision {
  const tried: string[] = [];
  for (const method of methods) {
    const key = lookupKey(variant[method]);
    if (!key) continue;
    tried.push(`${LABELS[method]} '${key}'`);
    const candidates = candidatesOf(method, key);
    const matches = candidates.variants.length > 0 ? candidates.variants : candidates.items;
    if (matches.length === 1) return { kind: 'mapped', item: matches[0]!, method, key };
    if (matches.length > 1)
      return {
        kind: 'ambiguous',
        reason: `${matches.length} items match ${LABELS[method]} '${key}': ${matches.map(describe).join(', ')}`,
      };
  }
  if (tried.length === 0)
    return { kind: 'missing', reason: `no ${methods.map((method) => LABELS[method]).join(' or ')} to match` };
  return { kind: 'missing', reason: `no item has ${tried.join(' or ')}` };
}
