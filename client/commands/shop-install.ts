import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { INSTALL_SCOPES } from '../../domain/shop-credentials';
import { requestAccessToken, ShopifyTokenRefusedError } from '../../shopify/access-token-exchange';
import { authorizeUrl, verifyOAuthCallback } from '../../shopify/oauth-install';
import { SHOPIFY_ADMIN_API_VERSION } from '../../shopify/schema';
import type { AppContext } from '../app-context';
import { withAppContext } from '../run-command';
import { storeCheckedConnection } from '../shop-card-connection';
import { clientSecretFrom } from '../secret-input';

interface InstallOptions {
  domain: string;
  clientId: string;
  clientSecretEnv?: string;
  clientSecretStdin?: boolean;
  redirectUri: string;
  scopes?: string;
  allOrders?: boolean;
  timeout: string;
  apiVersion: string;
  currency?: string;
  json?: boolean;
}

const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8395/oauth/callback';

function loopbackUri(value: string): URL {
  const url = new URL(value);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname))
    throw new Error(
      `--redirect-uri ${value}: must be http://127.0.0.1:<port>/<path> (this command listens there)`,
    );
  return url;
}

const page = (text: string) =>
  `<!doctype html><meta charset="utf-8"><title>orderbridge</title><p>${text.replace(/[<>&]/g, '')}</p>`;

/** Listens on the redirect URI for Shopify's redirect; `code` resolves with the verified code. */
async function listenForRedirect(
  redirect: URL,
  verify: (query: URLSearchParams) => string,
): Promise<{ server: Server; redirectUri: string; code: Promise<string> }> {
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', redirect);
    if (url.pathname !== redirect.pathname) {
      response.writeHead(404).end();
      return;
    }
    try {
      const verified = verify(url.searchParams);
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page('orderbridge received the install. You can close this tab.'));
      settle.resolve(verified);
    } catch (error) {
      response.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page((error as Error).message));
      settle.reject(error as Error);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(redirect.port || 80), redirect.hostname, resolve);
  });
  const bound = new URL(redirect);
  bound.port = String((server.address() as AddressInfo).port);
  return { server, redirectUri: bound.toString(), code };
}

/**
 * `orderbridge shop install`: the OAuth install of an app for an expiring offline token. Prints the
 * authorize URL, receives Shopify's redirect on a loopback port, checks its state and HMAC,
 * exchanges the code with expiring=1, and stores the access and refresh token encrypted.
 */
export function registerShopInstallCommand(shop: Command, context: () => AppContext): void {
  shop
    .command('install <code>')
    .description(
      'Install an app on a store by OAuth (expiring offline token with a rotating refresh token): ' +
        'open the printed URL, approve, and the tokens are checked and stored encrypted',
    )
    .requiredOption('--domain <shop>', 'Shopify shop domain, e.g. my-store.myshopify.com')
    .requiredOption('--client-id <id>', "the app's client id")
    .option('--client-secret-env <variable>', "read the app's client secret from this environment variable")
    .option('--client-secret-stdin', "read the app's client secret from standard input")
    .option(
      '--redirect-uri <url>',
      "where this command listens for Shopify's redirect (add it to the app's allowed redirection URLs)",
      DEFAULT_REDIRECT_URI,
    )
    .option('--scopes <list>', `comma-separated scopes to ask for (default: ${INSTALL_SCOPES.join(',')})`)
    .option('--all-orders', 'also ask for read_all_orders (orders older than 60 days)')
    .option('--timeout <seconds>', 'how long to wait for the approval', '300')
    .option('--api-version <version>', 'Admin API version', SHOPIFY_ADMIN_API_VERSION)
    .option('--currency <code>', "ERP currency of the shop currency ('none' = local currency)")
    .option('--json', 'print JSON')
    .action(async (code: string, options: InstallOptions) =>
      withAppContext(context, async (appContext) => {
        const clientSecret = await clientSecretFrom(options);
        if (!clientSecret)
          throw new Error('give the client secret with --client-secret-env VAR or --client-secret-stdin');
        const timeoutSeconds = Number(options.timeout);
        if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
          throw new Error(`--timeout ${options.timeout}: a number of seconds`);
        const scopes = [
          ...(options.scopes ? options.scopes.split(',').map((scope) => scope.trim()) : INSTALL_SCOPES),
          ...(options.allOrders ? ['read_all_orders'] : []),
        ].filter((scope, index, all) => scope !== '' && all.indexOf(scope) === index);
        const baseUrl = appContext.config.SHOPIFY_API_BASE_URL;
        const state = randomBytes(16).toString('hex');
        const listening = await listenForRedirect(loopbackUri(options.redirectUri), (query) =>
          verifyOAuthCallback(query, { clientSecret, state, shopDomain: options.domain }),
        );
        let authorizationCode: string;
        let timer: NodeJS.Timeout | undefined;
        try {
          const url = authorizeUrl({
            shopDomain: options.domain,
            ...(baseUrl ? { baseUrl } : {}),
            clientId: options.clientId,
            scopes,
            redirectUri: listening.redirectUri,
            state,
          });
          // A prompt, not a result: on stderr, so stdout stays the connection record.
          console.error(
            `Open this URL in a browser logged in to the admin of ${options.domain}, and approve the install:\n` +
              `${url}\nWaiting up to ${timeoutSeconds} s for Shopify's redirect to ${listening.redirectUri} ...`,
          );
          const timedOut = new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`No approval within ${timeoutSeconds} s: nothing was stored.`)),
              timeoutSeconds * 1000,
            );
          });
          authorizationCode = await Promise.race([listening.code, timedOut]);
        } finally {
          clearTimeout(timer);
          listening.server.close();
        }
        let token;
        try {
          token = await requestAccessToken(
            { shopDomain: options.domain, ...(baseUrl ? { baseUrl } : {}) },
            {
              grantType: 'authorization_code',
              clientId: options.clientId,
              clientSecret,
              code: authorizationCode,
              expiring: true,
            },
          );
        } catch (error) {
          if (!(error instanceof ShopifyTokenRefusedError)) throw error;
          throw new Error(
            `${options.domain} refused the code exchange (${error.shopifyMessage}): check the client secret ` +
              `and run this command again (a code is good once, for a few minutes).`,
          );
        }
        if (!token.refreshToken || !token.expiresAt) {
          throw new Error(
            `${options.domain} issued a token that does not expire (no refresh token): nothing was stored.`,
          );
        }
        await storeCheckedConnection(
          appContext,
          {
            code,
            domain: options.domain,
            apiVersion: options.apiVersion,
            ...(options.currency !== undefined ? { currency: options.currency } : {}),
            command:
              `orderbridge shop install ${code.toUpperCase()} --domain ${options.domain} ` +
              `--client-id ${options.clientId} --client-secret-env <VAR>`,
          },
          token.accessToken,
          {
            kind: 'offline_token',
            clientId: options.clientId,
            clientSecret,
            accessToken: token.accessToken,
            accessTokenExpiresAt: token.expiresAt,
            refreshToken: token.refreshToken,
            refreshTokenExpiresAt: token.refreshTokenExpiresAt ?? null,
          },
          Boolean(options.json),
        );
      }),
    );
}
