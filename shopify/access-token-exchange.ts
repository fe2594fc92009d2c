/**
 * Shopify's token endpoint (POST https://<shop>/admin/oauth/access_token): the client-credentials
 * grant of a Dev Dashboard app, the code exchange of an OAuth install, and the refresh of an
 * expiring offline token. A small client of
 * our own: @shopify/shopify-api needs Node >= 22, this project supports Node >= 20.3.
 * Secrets go in the form body only; no error or log line ever carries one.
 */
export interface IssuedToken {
  accessToken: string;
  /** null when Shopify did not say (a token that does not expire). */
  expiresAt: Date | null;
  scopes: string[];
  /** Rotated refresh token (refresh grant only). */
  refreshToken?: string;
  refreshTokenExpiresAt?: Date | null;
}

export type TokenGrant =
  | { grantType: 'client_credentials'; clientId: string; clientSecret: string }
  | { grantType: 'refresh_token'; clientId: string; clientSecret: string; refreshToken: string }
  /** The OAuth install's code exchange; `expiring` asks for an expiring offline token with a refresh token. */
  | {
      grantType: 'authorization_code';
      clientId: string;
      clientSecret: string;
      code: string;
      expiring: boolean;
    };

/** Shopify refused the grant (wrong secret, app uninstalled, refresh token used up): retrying changes nothing. */
export class ShopifyTokenRefusedError extends Error {
  constructor(
    readonly shopDomain: string,
    readonly status: number,
    readonly shopifyMessage: string,
  ) {
    super(`Shopify refused a token for ${shopDomain} (HTTP ${status}): ${shopifyMessage}`);
    this.name = 'ShopifyTokenRefusedError';
  }
}

/** The token endpoint did not answer usefully (network, 5xx, 429): worth another try later. */
export class ShopifyTokenUnavailableError extends Error {
  constructor(
    readonly shopDomain: string,
    detail: string,
  ) {
    super(`Shopify's token endpoint for ${shopDomain} is unavailable: ${detail}`);
    this.name = 'ShopifyTokenUnavailableError';
  }
}

export function tokenEndpoint(shopDomain: string, baseUrl?: string): string {
  return `${(baseUrl ?? `https://${shopDomain}`).replace(/\/+$/, '')}/admin/oauth/access_token`;
}

function readShopifyMessage(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    const parts = [record.error, record.error_description, record.errors].filter(
      (part): part is string => typeof part === 'string' && part !== '',
    );
    if (parts.length > 0) return parts.join(': ');
  }
  return fallback;
}

function secondsFrom(now: Date, seconds: unknown): Date | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? new Date(now.getTime() + seconds * 1000)
    : null;
}

export async function requestAccessToken(
  options: { shopDomain: string; baseUrl?: string; signal?: AbortSignal; timeoutMs?: number },
  grant: TokenGrant,
): Promise<IssuedToken> {
  // Shopify's code exchange is client_id, client_secret and code (plus expiring=1), no grant_type.
  const form = new URLSearchParams({
    client_id: grant.clientId,
    client_secret: grant.clientSecret,
    ...(grant.grantType === 'authorization_code'
      ? { code: grant.code, ...(grant.expiring ? { expiring: '1' } : {}) }
      : { grant_type: grant.grantType }),
    ...(grant.grantType === 'refresh_token' ? { refresh_token: grant.refreshToken } : {}),
  });
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const requestedAt = new Date();
  let response: Response;
  try {
    response = await fetch(tokenEndpoint(options.shopDomain, options.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form,
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ShopifyTokenUnavailableError(options.shopDomain, (error as Error).message);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status === 429 || response.status >= 500) {
    throw new ShopifyTokenUnavailableError(options.shopDomain, `HTTP ${response.status}`);
  }
  if (!response.ok) {
    throw new ShopifyTokenRefusedError(
      options.shopDomain,
      response.status,
      readShopifyMessage(body, `HTTP ${response.status}`),
    );
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof record.access_token !== 'string' || record.access_token === '') {
    throw new ShopifyTokenUnavailableError(options.shopDomain, 'the answer carried no access_token');
  }
  return {
    accessToken: record.access_token,
    expiresAt: secondsFrom(requestedAt, record.expires_in),
    scopes: typeof record.scope === 'string' ? record.scope.split(',').filter((scope) => scope !== '') : [],
    ...(typeof record.refresh_token === 'string'
      ? {
          refreshToken: record.refresh_token,
          refreshTokenExpiresAt: secondsFrom(requestedAt, record.refresh_token_expires_in),
        }
      : {}),
  };
}
