import { normalizeShopifyId } from '../../../domain/shopify-ids';
import { Item, ItemVariant, ShopifyVariantLink } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';

export class ItemNotFoundError extends Error {
  constructor(itemNo: string, variantCode: string | null) {
    super(
      variantCode
        ? `Item ${itemNo} has no variant '${variantCode}': check the variant code, or leave it out to map to the item`
        : `Item ${itemNo} does not exist (or is blocked): check the item number`,
    );
    this.name = 'ItemNotFoundError';
  }
}

/** Operator fix (SPEC §2): links a Shopify variant of a store to an ERP item (and item variant). */
export async function mapItem(
  context: ErpContext,
  store: string,
  shopifyVariantId: string,
  itemNo: string,
  variantCode: string | null = null,
): Promise<{ store: string; shopifyVariantId: string; itemNo: string; variantCode: string | null }> {
  const variantGid = normalizeShopifyId('ProductVariant', shopifyVariantId);
  return inTransaction(context, async (em) => {
    if (!(await em.findOne(Item, { no: itemNo, blocked: false }))) throw new ItemNotFoundError(itemNo, null);
    if (variantCode && !(await em.findOne(ItemVariant, { itemNo, code: variantCode }))) {
      throw new ItemNotFoundError(itemNo, variantCode);
    }
    await em.upsert(
      ShopifyVariantLink,
      { store, shopifyVariantId: variantGid, itemNo, variantCode },
      {
        onConflictFields: ['store', 'shopifyVariantId'],
        onConflictAction: 'merge',
        onConflictMergeFields: ['itemNo', 'variantCode'],
      },
    );
    return { store, shopifyVariantId: variantGid, itemNo, variantCode };
  });
}
