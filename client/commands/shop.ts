import { Option, type Command } from 'commander';
import {
  addShopCard,
  getShopAccessToken,
  getShopCard,
  listShopCards,
  type ShopCardView,
  updateShopCard,
} from '../../erp/services/settings';
import {
  CURRENCY_HANDLING,
  CUSTOMER_IMPORTS,
  CUSTOMER_MAPPING_TYPES,
  ITEM_MAPPING_MODES,
  RETURN_REFUND_PROCESSES,
  TAX_AREA_PRIORITIES,
  COUNTY_SOURCES,
} from '../../domain/shop-settings';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';
import { requireStoreCurrency } from '../shop-currency';
import { wakeWorkFixedBy } from '../wake-after-change';
import { NotFoundError, UsageError } from '../exit-codes';
import { wakeOrdersAfterCredentialChange } from '../shop-card-connection';
import { clientSecretFrom } from '../secret-input';

type Parser = (value: string) => unknown;

const bool: Parser = (value) => {
  if (['true', 'yes', 'on', '1'].includes(value.toLowerCase())) return true;
  if (['false', 'no', 'off', '0'].includes(value.toLowerCase())) return false;
  throw new Error(`expected true or false, got '${value}'`);
};
/** "none" (or an empty value) clears an optional setting. */
const optionalText: Parser = (value) => (value === '' || value.toLowerCase() === 'none' ? null : value);
const upperOptional: Parser = (value) => {
  const parsed = optionalText(value);
  return typeof parsed === 'string' ? parsed.toUpperCase() : parsed;
};
const text: Parser = (value) => value;
const list: Parser = (value) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
const upperList: Parser = (value) => (list(value) as string[]).map((entry) => entry.toUpperCase());

interface SettingOption {
  flag: string;
  key: string;
  description: string;
  parse: Parser;
  choices?: readonly string[];
  /** Order sync filters live in one JSON setting; these options each set one of its fields. */
  filter?: boolean;
}

/** Every shop card setting as a command-line option (SPEC §1). */
const SETTING_OPTIONS: SettingOption[] = [
  { flag: '--enabled <bool>', key: 'enabled', description: 'sync this shop card', parse: bool },
  {
    flag: '--api-version <version>',
    key: 'apiVersion',
    description: 'Admin API version, e.g. 2026-10',
    parse: text,
  },
  {
    flag: '--currency <code>',
    key: 'currencyCode',
    description: "ERP currency of the shop currency ('none' = local currency)",
    parse: upperOptional,
  },
  {
    flag: '--currency-handling <mode>',
    key: 'currencyHandling',
    description: 'which money documents use',
    parse: text,
    choices: CURRENCY_HANDLING,
  },
  {
    flag: '--shipping-charges-account <no>',
    key: 'shippingChargesAccountNo',
    description: 'G/L account for shipping charges',
    parse: optionalText,
  },
  {
    flag: '--sold-gift-card-account <no>',
    key: 'soldGiftCardAccountNo',
    description: 'G/L account for sold gift cards',
    parse: optionalText,
  },
  {
    flag: '--tip-account <no>',
    key: 'tipAccountNo',
    description: 'G/L account for tips',
    parse: optionalText,
  },
  {
    flag: '--auto-create-orders <bool>',
    key: 'autoCreateOrders',
    description: 'create the sales document right after import',
    parse: bool,
  },
  {
    flag: '--auto-release <bool>',
    key: 'autoReleaseOrders',
    description: 'release documents when they are created',
    parse: bool,
  },
  {
    flag: '--close-requires-invoice <bool>',
    key: 'closeRequiresInvoice',
    description: 'close orders (Shopify and ERP) only once their document is invoiced, not just shipped',
    parse: bool,
  },
  {
    flag: '--invoices-for-fulfilled <bool>',
    key: 'createInvoicesForFulfilledOrders',
    description: 'orders fulfilled in Shopify become invoices',
    parse: bool,
  },
  {
    flag: '--order-no-on-line <bool>',
    key: 'shopifyOrderNoOnDocumentLine',
    description: 'add a comment line with the Shopify order no.',
    parse: bool,
  },
  {
    flag: '--tax-area-priority <order>',
    key: 'taxAreaPriority',
    description: 'which address decides the tax area',
    parse: text,
    choices: TAX_AREA_PRIORITIES,
  },
  {
    flag: '--county-source <source>',
    key: 'countySource',
    description: "what tax areas' counties hold: the province code or its name",
    parse: text,
    choices: COUNTY_SOURCES,
  },
  {
    flag: '--location-required <bool>',
    key: 'locationRequired',
    description: 'item lines need a mapped location',
    parse: bool,
  },
  {
    flag: '--return-refund-process <process>',
    key: 'returnRefundProcess',
    description: 'returns and refunds',
    parse: text,
    choices: RETURN_REFUND_PROCESSES,
  },
  {
    flag: '--return-location <code>',
    key: 'returnLocationCode',
    description: 'location of restocked returns',
    parse: optionalText,
  },
  {
    flag: '--refund-account-non-restock <no>',
    key: 'refundAccountNonRestockNo',
    description: 'G/L account for refunded items not restocked',
    parse: optionalText,
  },
  {
    flag: '--refund-account <no>',
    key: 'refundAccountNo',
    description: 'G/L account for other refunded amounts',
    parse: optionalText,
  },
  {
    flag: '--customer-import <mode>',
    key: 'customerImport',
    description: 'customer import',
    parse: text,
    choices: CUSTOMER_IMPORTS,
  },
  {
    flag: '--customer-mapping <type>',
    key: 'customerMappingType',
    description: 'how orders find their customer',
    parse: text,
    choices: CUSTOMER_MAPPING_TYPES,
  },
  {
    flag: '--default-customer <no>',
    key: 'defaultCustomerNo',
    description: "default customer ('none' to clear)",
    parse: optionalText,
  },
  {
    flag: '--customer-template <code>',
    key: 'customerTemplateCode',
    description: 'template for new customers when no country template applies',
    parse: optionalText,
  },
  {
    flag: '--item-mapping <mode>',
    key: 'itemMappingMode',
    description: 'how variants find items without an explicit mapping',
    parse: text,
    choices: ITEM_MAPPING_MODES,
  },
  {
    flag: '--order-sync-schedule <spec>',
    key: 'orderSyncSchedule',
    description: "order sync schedule, e.g. '5m' or a cron expression ('none' = on demand)",
    parse: optionalText,
  },
  {
    flag: '--shipment-sync-schedule <spec>',
    key: 'shipmentSyncSchedule',
    description: "shipment sync schedule ('none' = on demand)",
    parse: optionalText,
  },
  {
    flag: '--financial-status <list>',
    key: 'financialStatuses',
    description: 'filter: financial statuses, e.g. PAID,PARTIALLY_PAID',
    parse: upperList,
    filter: true,
  },
  {
    flag: '--fulfillment-status <list>',
    key: 'fulfillmentStatuses',
    description: 'filter: fulfillment statuses',
    parse: upperList,
    filter: true,
  },
  {
    flag: '--risk-level <list>',
    key: 'riskLevels',
    description: 'filter: risk levels, e.g. LOW,NONE',
    parse: upperList,
    filter: true,
  },
  {
    flag: '--channel <list>',
    key: 'channels',
    description: "filter: channels to include, e.g. 'Point of Sale'",
    parse: list,
    filter: true,
  },
  {
    flag: '--exclude-channel <list>',
    key: 'excludedChannels',
    description: 'filter: channels to leave out',
    parse: list,
    filter: true,
  },
  {
    flag: '--source <list>',
    key: 'sourceNames',
    description: 'filter: source names to include, e.g. web,pos',
    parse: list,
    filter: true,
  },
  {
    flag: '--exclude-source <list>',
    key: 'excludedSourceNames',
    description: 'filter: source names to leave out',
    parse: list,
    filter: true,
  },
  {
    flag: '--tags <expression>',
    key: 'tagFilter',
    description:
      "filter: tags, case sensitive; * and ? wildcards, @ ignores case, <> excludes, | or, & and (e.g. '@*wholesale*')",
    parse: text,
    filter: true,
  },
];

function optionName(flag: string): string {
  const long = flag.split(' ')[0]?.replace(/^--/, '') ?? '';
  return long.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

function addSettingOptions(command: Command): Command {
  for (const setting of SETTING_OPTIONS) {
    const option = new Option(setting.flag, setting.description);
    if (setting.choices) option.choices([...setting.choices]);
    command.addOption(option);
  }
  return command;
}

/** The settings given on the command line; filters are merged into the card's current ones. */
function settingsFrom(options: Record<string, unknown>, currentFilters: Record<string, unknown> = {}) {
  const settings: Record<string, unknown> = {};
  const filters: Record<string, unknown> = { ...currentFilters };
  let filtersChanged = false;
  for (const setting of SETTING_OPTIONS) {
    const raw = options[optionName(setting.flag)];
    if (typeof raw !== 'string') continue;
    let value: unknown;
    try {
      value = setting.parse(raw);
    } catch (error) {
      throw new UsageError(`${setting.flag.split(' ')[0]}: ${(error as Error).message}`);
    }
    if (setting.filter) {
      filtersChanged = true;
      const empty =
        value === '' || (Array.isArray(value) && value.length === 0) || raw.toLowerCase() === 'none';
      if (empty) delete filters[setting.key];
      else filters[setting.key] = value;
    } else {
      settings[setting.key] = value;
    }
  }
  if (filtersChanged) settings.orderSyncFilters = filters;
  return settings;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The access token, from an environment variable or standard input: never from an argument (shell history). */
async function tokenFrom(options: {
  tokenEnv?: string;
  tokenStdin?: boolean;
  clearToken?: boolean;
}): Promise<string | null | undefined> {
  if (options.clearToken) return null;
  if (options.tokenEnv) {
    const value = process.env[options.tokenEnv];
    if (!value) throw new Error(`--token-env ${options.tokenEnv}: the variable is not set or empty`);
    return value;
  }
  if (options.tokenStdin) {
    const value = await readStdin();
    if (!value) throw new Error('--token-stdin: nothing was read from standard input');
    return value;
  }
  return undefined;
}

function printShop(view: ShopCardView, asJson: boolean): void {
  printRecord(view as unknown as Record<string, unknown>, asJson);
}

interface TokenOptions {
  tokenEnv?: string;
  tokenStdin?: boolean;
  clearToken?: boolean;
  json?: boolean;
}

/** `orderbridge shop add|set|show|list`: shop cards (SPEC §1). */
export function registerShopCommand(program: Command, context: () => AppContext): Command {
  const shop = program
    .command('shop')
    .description('Shop cards: the Shopify store, its token and every import setting');

  addSettingOptions(
    shop
      .command('add <code>')
      .description(
        'Create a shop card (the token is read from an environment variable or stdin, never echoed)',
      )
      .requiredOption('--domain <shop>', 'Shopify shop domain, e.g. my-store.myshopify.com')
      .option('--token-env <variable>', 'read the Admin API access token from this environment variable')
      .option('--token-stdin', 'read the Admin API access token from standard input')
      .option('--json', 'print JSON'),
  ).action(async (code: string, options: TokenOptions & { domain: string } & Record<string, unknown>) =>
    withAppContext(context, async (appContext) => {
      const accessToken = await tokenFrom(options);
      const settings = settingsFrom(options);
      await requireStoreCurrency(appContext, {
        code,
        shopDomain: options.domain,
        currencyCode: (settings.currencyCode as string | null | undefined) ?? null,
        accessToken: accessToken ?? null,
      });
      const view = await addShopCard(await appContext.erp(), {
        code,
        shopDomain: options.domain,
        ...(accessToken ? { accessToken } : {}),
        settings,
      });
      printShop(view, Boolean(options.json));
    }),
  );

  addSettingOptions(
    shop
      .command('set <code>')
      .description("Change a shop card's settings ('none' clears an optional one)")
      .option('--domain <shop>', 'Shopify shop domain')
      .option('--token-env <variable>', 'replace the access token with this environment variable')
      .option('--token-stdin', 'replace the access token with standard input')
      .option('--clear-token', 'remove the stored access token')
      .option('--client-id <id>', 'switch to client credentials: the Dev Dashboard app client id')
      .option('--client-secret-env <variable>', 'the app client secret from this environment variable')
      .option('--client-secret-stdin', 'the app client secret from standard input')
      .option('--json', 'print JSON'),
  ).action(
    async (
      code: string,
      options: TokenOptions & {
        domain?: string;
        clientId?: string;
        clientSecretEnv?: string;
        clientSecretStdin?: boolean;
      } & Record<string, unknown>,
    ) =>
      withAppContext(context, async (appContext) => {
        const orm = await appContext.erp();
        const current = await getShopCard(orm, code);
        if (!current)
          throw new Error(
            `Shop card ${code} does not exist: create it with \`orderbridge shop add ${code} --domain <shop>\``,
          );
        const accessToken = await tokenFrom(options);
        const clientSecret = await clientSecretFrom(options);
        const clientId = options.clientId ?? current.clientId;
        if (clientSecret && !clientId) throw new Error('--client-id: required with a client secret');
        const settings = settingsFrom(options, current.orderSyncFilters as Record<string, unknown>);
        if (options.domain) settings.shopDomain = options.domain;
        if (settings.currencyCode !== undefined || options.domain || accessToken) {
          await requireStoreCurrency(appContext, {
            code,
            shopDomain: options.domain ?? current.shopDomain,
            currencyCode:
              settings.currencyCode !== undefined
                ? (settings.currencyCode as string | null)
                : current.currencyCode,
            accessToken: accessToken === undefined ? await getShopAccessToken(orm, code) : accessToken,
          });
        }
        const view = await updateShopCard(orm, code, {
          settings,
          ...(accessToken !== undefined ? { accessToken } : {}),
          ...(clientSecret && clientId
            ? { credentials: { kind: 'client_credentials', clientId, clientSecret } }
            : {}),
        });
        printShop(view, Boolean(options.json));
        if (accessToken || clientSecret) console.log(await wakeOrdersAfterCredentialChange(appContext, code));
        await wakeWorkFixedBy(appContext, 'shop-card', view.code);
      }),
  );

  shop
    .command('show <code>')
    .description('Every setting of one shop card (the token only as present or not)')
    .option('--json', 'print JSON')
    .action(async (code: string, options: { json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const view = await getShopCard(await appContext.erp(), code);
        if (!view) throw new NotFoundError(`Shop card ${code} does not exist: see \`orderbridge shop list\``);
        printShop(view, Boolean(options.json));
      }),
    );

  shop
    .command('list')
    .description('All shop cards')
    .option('--json', 'print JSON (every setting)')
    .action(async (options: { json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const views = await listShopCards(await appContext.erp());
        if (options.json) {
          printTable(views as unknown as Record<string, unknown>[], true);
          return;
        }
        printTable(
          views.map((view) => ({
            code: view.code,
            domain: view.shopDomain,
            enabled: view.enabled,
            credentials: view.credentialsRefusedAt
              ? `refused since ${view.credentialsRefusedAt}`
              : view.hasCredentials
                ? view.credentialKind
                : 'missing',
            currency: view.currencyCode ?? 'LCY',
            autoCreate: view.autoCreateOrders,
            customerMapping: view.customerMappingType,
            lastOrderSync: view.lastOrderSyncAt ?? '',
          })),
          false,
        );
      }),
    );
  return shop;
}
