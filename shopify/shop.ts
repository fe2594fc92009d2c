import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { ShopDetailsDocument, type ShopDetailsQuery } from './generated/graphql';

export type ShopDetails = ShopDetailsQuery['shop'];

/** Name, currencies, time zone and plan of the store. */
export async function fetchShop(
  client: ShopifyAdminClient,
  options: ShopifyRequestOptions = {},
): Promise<ShopDetails> {
  return (await client.request(ShopDetailsDocument, {}, options)).shop;
}
