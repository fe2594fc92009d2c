import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify's authorization-code grant (the OAuth install of an app): the URL the merchant opens,
 * and the checks of the redirect Shopify sends back (state, shop, HMAC of the query under the
 * client secret) before its code is exchanged. The exchange itself is in access-token-exchange.ts.
 */

/** Where the merchant approves the install: https://<shop>/admin/oauth/authorize?… */
export function authorizeUrl(input: {
  shopDomain: string;
  baseUrl?: string;
  clientId: string;
  scopes: readonly string[];
  redirectUri: string;
  state: string;
}): string {
  const url = new URL('/admin/oauth/authorize', input.baseUrl ?? `https://${input.shopDomain}`);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('scope', input.scopes.join(','));
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  return url.toString();
}

/** Shopify's HMAC of a redirect query: the other parameters sorted, as key=value joined by &. */
export function callbackHmac(query: URLSearchParams, clientSecret: string): string {
  const message = [...query]
    .filter(([key]) => key !== 'hmac' && key !== 'signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return createHmac('sha256', clientSecret).update(message).digest('hex');
}

export class OAuthCallbackRejectedError extends Error {
  constructor(reason: string) {
    super(`The OAuth redirect was rejected: ${reason}`);
    this.name = 'OAuthCallbackRejectedError';
  }
}

/** The code of a genuine redirect for this install attempt; throws with the reason otherwise. */
export function verifyOAuthCallback(
  query: URLSearchParams,
  expected: { clientSecret: string; state: string; shopDomain: string },
): string {
  const error = query.get('error');
  if (error) throw new OAuthCallbackRejectedError(`Shopify answered ${error}`);
  if (query.get('state') !== expected.state)
    throw new OAuthCallbackRejectedError('its state is not the one this command sent');
  if (query.get('shop') !== expected.shopDomain)
    throw new OAuthCallbackRejectedError(`it names the shop ${query.get('shop') ?? '(none)'}`);
  const given = Buffer.from(query.get('hmac') ?? '', 'hex');
  const computed = Buffer.from(callbackHmac(query, expected.clientSecret), 'hex');
  if (given.length !== computed.length || !timingSafeEqual(given, computed))
    throw new OAuthCallbackRejectedError('its HMAC does not match the client secret');
  const code = query.get('code');
  if (!code) throw new OAuthCallbackRejectedError('it carries no code');
  return code;
}
