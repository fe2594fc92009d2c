import { ApplicationFailure } from '@temporalio/activity';
import { allOrdersScopeMissing, windowNeedsAllOrders } from '../domain/shop-credentials';
import { fetchGrantedScopes } from '../shopify/app-access-scopes';
import type { ShopifyAdminClient } from '../shopify/client';
import { ShopCredentialsRefusedError } from '../shopify/credentials-refused';
import { ShopCredentialsMissingError } from './shop-access-tokens';

/**
 * Before an order sync whose window starts more than 60 days back, asks Shopify which scopes the
 * app holds: without read_all_orders the older orders would be missed in silence, so the sync
 * stops with the reason instead. A first sync (no watermark, no --since) reads what Shopify shows.
 */
export async function requireScopesForWindow(
  client: ShopifyAdminClient,
  input: { shopCode: string; windowStart: Date; firstSync: boolean; signal?: AbortSignal },
  now: Date = new Date(),
): Promise<void> {
  if (input.firstSync || !windowNeedsAllOrders(input.windowStart, now)) return;
  let granted: string[];
  try {
    granted = await fetchGrantedScopes(client, input.signal ? { signal: input.signal } : {});
  } catch (error) {
    if (error instanceof ShopCredentialsRefusedError || error instanceof ShopCredentialsMissingError)
      throw ApplicationFailure.nonRetryable(error.message, 'ShopCredentialsRefused');
    throw error;
  }
  if (granted.includes('read_all_orders')) return;
  throw ApplicationFailure.nonRetryable(
    allOrdersScopeMissing({ shopCode: input.shopCode, windowStart: input.windowStart, now }),
    'ShopScopeMissing',
  );
}
