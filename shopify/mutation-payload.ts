import type { ShopifyAdminClient } from './client';
import { ShopifyGraphqlError } from './errors';

/** A mutation answered without userErrors but also without the object it should have made. */
export function requirePayloadObject<TObject>(
  client: ShopifyAdminClient,
  operationName: string,
  object: TObject | null | undefined,
  what: string,
): TObject {
  if (object === null || object === undefined) {
    throw new ShopifyGraphqlError({ shopDomain: client.shopDomain, operationName }, [
      { message: `Shopify reported success but returned no ${what}` },
    ]);
  }
  return object;
}
