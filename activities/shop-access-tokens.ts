import { tokenUsable } from '../domain/shop-credentials';
import type { ErpOrm } from '../erp/orm';
import {
  lockShopCredentials,
  markShopCredentialsRefused,
  readShopCredentials,
  saveRenewedToken,
  type StoredShopCredentials,
} from '../erp/services/credentials';
import type { Logger } from '../platform/logger';
import {
  requestAccessToken,
  ShopifyTokenRefusedError,
  type IssuedToken,
  type TokenGrant,
} from '../shopify/access-token-exchange';
import { ShopCredentialsRefusedError, type AccessTokenSource } from '../shopify/credentials-refused';

export interface ShopAccessTokensOptions {
  orm: ErpOrm;
  logger: Logger;
  /** Where a store's token endpoint lives when it is not https://<domain> (the simulator). */
  shopifyBaseUrl?: (shopDomain: string) => string | undefined;
  /**
   * Called after Shopify issued a token and before it is saved: the crash tests fail here.
   * Never set in production.
   */
  afterTokenIssued?: (shopCode: string) => Promise<void> | void;
  now?: () => Date;
}

/** Thrown when a card has no way to get a token at all (nothing stored). */
export class ShopCredentialsMissingError extends Error {
  constructor(readonly shopCode: string) {
    super(
      `Shop card '${shopCode}' has no credentials: connect it with \`orderbridge shop connect ${shopCode} ` +
        `--domain <shop>.myshopify.com --client-id <id> --client-secret-env <VAR>\`.`,
    );
    this.name = 'ShopCredentialsMissingError';
  }
}

interface CachedToken {
  accessToken: string;
  expiresAt: Date | null;
  issuedAt: Date | null;
}

/**
 * Access tokens of every shop card for one process. A token is read from PostgreSQL, kept in
 * memory until it is due, and renewed under a per-store advisory lock after re-reading the stored
 * token, so every process together sends one token request per expiry; within the process, callers
 * that find the token due at once share one renewal.
 */
export function createShopAccessTokens(options: ShopAccessTokensOptions) {
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, CachedToken>();
  const renewals = new Map<string, Promise<string>>();

  function usable(token: CachedToken | undefined, refused: string | undefined): token is CachedToken {
    return token !== undefined && token.accessToken !== refused && tokenUsable(token, now());
  }

  function refusedError(stored: StoredShopCredentials): ShopCredentialsRefusedError {
    return new ShopCredentialsRefusedError(
      stored.shopCode,
      stored.shopDomain,
      stored.refusedAt ?? now(),
      stored.refusal ?? 'refused',
    );
  }

  function cachedOf(stored: StoredShopCredentials): CachedToken | undefined {
    return stored.accessToken
      ? {
          accessToken: stored.accessToken,
          expiresAt: stored.accessTokenExpiresAt,
          issuedAt: stored.tokenRenewedAt,
        }
      : undefined;
  }

  async function read(em: Parameters<typeof readShopCredentials>[0], shopCode: string) {
    const stored = await readShopCredentials(em, shopCode);
    if (!stored) throw new ShopCredentialsMissingError(shopCode);
    if (stored.refusedAt) throw refusedError(stored);
    return stored;
  }

  function grantOf(stored: StoredShopCredentials): TokenGrant | undefined {
    if (!stored.clientId || !stored.clientSecret) return undefined;
    if (stored.kind === 'client_credentials') {
      return {
        grantType: 'client_credentials',
        clientId: stored.clientId,
        clientSecret: stored.clientSecret,
      };
    }
    if (stored.kind === 'offline_token' && stored.refreshToken) {
      return {
        grantType: 'refresh_token',
        clientId: stored.clientId,
        clientSecret: stored.clientSecret,
        refreshToken: stored.refreshToken,
      };
    }
    return undefined;
  }

  async function markRefused(
    stored: StoredShopCredentials,
    message: string,
  ): Promise<ShopCredentialsRefusedError> {
    const refusedAt = now();
    await markShopCredentialsRefused(options.orm, stored.shopCode, message, refusedAt);
    cache.delete(stored.shopCode);
    options.logger.warn(
      { shopCode: stored.shopCode, shopDomain: stored.shopDomain },
      `shop credentials refused: ${message}`,
    );
    const marked = await readShopCredentials(options.orm, stored.shopCode);
    return refusedError(marked ?? { ...stored, refusedAt, refusal: message });
  }

  /** Renews under the store's lock unless the stored token (re-read under it) is already new. */
  async function renew(shopCode: string, refused: string | undefined): Promise<string> {
    let refusal: { stored: StoredShopCredentials; message: string } | undefined;
    const token = await options.orm.em.fork().transactional(async (em) => {
      const first = await read(em, shopCode);
      await lockShopCredentials(em, first.shopDomain);
      const stored = await read(em, shopCode);
      const storedToken = cachedOf(stored);
      if (usable(storedToken, refused)) return storedToken.accessToken;
      const grant = grantOf(stored);
      if (!grant) {
        if (stored.accessToken && stored.accessToken !== refused) return stored.accessToken;
        if (!stored.accessToken) throw new ShopCredentialsMissingError(shopCode);
        refusal = { stored, message: 'the static access token was refused and cannot be renewed' };
        return undefined;
      }
      let issued: IssuedToken;
      try {
        const baseUrl = options.shopifyBaseUrl?.(stored.shopDomain);
        issued = await requestAccessToken(
          { shopDomain: stored.shopDomain, ...(baseUrl ? { baseUrl } : {}) },
          grant,
        );
      } catch (error) {
        if (!(error instanceof ShopifyTokenRefusedError)) throw error;
        refusal = { stored, message: `token request refused: ${error.shopifyMessage}` };
        return undefined;
      }
      await options.afterTokenIssued?.(shopCode);
      // Access and rotated refresh token in one statement: a crash before the commit keeps the
      // previous refresh token, which Shopify honours until the new one is used.
      await saveRenewedToken(
        em,
        shopCode,
        {
          accessToken: issued.accessToken,
          accessTokenExpiresAt: issued.expiresAt,
          ...(issued.refreshToken !== undefined
            ? {
                refreshToken: issued.refreshToken,
                refreshTokenExpiresAt: issued.refreshTokenExpiresAt ?? null,
              }
            : {}),
        },
        now(),
      );
      options.logger.info(
        { shopCode, shopDomain: stored.shopDomain, grant: grant.grantType, expiresAt: issued.expiresAt },
        'shop access token renewed',
      );
      return issued.accessToken;
    });
    if (refusal) throw await markRefused(refusal.stored, refusal.message);
    if (token === undefined) throw new ShopCredentialsMissingError(shopCode);
    cache.delete(shopCode);
    return token;
  }

  function singleFlight(shopCode: string, refused: string | undefined): Promise<string> {
    const running = renewals.get(shopCode);
    if (running) return running;
    const renewal = renew(shopCode, refused).finally(() => renewals.delete(shopCode));
    renewals.set(shopCode, renewal);
    return renewal;
  }

  async function token(shopCode: string, refused?: string): Promise<string> {
    const cached = cache.get(shopCode);
    if (refused === undefined && usable(cached, undefined)) return cached.accessToken;
    const stored = await read(options.orm, shopCode);
    const storedToken = cachedOf(stored);
    if (usable(storedToken, refused)) {
      cache.set(shopCode, storedToken);
      return storedToken.accessToken;
    }
    return singleFlight(shopCode, refused);
  }

  return {
    /** The token source one Shopify client of `shopCode` uses. */
    sourceFor(shopCode: string): AccessTokenSource {
      return {
        token: () => token(shopCode),
        renewAfterRefusal: (refused) => token(shopCode, refused),
        refused: async (shopifyMessage) => {
          const stored = await readShopCredentials(options.orm, shopCode);
          if (!stored) return new ShopCredentialsRefusedError(shopCode, '', now(), shopifyMessage);
          return markRefused(stored, shopifyMessage);
        },
      };
    },
    /** Forgets what this process holds for a card (its credentials were changed here). */
    forget(shopCode: string): void {
      cache.delete(shopCode);
    },
  };
}

export type ShopAccessTokens = ReturnType<typeof createShopAccessTokens>;
