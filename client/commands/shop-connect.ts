import type { Command } from 'commander';
import { CREDENTIAL_KIND_NAMES } from '../../domain/shop-credentials';
import { describeRefusal, getShopCredentialsView, setShopCredentials } from '../../erp/services/credentials';
import { addShopCard, getShopCard, updateShopCard } from '../../erp/services/settings';
import { requestAccessToken, ShopifyTokenRefusedError } from '../../shopify/access-token-exchange';
import { SHOPIFY_ADMIN_API_VERSION } from '../../shopify/schema';
import { wakeWaitingOrders } from '../../temporal/wake-waiting-orders';
import type { AppContext } from '../app-context';
import { printRecord } from '../output';
import { withAppContext } from '../run-command';
import { checkShopConnection, describeConnection, scopeSettingsOf } from '../shop-connection-check';

interface ConnectOptions {
  domain: string;
  clientId: string;
  clientSecretEnv?: string;
  clientSecretStdin?: boolean;
  apiVersion?: string;
  json?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The client secret, from an environment variable or standard input: never from an argument (shell history). */
export async function clientSecretFrom(options: {
  clientSecretEnv?: string;
  clientSecretStdin?: boolean;
}): Promise<string | undefined> {
  if (options.clientSecretEnv) {
    const value = process.env[options.clientSecretEnv];
    if (!value)
      throw new Error(`--client-secret-env ${options.clientSecretEnv}: the variable is not set or empty`);
    return value;
  }
  if (options.clientSecretStdin) {
    const value = await readStdin();
    if (!value) throw new Error('--client-secret-stdin: nothing was read from standard input');
    return value;
  }
  return undefined;
}

/**
 * Wakes the card's waiting order workflows after its credentials changed. Temporal being down is
 * no failure here: the workflows look again at their next re-check.
 */
export async function wakeOrdersAfterCredentialChange(
  appContext: AppContext,
  shopCode: string,
): Promise<string> {
  try {
    const woken = await wakeWaitingOrders(await appContext.temporalClient(), shopCode);
    return `${woken} waiting order workflow(s) asked to try again`;
  } catch (error) {
    return `waiting orders resume at their next re-check (Temporal not reached: ${(error as Error).message})`;
  }
}

/** `orderbridge shop connect` and `orderbridge shop credentials`. */
export function registerShopConnectCommands(shop: Command, context: () => AppContext): void {
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
    .option('--json', 'print JSON')
    .action(async (code: string, options: ConnectOptions) =>
      withAppContext(context, async (appContext) => {
        const clientSecret = await clientSecretFrom(options);
        if (!clientSecret)
          throw new Error('give the client secret with --client-secret-env VAR or --client-secret-stdin');
        const baseUrl = appContext.config.SHOPIFY_API_BASE_URL;
        const orm = await appContext.erp();
        const existing = await getShopCard(orm, code);
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
        const check = await checkShopConnection(
          appContext,
          { shopDomain: options.domain, apiVersion: options.apiVersion ?? SHOPIFY_ADMIN_API_VERSION },
          token.accessToken,
          scopeSettingsOf(existing, new Date()),
        );
        const described = describeConnection(check);
        if (check.missingScopes.length > 0) {
          printRecord(described, Boolean(options.json));
          throw new Error(
            `Shop card ${code.toUpperCase()} was not connected: the app lacks ` +
              check.missingScopes
                .map((missing) => `${missing.scope} (needed for ${missing.neededFor})`)
                .join(', ') +
              `. Grant them in the Dev Dashboard (app > Versions > Access scopes), release the version, ` +
              `and run this command again.`,
          );
        }
        const credentials = { kind: 'client_credentials' as const, clientId: options.clientId, clientSecret };
        if (existing) {
          if (existing.shopDomain !== options.domain || existing.apiVersion !== options.apiVersion)
            await updateShopCard(orm, code, {
              settings: { shopDomain: options.domain, apiVersion: options.apiVersion },
            });
          await setShopCredentials(orm, code, credentials);
        } else {
          await addShopCard(orm, {
            code,
            shopDomain: options.domain,
            credentials,
            settings: { apiVersion: options.apiVersion },
          });
        }
        const woken = existing ? await wakeOrdersAfterCredentialChange(appContext, code) : undefined;
        printRecord(
          {
            shopCard: code.toUpperCase(),
            credentials: CREDENTIAL_KIND_NAMES.client_credentials,
            ...described,
            ...(woken ? { waitingOrders: woken } : {}),
          },
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
