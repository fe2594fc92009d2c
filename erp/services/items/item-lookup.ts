import type { EntityManager } from '@mikro-orm/postgresql';
import { itemMatchMethods, lookupKey, type ItemMatchMethod } from '../../../domain/item-mapping';
import type { ItemMappingMode } from '../../../domain/shop-settings';

export interface ItemMatch {
  itemNo: string;
  variantCode: string | null;
  method: ItemMatchMethod;
}

/** An explicit link of a Shopify variant to an ERP item (and variant). */
export interface VariantLinkRecord {
  itemNo: string;
  variantCode: string | null;
}

export interface ItemLookupLine {
  variantId: string | null;
  sku: string | null;
  barcode: string | null;
}

/**
 * JSON array of a store's explicit links for the variants of an imported order's lines, as an SQL
 * expression to read beside the lines (parameters: store, imported order id).
 */
export const VARIANT_LINKS_OF_ORDER_SQL = `coalesce((
  select json_agg(json_build_object('variantId', v.shopify_variant_id, 'itemNo', v.item_no, 'variantCode', v.variant_code))
    from shopify_variant_link v
   where v.store = ?
     and v.shopify_variant_id in (select l.variant_id from imported_order_line l where l.order_id = ?)
), '[]')`;

export function variantLinksByVariantId(
  links: readonly ({ variantId: string } & VariantLinkRecord)[],
): Map<string, VariantLinkRecord> {
  return new Map(
    links.map((link) => [link.variantId, { itemNo: link.itemNo, variantCode: link.variantCode }]),
  );
}

/**
 * For each key: the first variant (by item and code) with that SKU or barcode and whether its item
 * may be sold, and the first unblocked item with that number (SKU) or barcode. One query for all keys.
 */
const FALLBACK_SQL = {
  sku: `select k.key,
               (select json_build_object('itemNo', v.item_no, 'variantCode', v.code,
                                         'itemUnblocked', exists(select 1 from item i where i.no = v.item_no and not i.blocked))
                  from item_variant v where v.sku = k.key order by v.item_no, v.code limit 1) as variant,
               (select i.no from item i where i.no = k.key and not i.blocked order by i.no limit 1) as item_no
          from json_array_elements_text(?::json) as k(key)`,
  barcode: `select k.key,
                   (select json_build_object('itemNo', v.item_no, 'variantCode', v.code,
                                             'itemUnblocked', exists(select 1 from item i where i.no = v.item_no and not i.blocked))
                      from item_variant v where v.barcode = k.key order by v.item_no, v.code limit 1) as variant,
                   (select i.no from item i where i.barcode = k.key and not i.blocked order by i.no limit 1) as item_no
              from json_array_elements_text(?::json) as k(key)`,
} as const;

interface FallbackRow {
  key: string;
  variant: { itemNo: string; variantCode: string; itemUnblocked: boolean } | null;
  item_no: string | null;
}

async function findBy(
  em: EntityManager,
  method: 'sku' | 'barcode',
  keys: readonly string[],
): Promise<Map<string, ItemMatch>> {
  const rows = await em.execute<FallbackRow[]>(FALLBACK_SQL[method], [JSON.stringify(keys)]);
  const matches = new Map<string, ItemMatch>();
  for (const row of rows) {
    if (row.variant?.itemUnblocked) {
      matches.set(row.key, { itemNo: row.variant.itemNo, variantCode: row.variant.variantCode, method });
    } else if (row.item_no) {
      matches.set(row.key, { itemNo: row.item_no, variantCode: null, method });
    }
  }
  return matches;
}

/**
 * The ERP item of each Shopify line: the explicit variant link, then (as the shop card says) the
 * SKU, then the barcode; item variants are tried before items. Blocked items never match. `links`
 * holds the explicit links of the lines' variants (read beforehand, e.g. with
 * VARIANT_LINKS_OF_ORDER_SQL); each fallback is one query for every line that still needs it.
 */
export async function findItemsForLines(
  em: EntityManager,
  mode: ItemMappingMode,
  lines: readonly ItemLookupLine[],
  links: ReadonlyMap<string, VariantLinkRecord>,
): Promise<(ItemMatch | null)[]> {
  const matches: (ItemMatch | null)[] = lines.map(() => null);
  let pending = lines.map((_, index) => index);
  for (const method of itemMatchMethods(mode)) {
    if (pending.length === 0) break;
    if (method === 'explicit') {
      for (const index of pending) {
        const variantId = lines[index]!.variantId;
        const link = variantId ? links.get(variantId) : undefined;
        if (link) matches[index] = { itemNo: link.itemNo, variantCode: link.variantCode, method };
      }
    } else {
      const keyOf = (index: number) =>
        lookupKey(method === 'sku' ? lines[index]!.sku : lines[index]!.barcode);
      const keys = [...new Set(pending.map(keyOf).filter((key): key is string => key !== null))];
      if (keys.length === 0) continue;
      const found = await findBy(em, method, keys);
      for (const index of pending) {
        const key = keyOf(index);
        const match = key ? found.get(key) : undefined;
        if (match) matches[index] = match;
      }
    }
    pending = pending.filter((index) => matches[index] === null);
  }
  return matches;
}
