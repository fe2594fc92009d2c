import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ShopCard } from '../erp/entities';
import { bookShopifyPoints, reportShopifyThrottleStatus } from '../erp/services/shopify-buckets';
import { createShopifyClient, type ShopifyAdminClient } from '../shopify/client';
import { SharedStoreThrottle } from '../shopify/shared-throttle';
import type { ActivityDeps } from './deps';
import { createShopAccessTokens, type ShopAccessTokens } from './shop-access-tokens';

/**
 * The store budget shared through PostgreSQL is opt-in (SHOPIFY_SHARED_BUCKET=on) until its cost
 * per request is understood: it made reading 500 products 40 times slower, and one read never ended.
 */
export function sharedShopifyBucketOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SHOPIFY_SHARED_BUCKET === 'on';
}

/**
 * One Shopify client per shop card, built from the card's domain and API version; its token comes
 * from the card's credentials (renewed when due, and once on a 401). With the shared bucket on, the throttle is per store and
 * shared by every worker process through PostgreSQL (a row per store), so clients of two cards on
 * one store, and workers on other machines, book one budget. A changed domain or version builds a
 * new client on the next call.
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
  const throttles = new Map<string, SharedStoreThrottle>();
  const sharedThrottleOf = (shopDomain: string): SharedStoreThrottle => {
    const store = shopDomain.toLowerCase();
    let throttle = throttles.get(store);
    if (!throttle) {
      throttle = new SharedStoreThrottle(
        store,
        {
          book: (cost, assumed) => bookShopifyPoints(deps.orm, store, cost, assumed),
          report: (report) => reportShopifyThrottleStatus(deps.orm, store, report),
        },
        deps.logger,
      );
      throttles.set(store, throttle);
    }
    return throttle;
  };
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
      ...(sharedShopifyBucketOn() ? { throttle: sharedThrottleOf(shop.shopDomain) } : {}),
    });
    clients.set(shopCode, { fingerprint, client });
    return client;
  };
}
