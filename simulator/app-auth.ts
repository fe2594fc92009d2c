import { randomBytes } from 'node:crypto';
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
    const grantType = fields.grant_type ?? '';
    this.tokenRequests[grantType] = (this.tokenRequests[grantType] ?? 0) + 1;
    if (fields.client_id !== this.clientId || fields.client_secret !== this.clientSecret || !this.installed) {
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
