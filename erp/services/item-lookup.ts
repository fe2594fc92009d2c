import type { EntityManager } from '@mikro-orm/postgresql';
import { itemMatchMethods, lookupKey, type ItemMatchMethod } from '../../domain/item-mapping';
import type { ItemMappingMode } from '../../domain/shop-settings';
import { Item, ItemVariant, ShopifyVariantLink } from '../entities';

export interface ItemMatch {
  itemNo: string;
  variantCode: string | null;
  method: ItemMatchMethod;
}

/**
 * The ERP item of a Shopify line: the explicit variant link, then (as the shop card says) the SKU,
 * then the barcode; item variants are tried before items. Blocked items never match.
 */
export async function findItemForLine(
  em: EntityManager,
  store: string,
  mode: ItemMappingMode,
  line: { variantId: string | null; sku: string | null; barcode: string | null },
): Promise<ItemMatch | null> {
  for (const method of itemMatchMethods(mode)) {
    if (method === 'explicit') {
      if (!line.variantId) continue;
      const link = await em.findOne(ShopifyVariantLink, { store, shopifyVariantId: line.variantId });
      if (link) return { itemNo: link.itemNo, variantCode: link.variantCode ?? null, method };
      continue;
    }
    const key = lookupKey(method === 'sku' ? line.sku : line.barcode);
    if (!key) continue;
    const variant = await em.findOne(ItemVariant, method === 'sku' ? { sku: key } : { barcode: key }, {
      orderBy: { itemNo: 'asc', code: 'asc' },
    });
    if (variant) {
      const item = await em.findOne(Item, { no: variant.itemNo, blocked: false });
      if (item) return { itemNo: item.no, variantCode: variant.code, method };
    }
    const item = await em.findOne(
      Item,
      method === 'sku' ? { no: key, blocked: false } : { barcode: key, blocked: false },
      {
        orderBy: { no: 'asc' },
      },
    );
    if (item) return { itemNo: item.no, variantCode: null, method };
  }
  return null;
}
