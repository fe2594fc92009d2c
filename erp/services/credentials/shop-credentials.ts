import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialKind } from '../../../domain/shop-credentials';
import { openSecret, sealSecret } from '../../../platform/secret-box';
import { ShopCard } from '../../entities';
import { entityManagerOf, inTransaction, type ErpContext } from '../shared/context';
import { SHOP_SECRET_PURPOSES } from './shop-secret-purposes';

/** Credentials as the operator gives them (CLI `shop connect` / `shop set`). */
export type NewShopCredentials =
  | { kind: 'client_credentials'; clientId: string; clientSecret: string }
  | {
      kind: 'offline_token';
      clientId: string;
      clientSecret: string;
      accessToken: string;
      accessTokenExpiresAt: Date;
      refreshToken: string;
      refreshTokenExpiresAt?: Date | null;
    }
  | { kind: 'static_token'; accessToken: string };

/** A card's credentials opened for the token provider only. Never log one. */
export interface StoredShopCredentials {
  shopCode: string;
  shopDomain: string;
  apiVersion: string;
  kind: CredentialKind;
  clientId: string | null;
  clientSecret: string | null;
  accessToken: string | null;
  accessTokenExpiresAt: Date | null;
  refreshToken: string | null;
  tokenRenewedAt: Date | null;
  refusedAt: Date | null;
  refusal: string | null;
}

/** What `orderbridge shop credentials` shows: never a secret. */
export interface ShopCredentialsView {
  shopCode: string;
  shopDomain: string;
  kind: CredentialKind;
  clientId: string | null;
  hasClientSecret: boolean;
  hasAccessToken: boolean;
  hasRefreshToken: boolean;
  accessTokenExpiresAt: string | null;
  refreshTokenExpiresAt: string | null;
  lastRenewalAt: string | null;
  refusedAt: string | null;
  refusal: string | null;
}

export class ShopCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShopCredentialsError';
  }
}

function open(stored: string | null | undefined, purpose: string): string | null {
  return stored ? openSecret(stored, purpose) : null;
}

async function cardOrFail(em: EntityManager, shopCode: string): Promise<ShopCard> {
  const shop = await em.findOne(ShopCard, shopCode.toUpperCase());
  if (!shop) {
    throw new ShopCredentialsError(
      `Shop card ${shopCode.toUpperCase()} does not exist: create it with \`orderbridge shop connect ${shopCode.toUpperCase()} --domain <shop>.myshopify.com ...\``,
    );
  }
  return shop;
}

/** Shop card columns that hold credentials, as written by em.assign. */
export interface CredentialColumns {
  credentialKind: CredentialKind;
  clientId: string | null;
  clientSecretSealed: string | null;
  accessTokenSealed: string | null;
  accessTokenExpiresAt: Date | null;
  refreshTokenSealed: string | null;
  refreshTokenExpiresAt: Date | null;
  tokenRenewedAt: Date | null;
  credentialsRefusedAt: Date | null;
  credentialsRefusal: string | null;
}

/** The sealed columns for new credentials; the cached token and any refusal are cleared. */
export function sealedCredentialColumns(credentials: NewShopCredentials): CredentialColumns {
  const none = {
    clientId: null,
    clientSecretSealed: null,
    accessTokenSealed: null,
    accessTokenExpiresAt: null,
    refreshTokenSealed: null,
    refreshTokenExpiresAt: null,
    tokenRenewedAt: null,
    credentialsRefusedAt: null,
    credentialsRefusal: null,
  };
  switch (credentials.kind) {
    case 'client_credentials':
      return {
        ...none,
        credentialKind: 'client_credentials',
        clientId: credentials.clientId,
        clientSecretSealed: sealSecret(credentials.clientSecret, SHOP_SECRET_PURPOSES.clientSecret),
      };
    case 'offline_token':
      return {
        ...none,
        credentialKind: 'offline_token',
        clientId: credentials.clientId,
        clientSecretSealed: sealSecret(credentials.clientSecret, SHOP_SECRET_PURPOSES.clientSecret),
        accessTokenSealed: sealSecret(credentials.accessToken, SHOP_SECRET_PURPOSES.accessToken),
        accessTokenExpiresAt: credentials.accessTokenExpiresAt,
        refreshTokenSealed: sealSecret(credentials.refreshToken, SHOP_SECRET_PURPOSES.refreshToken),
        refreshTokenExpiresAt: credentials.refreshTokenExpiresAt ?? null,
      };
    case 'static_token':
      return {
        ...none,
        credentialKind: 'static_token',
        accessTokenSealed: sealSecret(credentials.accessToken, SHOP_SECRET_PURPOSES.accessToken),
      };
  }
}

/** Replaces a card's credentials; a refusal recorded against the old ones is cleared. */
export async function setShopCredentials(
  context: ErpContext,
  shopCode: string,
  credentials: NewShopCredentials,
): Promise<ShopCredentialsView> {
  return inTransaction(context, async (em) => {
    const shop = await cardOrFail(em, shopCode);
    em.assign(shop, sealedCredentialColumns(credentials) as never);
    await em.flush();
    return viewOf(shop);
  });
}

function storedOf(shop: ShopCard): StoredShopCredentials {
  return {
    shopCode: shop.code,
    shopDomain: shop.shopDomain,
    apiVersion: shop.apiVersion,
    kind: shop.credentialKind,
    clientId: shop.clientId ?? null,
    clientSecret: open(shop.clientSecretSealed, SHOP_SECRET_PURPOSES.clientSecret),
    accessToken: open(shop.accessTokenSealed, SHOP_SECRET_PURPOSES.accessToken),
    accessTokenExpiresAt: shop.accessTokenExpiresAt ?? null,
    refreshToken: open(shop.refreshTokenSealed, SHOP_SECRET_PURPOSES.refreshToken),
    tokenRenewedAt: shop.tokenRenewedAt ?? null,
    refusedAt: shop.credentialsRefusedAt ?? null,
    refusal: shop.credentialsRefusal ?? null,
  };
}

/** Reads and opens a card's credentials (in the caller's transaction, e.g. under the renewal lock). */
export async function readShopCredentials(
  context: ErpContext,
  shopCode: string,
): Promise<StoredShopCredentials | null> {
  const em = entityManagerOf(context);
  const shop = await em.findOne(ShopCard, shopCode.toUpperCase(), { refresh: true });
  return shop ? storedOf(shop) : null;
}

/**
 * Serialises token renewals of one store across every process for the rest of the transaction:
 * a caller re-reads the stored token after taking it, and finds the renewal another made.
 */
export async function lockShopCredentials(em: EntityManager, shopDomain: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`credentials:${shopDomain}`]);
}

export interface RenewedToken {
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  /** A rotated refresh token (expiring offline tokens); saved in the same statement as the access token. */
  refreshToken?: string;
  refreshTokenExpiresAt?: Date | null;
}

/** Saves a renewed token (and rotated refresh token) in one update, and clears a recorded refusal. */
export async function saveRenewedToken(
  em: EntityManager,
  shopCode: string,
  renewed: RenewedToken,
  renewedAt: Date,
): Promise<void> {
  await em.nativeUpdate(
    ShopCard,
    { code: shopCode.toUpperCase() },
    {
      accessTokenSealed: sealSecret(renewed.accessToken, SHOP_SECRET_PURPOSES.accessToken),
      accessTokenExpiresAt: renewed.accessTokenExpiresAt,
      ...(renewed.refreshToken !== undefined
        ? {
            refreshTokenSealed: sealSecret(renewed.refreshToken, SHOP_SECRET_PURPOSES.refreshToken),
            refreshTokenExpiresAt: renewed.refreshTokenExpiresAt ?? null,
          }
        : {}),
      tokenRenewedAt: renewedAt,
      credentialsRefusedAt: null,
      credentialsRefusal: null,
    },
  );
}

/** Marks the card refused (the first time is kept: "refused since"), with Shopify's words and the fix. */
export async function markShopCredentialsRefused(
  context: ErpContext,
  shopCode: string,
  refusal: string,
  refusedAt: Date,
): Promise<void> {
  await entityManagerOf(context).execute(
    `update shop_card set credentials_refused_at = coalesce(credentials_refused_at, ?),
       credentials_refusal = ? where code = ?`,
    [refusedAt, refusal, shopCode.toUpperCase()],
  );
}

/** A card's credentials refusal, if any, as one line for the CLI and problems. */
export function describeRefusal(view: Pick<ShopCredentialsView, 'refusedAt' | 'refusal'>): string | null {
  return view.refusedAt ? `credentials refused since ${view.refusedAt}: ${view.refusal ?? ''}` : null;
}

function viewOf(shop: ShopCard): ShopCredentialsView {
  return {
    shopCode: shop.code,
    shopDomain: shop.shopDomain,
    kind: shop.credentialKind,
    clientId: shop.clientId ?? null,
    hasClientSecret: Boolean(shop.clientSecretSealed),
    hasAccessToken: Boolean(shop.accessTokenSealed),
    hasRefreshToken: Boolean(shop.refreshTokenSealed),
    accessTokenExpiresAt: shop.accessTokenExpiresAt?.toISOString() ?? null,
    refreshTokenExpiresAt: shop.refreshTokenExpiresAt?.toISOString() ?? null,
    lastRenewalAt: shop.tokenRenewedAt?.toISOString() ?? null,
    refusedAt: shop.credentialsRefusedAt?.toISOString() ?? null,
    refusal: shop.credentialsRefusal ?? null,
  };
}

export async function getShopCredentialsView(
  context: ErpContext,
  shopCode: string,
): Promise<ShopCredentialsView | null> {
  const shop = await entityManagerOf(context).findOne(ShopCard, shopCode.toUpperCase());
  return shop ? viewOf(shop) : null;
}
