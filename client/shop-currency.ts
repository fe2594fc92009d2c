import { shopCurrencyMismatch } from '../domain/shop-currency-check';
import { localCurrencyCode } from '../erp/services/settings';
import { createShopifyClient } from '../shopify/client';
import { fetchShop } from '../shopify/shop';
import type { AppContext } from './app-context';

/**
 * Refuses a shop card whose currency is not its store's, asking Shopify for the shop currency.
 * Without a token, or when Shopify does not answer, the card is saved unchecked and stderr says so.
 */
export async function requireStoreCurrency(
  appContext: AppContext,
  card: { code: string; shopDomain: string; currencyCode: string | null; accessToken: string | null },
): Promise<void> {
  if (!card.accessToken) {
    console.error(
      `Shop card ${card.code}: no access token yet, so its currency is not checked with Shopify.`,
    );
    return;
  }
  const baseUrl = appContext.config.SHOPIFY_API_BASE_URL;
  const client = createShopifyClient({
    shopDomain: card.shopDomain,
    accessToken: card.accessToken,
    ...(baseUrl ? { baseUrl } : {}),
    // An operator waits at the prompt: one quick retry, not the import's patient policy.
    retry: { maxAttempts: 2 },
    requestTimeoutMs: 10_000,
  });
  let shopifyCurrencyCode: string;
  try {
    shopifyCurrencyCode = (await fetchShop(client)).currencyCode;
  } catch (error) {
    // The card may be set up before its store is reachable; the order import checks currencies too.
    console.error(
      `Shop card ${card.code}: its currency is not checked with Shopify, which did not answer: ${(error as Error).message}`,
    );
    return;
  }
  const mismatch = shopCurrencyMismatch({
    shopCode: card.code.toUpperCase(),
    cardCurrencyCode: card.currencyCode,
    lcyCode: await localCurrencyCode(await appContext.erp()),
    shopifyCurrencyCode,
  });
  if (mismatch) throw new Error(mismatch);
}
