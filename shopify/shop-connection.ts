import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { ShopConnectionDocument } from './generated/graphql';

export interface ShopConnection {
  shopName: string;
  myshopifyDomain: string;
  planName: string;
  currencyCode: string;
  apiVersion: string;
  grantedScopes: string[];
}

/** The store as the card's credentials see it, with the scopes its app installation holds. */
export async function fetchShopConnection(
  client: ShopifyAdminClient,
  options: ShopifyRequestOptions = {},
): Promise<ShopConnection> {
  const answer = await client.request(ShopConnectionDocument, {}, options);
  return {
    shopName: answer.shop.name,
    myshopifyDomain: answer.shop.myshopifyDomain,
    planName: answer.shop.plan.publicDisplayName,
    currencyCode: answer.shop.currencyCode,
    apiVersion: client.apiVersion,
    grantedScopes: answer.currentAppInstallation.accessScopes.map((scope) => scope.handle).sort(),
  };
}
