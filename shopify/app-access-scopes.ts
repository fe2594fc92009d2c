import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { AppAccessScopesDocument } from './generated/graphql';

/** The scopes Shopify says the app installation was granted, sorted. */
export async function fetchGrantedScopes(
  client: ShopifyAdminClient,
  options: ShopifyRequestOptions = {},
): Promise<string[]> {
  const answer = await client.request(AppAccessScopesDocument, {}, options);
  return answer.currentAppInstallation.accessScopes.map((scope) => scope.handle).sort();
}
