import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Item } from './item';

/** An explicit link from a Shopify product variant of one store to an ERP item (and variant). */
export const ShopifyVariantLink = defineEntity({
  name: 'ShopifyVariantLink',
  tableName: 'shopify_variant_link',
  properties: {
    id: p.integer().primary().autoincrement(),
    store: p.string().length(255),
    /** ProductVariant GID. */
    shopifyVariantId: p.string().length(100),
    itemNo: p.manyToOne(Item).mapToPk().joinColumn('item_no').deleteRule('cascade'),
    variantCode: p.string().length(10).nullable(),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
  },
  uniques: [{ properties: ['store', 'shopifyVariantId'] }],
});

export type ShopifyVariantLink = InferEntity<typeof ShopifyVariantLink>;
