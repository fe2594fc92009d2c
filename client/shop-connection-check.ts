import { missingScopes, scopeNeeds, type MissingScope, type ScopeSettings } from '../domain/shop-credentials';
import { createShopifyClient } from '../shopify/client';
import type { AccessTokenSource } from '../shopify/credentials-refused';
import { fetchShopConnection, type ShopConnection } from '../shopify/shop-connection';
import type { AppContext } from './app-context';

const SIXTY_DAYS_MS = 60 * 24 * 60 * 60 * 1000;

export interface ShopConnectionCheck extends ShopConnection {
  missingScopes: MissingScope[];
}

/** What a card's settings ask of the installation (every card sends posted shipments to Shopify). */
export function scopeSettingsOf(card: { lastOrderSyncAt: string | null } | null, now: Date): ScopeSettings {
  return {
    sendsFulfillments: true,
    readsOrdersOlderThan60Days:
      card?.lastOrderSyncAt !== null &&
      card?.lastOrderSyncAt !== undefined &&
      Date.parse(card.lastOrderSyncAt) < now.getTime() - SIXTY_DAYS_MS,
  };
}

/** Reads the store with the given token and compares the granted scopes with what the card needs. */
export async function checkShopConnection(
  appContext: AppContext,
  target: { shopDomain: string; apiVersion: string },
  accessToken: string | AccessTokenSource,
  settings: ScopeSettings,
): Promise<ShopConnectionCheck> {
  const baseUrl = appContext.config.SHOPIFY_API_BASE_URL;
  const client = createShopifyClient({
    shopDomain: target.shopDomain,
    apiVersion: target.apiVersion,
    accessToken,
    ...(baseUrl ? { baseUrl } : {}),
    retry: { maxAttempts: 2 },
    logger: appContext.logger,
  });
  const connection = await fetchShopConnection(client);
  return { ...connection, missingScopes: missingScopes(connection.grantedScopes, scopeNeeds(settings)) };
}

/** The lines `shop connect` and `status` print: never a secret. */
export function describeConnection(check: ShopConnectionCheck): Record<string, string> {
  return {
    shop: `${check.shopName} (${check.myshopifyDomain})`,
    plan: check.planName,
    currency: check.currencyCode,
    apiVersion: check.apiVersion,
    scopesGranted: check.grantedScopes.join(', '),
    scopesMissing:
      check.missingScopes.length === 0
        ? 'none'
        : check.missingScopes.map((missing) => `${missing.scope} (for ${missing.neededFor})`).join('; '),
  };
}
