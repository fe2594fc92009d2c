import type { Command } from 'commander';
import { CREDENTIAL_KIND_NAMES } from '../../domain/shop-credentials';
import { describeRefusal, getShopCredentialsView } from '../../erp/services/credentials';
import { requestAccessToken, ShopifyTokenRefusedError } from '../../shopify/access-token-exchange';
import { SHOPIFY_ADMIN_API_VERSION } from '../../shopify/schema';
import type { AppContext } from '../app-context';
import { printRecord } from '../output';
import { withAppContext } from '../run-command';
import { storeCheckedConnection } from '../shop-card-connection';
import { registerShopInstallCommand } from './shop-install';
import { clientSecretFrom } from '../secret-input';

interface ConnectOptions {
  domain: string;
  clientId: string;
  clientSecretEnv?: string;
  clientSecretStdin?: boolean;
  apiVersion?: string;
  currency?: string;
  json?: boolean;
}

/** `orderbridge shop connect`, `shop install` and `shop credentials`. */
export function registerShopConnectCommands(shop: Command, context: () => AppContext): void {
  registerShopInstallCommand(shop, context);
  shop
    .command('connect <code>')
    .description(
      'Connect a shop card to a store with a Dev Dashboard app (client credentials): checks them against ' +
        'the store, shows the shop and the scopes granted and missing, then stores them encrypted',
    )
    .requiredOption('--domain <shop>', 'Shopify shop domain, e.g. my-store.myshopify.com')
    .requiredOption('--client-id <id>', "the app's client id (Dev Dashboard > app > Settings)")
    .option('--client-secret-env <variable>', "read the app's client secret from this environment variable")
    .option('--client-secret-stdin', "read the app's client secret from standard input")
    .option('--api-version <version>', 'Admin API version', SHOPIFY_ADMIN_API_VERSION)
    .option('--currency <code>', "ERP currency of the shop currency ('none' = local currency)")
    .option('--json', 'print JSON')
    .action(async (code: string, options: ConnectOptions) =>
      withAppContext(context, async (appContext) => {
        const clientSecret = await clientSecretFrom(options);
        if (!clientSecret)
          throw new Error('give the client secret with --client-secret-env VAR or --client-secret-stdin');
        const baseUrl = appContext.config.SHOPIFY_API_BASE_URL;
        let token;
        try {
          token = await requestAccessToken(
            { shopDomain: options.domain, ...(baseUrl ? { baseUrl } : {}) },
            { grantType: 'client_credentials', clientId: options.clientId, clientSecret },
          );
        } catch (error) {
          if (!(error instanceof ShopifyTokenRefusedError)) throw error;
          throw new Error(
            `${options.domain} refused the client credentials (${error.shopifyMessage}): check the client id ` +
              `and secret in the Dev Dashboard, and that the app is installed on the store.`,
          );
        }
        await storeCheckedConnection(
          appContext,
          {
            code,
            domain: options.domain,
            apiVersion: options.apiVersion ?? SHOPIFY_ADMIN_API_VERSION,
            ...(options.currency !== undefined ? { currency: options.currency } : {}),
            command:
              `orderbridge shop connect ${code.toUpperCase()} --domain ${options.domain} ` +
              `--client-id ${options.clientId} --client-secret-env <VAR>`,
          },
          token.accessToken,
          { kind: 'client_credentials', clientId: options.clientId, clientSecret },
          Boolean(options.json),
        );
      }),
    );

  shop
    .command('credentials <code>')
    .description(
      'How a shop card authenticates: kind, token expiry, last renewal, last refusal (never a secret)',
    )
    .option('--json', 'print JSON')
    .action(async (code: string, options: { json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const view = await getShopCredentialsView(await appContext.erp(), code);
        if (!view) throw new Error(`Shop card ${code} does not exist: see \`orderbridge shop list\``);
        printRecord(
          {
            shopCard: view.shopCode,
            domain: view.shopDomain,
            kind: CREDENTIAL_KIND_NAMES[view.kind],
            clientId: view.clientId ?? '',
            clientSecret: view.hasClientSecret ? 'stored (encrypted)' : 'none',
            accessToken: view.hasAccessToken ? 'stored (encrypted)' : 'none yet',
            tokenExpiresAt: view.accessTokenExpiresAt ?? (view.hasAccessToken ? 'does not expire' : ''),
            refreshToken: view.hasRefreshToken
              ? `stored (encrypted), expires ${view.refreshTokenExpiresAt ?? '?'}`
              : 'none',
            lastRenewal: view.lastRenewalAt ?? 'never',
            lastRefusal: describeRefusal(view) ?? 'none',
            ...(view.refusedAt
              ? {
                  fix: `orderbridge shop connect ${view.shopCode} --domain ${view.shopDomain} --client-id <id> --client-secret-env <VAR>`,
                }
              : {}),
          },
          Boolean(options.json),
        );
      }),
    );
}
