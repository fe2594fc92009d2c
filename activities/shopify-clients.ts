import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ShopCard } from '../erp/entities';
import { createShopifyClient, type ShopifyAdminClient } from '../shopify/client';
import type { ActivityDeps } from './deps';

/**
 * One Shopify client per shop card, built from the card's domain, token and API version. The
 * throttle is per store and shared process-wide, so clients of two cards on one store share it.
 * A changed token or version builds a new client on the next call.
 */
export function createShopifyClientSource(
  deps: Pick<ActivityDeps, 'logger' | 'shopifyBaseUrl' | 'shopifyRetry'>,
) {
  const clients = new Map<string, { fingerprint: string; client: ShopifyAdminClient }>();
  return async function shopifyClientFor(em: EntityManager, shopCode: string): Promise<ShopifyAdminClient> {
    const shop = await em.findOne(ShopCard, shopCode);
    if (!shop) {
      throw ApplicationFailure.nonRetryable(
        `Shop card '${shopCode}' does not exist: create it with \`orderbridge shop add ${shopCode}\`.`,
        'ShopNotFound',
      );
    }
    if (!shop.accessToken) {
      throw ApplicationFailure.nonRetryable(
        `Shop card '${shopCode}' has no Admin API access token: set it with \`orderbridge shop set ${shopCode} --token-env <VAR>\`.`,
        'ShopTokenMissing',
      );
    }
    const baseUrl = deps.shopifyBaseUrl?.(shop.shopDomain);
    const fingerprint = `${shop.shopDomain}|${shop.apiVersion}|${baseUrl ?? ''}|${shop.accessToken}`;
    const cached = clients.get(shopCode);
    if (cached && cached.fingerprint === fingerprint) return cached.client;
    const client = createShopifyClient({
      shopDomain: shop.shopDomain,
      accessToken: shop.accessToken,
      apiVersion: shop.apiVersion,
      ...(baseUrl ? { baseUrl } : {}),
      ...(deps.shopifyRetry ? { retry: deps.shopifyRetry } : {}),
      logger: deps.logger,
    });
    clients.set(shopCode, { fingerprint, client });
    return client;
  };
}
