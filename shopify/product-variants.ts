import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { ProductVariantsForMappingDocument, type ProductVariantsForMappingQuery } from './generated/graphql';
import { connectionNodes } from './paging';

export type ShopifyVariantForMapping = ProductVariantsForMappingQuery['productVariants']['nodes'][number];

/** Every product variant of the store, a page at a time, with what item mapping matches on. */
export function productVariantsForMapping(
  client: ShopifyAdminClient,
  options: ShopifyRequestOptions = {},
): AsyncGenerator<ShopifyVariantForMapping> {
  return connectionNodes(
    async (after) =>
      (await client.request(ProductVariantsForMappingDocument, { after }, options)).productVariants,
    { what: 'product variants' },
  );
}
