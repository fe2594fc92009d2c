import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ShopCard } from '../erp/entities';
import { createShopifyClient, type ShopifyAdminClient } from '../shopify/client';
import type { ActivityDeps } from './deps';
import { createShopAccessTokens, type ShopAccessTokens } from './shop-access-tokens';

/**
 * One Shopify client per shop card, built from the card's domain and API version; its token comes
 * from the card's credentials (renewed when due, and once on a 401). The throttle is per store and
 * shared process-wide, so clients of two cards on one store share it. A changed domain or version
 * builds a new client on the next call.
 */
export function createShopifyClientSource(
  deps: Pick<ActivityDeps, 'logger' | 'shopifyBaseUrl' | 'shopifyRetry' | 'orm' | 'afterTokenIssued'>,
  accessTokens: ShopAccessTokens = createShopAccessTokens({
    orm: deps.orm,
    logger: deps.logger,
    ...(deps.shopifyBaseUrl ? { shopifyBaseUrl: deps.shopifyBaseUrl } : {}),
    ...(deps.afterTokenIssued ? { afterTokenIssued: deps.afterTokenIssued } : {}),
  }),
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
    const baseUrl = deps.shopifyBaseUrl?.(shop.shopDomain);
    const fingerprint = `${shop.shopDomain}|${shop.apiVersion}|${baseUrl ?? ''}`;
    const cached = clients.get(shopCode);
    if (cached && cached.fingerprint === fingerprint) return cached.client;
    const client = createShopifyClient({
      shopDomain: shop.shopDomain,
      accessToken: accessTokens.sourceFor(shopCode),
      apiVersion: shop.apiVersion,
      ...(baseUrl ? { baseUrl } : {}),
      ...(deps.shopifyRetry ? { retry: deps.shopifyRetry } : {}),
      logger: deps.logger,
    });
    clients.set(shopCode, { fingerprint, client });
    return client;
  };
}
