import { createHmac, randomBytes } from 'node:crypto';
import type { SimulatorClock } from './clock';

/**
 * The app installed on the simulated shop, and the tokens Shopify issues it: the
 * client-credentials grant (Dev Dashboard apps), expiring offline tokens with a rotating refresh
 * token (OAuth installs), and a legacy static token. Tokens expire after configurable lifetimes
 * (tests use seconds). As Shopify does, the refresh token a refresh replaced stays valid until the
 * new access or refresh token is first used, so a client that lost the answer can ask again.
 */
export interface SimulatedAppOptions {
  clientId?: string;
  /** The app's name, as `App.title` shows it (e.g. the provider of its risk assessments). */
  title?: string;
  clientSecret?: string;
  /** The legacy custom-app token (never expires); undefined = none. */
  staticAccessToken?: string;
  /** Lifetime of a client-credentials token (Shopify: about 24 hours). */
  clientCredentialsTokenSeconds?: number;
  /** Lifetime of an expiring offline access token (Shopify: 60 minutes). */
  offlineTokenSeconds?: number;
  /** Lifetime of a refresh token (Shopify: 90 days). */
  refreshTokenSeconds?: number;
  /** Scopes the installation was granted (currentAppInstallation.accessScopes). */
  accessScopes?: readonly string[];
  /**
   * Redirect URLs allowed in the app's configuration (the OAuth install's redirect_uri must be one).
   * Undefined: any loopback http URL, what a local CLI listens on.
   */
  redirectUrls?: readonly string[];
}

/** How long an authorization code of the OAuth install may be exchanged (Shopify: a few minutes). */
const AUTHORIZATION_CODE_MS = 10 * 60 * 1000;

export type AuthorizeAnswer =
  { status: 302; location: string } | { status: 400; body: { error: string; error_description: string } };

interface IssuedCode {
  expiresAt: number;
  scopes: string[];
}

/**
 * Shopify's signature of the redirect's query: every parameter but hmac, sorted, joined as
 * key=value with &, HMAC-SHA256 in hex under the app's client secret.
 */
export function oauthQueryHmac(params: URLSearchParams, clientSecret: string): string {
  const message = [...params]
    .filter(([key]) => key !== 'hmac' && key !== 'signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return createHmac('sha256', clientSecret).update(message).digest('hex');
}

function loopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** An `App` as records hold it (the provider of a risk assessment, for one). */
export interface AppRecord {
  __typename: 'App';
  id: string;
  title: string;
  apiKey: string;
}

/** What orderbridge asks for, plus read_all_orders: the default installation lacks nothing. */
export const DEFAULT_ACCESS_SCOPES = [
  'read_orders',
  'write_orders',
  'read_all_orders',
  'read_gift_cards',
  'read_locations',
  'read_shipping',
  'read_merchant_managed_fulfillment_orders',
  'write_merchant_managed_fulfillment_orders',
  'read_products',
  'read_customers',
] as const;

export type TokenGrantAnswer =
  | { status: 200; body: Record<string, string | number> }
  | { status: 400 | 401; body: { error: string; error_description: string } };

interface IssuedAccessToken {
  expiresAt: number | null;
  /** The refresh token issued with it, whose predecessor dies when this token is first used. */
  refreshToken?: string;
}

interface IssuedRefreshToken {
  expiresAt: number;
  /** The refresh token this one replaced, still accepted until this one or its access token is used. */
  replaces?: string;
  used: boolean;
}

export type TokenCheck = 'valid' | 'invalid';

export class SimulatedApp {
  readonly clientId: string;
  readonly title: string;
  clientSecret: string;
  accessScopes: string[];
  installed = true;
  clientCredentialsTokenSeconds: number;
  offlineTokenSeconds: number;
  refreshTokenSeconds: number;
  /** Token requests answered, by grant type (refused ones included). */
  readonly tokenRequests: Record<string, number> = {};
  private staticAccessToken: string | undefined;
  private readonly accessTokens = new Map<string, IssuedAccessToken>();
  private readonly refreshTokens = new Map<string, IssuedRefreshToken>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly redirectUrls: readonly string[] | undefined;

  constructor(
    private readonly clock: SimulatorClock,
    options: SimulatedAppOptions = {},
  ) {
    this.clientId = options.clientId ?? 'simulator-client-id';
    this.title = options.title ?? 'orderbridge';
    this.clientSecret = options.clientSecret ?? 'shpss_simulator_client_secret';
    this.staticAccessToken = options.staticAccessToken;
    this.clientCredentialsTokenSeconds = options.clientCredentialsTokenSeconds ?? 86_399;
    this.offlineTokenSeconds = options.offlineTokenSeconds ?? 3_600;
    this.refreshTokenSeconds = options.refreshTokenSeconds ?? 90 * 86_400;
    this.accessScopes = [...(options.accessScopes ?? DEFAULT_ACCESS_SCOPES)];
    this.redirectUrls = options.redirectUrls;
  }

  /**
   * GET /admin/oauth/authorize: the merchant, always logged in to this admin, approves the install
   * at once. The installation is granted the requested scopes, and the browser is sent to
   * redirect_uri with a one-time code, the shop, the state and Shopify's HMAC of the query.
   */
  authorize(query: URLSearchParams, shopDomain: string): AuthorizeAnswer {
    const refuse = (error: string, description: string): AuthorizeAnswer => ({
      status: 400,
      body: { error, error_description: description },
    });
    if (query.get('client_id') !== this.clientId) return refuse('invalid_request', 'Unknown client_id.');
    let redirect: URL;
    try {
      redirect = new URL(query.get('redirect_uri') ?? '');
    } catch {
      return refuse('invalid_request', 'redirect_uri is missing or not a URL.');
    }
    const allowed = this.redirectUrls ? this.redirectUrls.includes(redirect.toString()) : loopback(redirect);
    if (!allowed) {
      return refuse(
        'invalid_request',
        'The redirect_uri is not whitelisted: add it to the app configuration (Allowed redirection URL(s)).',
      );
    }
    const scopes = (query.get('scope') ?? '')
      .split(',')
      .map((scope) => scope.trim())
      .filter((scope) => scope !== '');
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { expiresAt: this.now() + AUTHORIZATION_CODE_MS, scopes });
    const answer = new URLSearchParams({
      code,
      host: Buffer.from(`admin.shopify.com/store/${shopDomain.replace(/\.myshopify\.com$/, '')}`).toString(
        'base64url',
      ),
      shop: shopDomain,
      state: query.get('state') ?? '',
      timestamp: String(Math.floor(this.now() / 1000)),
    });
    answer.set('hmac', oauthQueryHmac(answer, this.clientSecret));
    for (const [key, value] of answer) redirect.searchParams.set(key, value);
    return { status: 302, location: redirect.toString() };
  }

  /** The authorization-code exchange of an OAuth install: expiring=1 asks for an expiring offline token. */
  private exchangeCode(fields: Record<string, string>): TokenGrantAnswer {
    const issued = this.codes.get(fields.code ?? '');
    // A code is good once: a second exchange (or a stale one) is refused as Shopify does.
    this.codes.delete(fields.code ?? '');
    if (!issued || this.now() >= issued.expiresAt) {
      return {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description: 'The authorization code was not found or was already used',
        },
      };
    }
    this.installed = true;
    if (issued.scopes.length > 0) this.accessScopes = [...issued.scopes];
    if (fields.expiring === '1') return { status: 200, body: this.issueRotated(undefined) };
    const accessToken = this.newToken('shpat_');
    this.accessTokens.set(accessToken, { expiresAt: null });
    return { status: 200, body: { access_token: accessToken, scope: this.accessScopes.join(',') } };
  }

  /** The app as the schema's `App` object shows it. */
  record(): AppRecord {
    return { __typename: 'App', id: 'gid://shopify/App/1', title: this.title, apiKey: this.clientId };
  }

  private now(): number {
    return this.clock.now();
  }

  /** Uninstalls the app (or revokes its credentials): every token and grant is refused from now on. */
  revoke(): void {
    this.installed = false;
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  /** Installs the app again, with a new client secret when given (the merchant rotated it). */
  reinstall(clientSecret?: string): void {
    this.installed = true;
    if (clientSecret) this.clientSecret = clientSecret;
  }

  /** What an OAuth install hands the app: an expiring offline token and its refresh token. */
  issueOfflineToken(): {
    accessToken: string;
    refreshToken: string;
    expiresAt: Date;
    refreshTokenExpiresAt: Date;
  } {
    const issued = this.issueRotated(undefined);
    return {
      accessToken: issued.access_token as string,
      refreshToken: issued.refresh_token as string,
      expiresAt: new Date(this.now() + this.offlineTokenSeconds * 1000),
      refreshTokenExpiresAt: new Date(this.now() + this.refreshTokenSeconds * 1000),
    };
  }

  /** Whether a request carrying `token` may read the shop. First use of a rotated token retires its predecessor. */
  check(token: string | undefined): TokenCheck {
    if (!token || !this.installed) return 'invalid';
    if (this.staticAccessToken !== undefined && token === this.staticAccessToken) return 'valid';
    const issued = this.accessTokens.get(token);
    if (!issued) return 'invalid';
    if (issued.expiresAt !== null && this.now() >= issued.expiresAt) {
      this.accessTokens.delete(token);
      return 'invalid';
    }
    if (issued.refreshToken) this.retirePredecessor(issued.refreshToken);
    return 'valid';
  }

  private retirePredecessor(refreshToken: string): void {
    const record = this.refreshTokens.get(refreshToken);
    if (!record || record.used) return;
    record.used = true;
    if (record.replaces) this.refreshTokens.delete(record.replaces);
  }

  private newToken(prefix: string): string {
    return `${prefix}${randomBytes(16).toString('hex')}`;
  }

  private issueRotated(replaces: string | undefined): Record<string, string | number> {
    const accessToken = this.newToken('shpat_');
    const refreshToken = this.newToken('shprt_');
    this.refreshTokens.set(refreshToken, {
      expiresAt: this.now() + this.refreshTokenSeconds * 1000,
      ...(replaces ? { replaces } : {}),
      used: false,
    });
    this.accessTokens.set(accessToken, {
      expiresAt: this.now() + this.offlineTokenSeconds * 1000,
      refreshToken,
    });
    return {
      access_token: accessToken,
      expires_in: this.offlineTokenSeconds,
      refresh_token: refreshToken,
      refresh_token_expires_in: this.refreshTokenSeconds,
      scope: this.accessScopes.join(','),
    };
  }

  /** POST /admin/oauth/access_token with the form's fields. */
  grant(fields: Record<string, string>): TokenGrantAnswer {
    // The install's code exchange carries a code and no grant_type.
    const grantType = fields.grant_type ?? (fields.code ? 'authorization_code' : '');
    this.tokenRequests[grantType] = (this.tokenRequests[grantType] ?? 0) + 1;
    const knownClient = fields.client_id === this.clientId && fields.client_secret === this.clientSecret;
    if (grantType === 'authorization_code' && knownClient) return this.exchangeCode(fields);
    if (!knownClient || !this.installed) {
      return {
        status: 400,
        body: {
          error: 'invalid_client',
          error_description: this.installed
            ? 'Client authentication failed: the client id or client secret is wrong.'
            : 'The app is not installed on this shop.',
        },
      };
    }
    if (grantType === 'client_credentials') {
      const accessToken = this.newToken('shpat_');
      this.accessTokens.set(accessToken, {
        expiresAt: this.now() + this.clientCredentialsTokenSeconds * 1000,
      });
      return {
        status: 200,
        body: {
          access_token: accessToken,
          scope: this.accessScopes.join(','),
          expires_in: this.clientCredentialsTokenSeconds,
        },
      };
    }
    if (grantType === 'refresh_token') {
      const presented = fields.refresh_token ?? '';
      const record = this.refreshTokens.get(presented);
      if (!record || this.now() >= record.expiresAt) {
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or has expired.' },
        };
      }
      // Using this refresh token retires the one it replaced; it stays usable itself until its
      // successor is used, which is what makes a lost answer recoverable.
      this.retirePredecessor(presented);
      return { status: 200, body: this.issueRotated(presented) };
    }
    return {
      status: 400,
      body: {
        error: 'unsupported_grant_type',
        error_description: `grant_type '${grantType}' is not supported.`,
      },
    };
  }
}
