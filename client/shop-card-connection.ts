import { CREDENTIAL_KIND_NAMES } from '../domain/shop-credentials';
import { shopCurrencyMismatch } from '../domain/shop-currency-check';
import { setShopCredentials, type NewShopCredentials } from '../erp/services/credentials';
import { addShopCard, getShopCard, localCurrencyCode, updateShopCard } from '../erp/services/settings';
import { wakeWaitingOrders } from '../temporal/wake-waiting-orders';
import type { AppContext } from './app-context';
import { printRecord } from './output';
import { checkShopConnection, describeConnection, scopeSettingsOf } from './shop-connection-check';

/** `--currency`: undefined when not given, null for 'none' (the ERP's local currency). */
function currencyOption(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === '' || value.toLowerCase() === 'none' ? null : value.toUpperCase();
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

export interface ConnectionTarget {
  code: string;
  domain: string;
  apiVersion: string;
  currency?: string;
  /** The command to run again after a fix (secrets as placeholders). */
  command: string;
}

/**
 * What `shop connect` and `shop install` do once they hold a token: read the store with it, refuse
 * (storing nothing) when a scope the card needs is missing or the card's currency is not the
 * store's, else create or update the card with the credentials, encrypted, and wake its waiting
 * orders. Prints the shop, plan, currency, API version and scopes; never a secret.
 */
export async function storeCheckedConnection(
  appContext: AppContext,
  target: ConnectionTarget,
  accessToken: string,
  credentials: NewShopCredentials,
  json: boolean,
): Promise<void> {
  const orm = await appContext.erp();
  const code = target.code;
  const existing = await getShopCard(orm, code);
  const check = await checkShopConnection(
    appContext,
    { shopDomain: target.domain, apiVersion: target.apiVersion },
    accessToken,
    scopeSettingsOf(existing, new Date()),
  );
  const described = describeConnection(check);
  if (check.missingScopes.length > 0) {
    printRecord(described, json);
    throw new Error(
      `Shop card ${code.toUpperCase()} was not connected: the app lacks ` +
        check.missingScopes
          .map((missing) => `${missing.scope} (needed for ${missing.neededFor})`)
          .join(', ') +
        `. Grant them in the Dev Dashboard (app > Versions > Access scopes), release the version, ` +
        `and run this command again.`,
    );
  }
  const currencyCode = currencyOption(target.currency);
  const mismatch = shopCurrencyMismatch({
    shopCode: code.toUpperCase(),
    cardCurrencyCode: currencyCode !== undefined ? currencyCode : (existing?.currencyCode ?? null),
    lcyCode: await localCurrencyCode(orm),
    shopifyCurrencyCode: check.currencyCode,
    fixCommand: target.command,
  });
  if (mismatch) throw new Error(`${mismatch}. Nothing was stored.`);
  if (existing) {
    if (
      existing.shopDomain !== target.domain ||
      existing.apiVersion !== target.apiVersion ||
      currencyCode !== undefined
    )
      await updateShopCard(orm, code, {
        settings: {
          shopDomain: target.domain,
          apiVersion: target.apiVersion,
          ...(currencyCode !== undefined ? { currencyCode } : {}),
        },
      });
    await setShopCredentials(orm, code, credentials);
  } else {
    await addShopCard(orm, {
      code,
      shopDomain: target.domain,
      credentials,
      settings: {
        apiVersion: target.apiVersion,
        ...(currencyCode !== undefined ? { currencyCode } : {}),
      },
    });
  }
  const woken = existing ? await wakeOrdersAfterCredentialChange(appContext, code) : undefined;
  printRecord(
    {
      shopCard: code.toUpperCase(),
      credentials: CREDENTIAL_KIND_NAMES[credentials.kind],
      ...described,
      ...(woken ? { waitingOrders: woken } : {}),
    },
    json,
  );
}
