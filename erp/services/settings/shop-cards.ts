import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { parseTagFilter, TagFilterSyntaxError, type OrderSyncFilters } from '../../../domain/order-filters';
import {
  CURRENCY_HANDLING,
  CUSTOMER_IMPORTS,
  CUSTOMER_MAPPING_TYPES,
  ITEM_MAPPING_MODES,
  RETURN_REFUND_PROCESSES,
  TAX_AREA_PRIORITIES,
  COUNTY_SOURCES,
} from '../../../domain/shop-settings';
import { refundProcessCombinationProblem, type RefundProcessChange } from '../../../domain/refund-settings';
import {
  Currency,
  CurrencyExchangeRate,
  Customer,
  CustomerTemplate,
  ErpSetup,
  GlAccount,
  Location,
  ShopCard,
} from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import type { CredentialKind } from '../../../domain/shop-credentials';
import {
  readShopCredentials,
  sealedCredentialColumns,
  type CredentialColumns,
  type NewShopCredentials,
} from '../credentials/shop-credentials';

/** Every shop card setting that can be changed (SPEC §1), validated; the token is handled apart. */
export const shopCardSettingsSchema = z
  .object({
    shopDomain: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*\.myshopify\.com$|^127\.0\.0\.1:\d+$|^localhost:\d+$/,
        'expected a shop domain like my-store.myshopify.com',
      ),
    apiVersion: z.string().regex(/^\d{4}-\d{2}$/, 'expected an Admin API version like 2026-10'),
    enabled: z.boolean(),
    currencyCode: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like EUR')
      .nullable(),
    currencyHandling: z.enum(CURRENCY_HANDLING),
    shippingChargesAccountNo: z.string().min(1).nullable(),
    soldGiftCardAccountNo: z.string().min(1).nullable(),
    tipAccountNo: z.string().min(1).nullable(),
    autoCreateOrders: z.boolean(),
    autoReleaseOrders: z.boolean(),
    createInvoicesForFulfilledOrders: z.boolean(),
    closeRequiresInvoice: z.boolean(),
    shopifyOrderNoOnDocumentLine: z.boolean(),
    taxAreaPriority: z.enum(TAX_AREA_PRIORITIES),
    countySource: z.enum(COUNTY_SOURCES),
    locationRequired: z.boolean(),
    returnRefundProcess: z.enum(RETURN_REFUND_PROCESSES),
    returnLocationCode: z.string().min(1).nullable(),
    refundAccountNonRestockNo: z.string().min(1).nullable(),
    refundAccountNo: z.string().min(1).nullable(),
    customerImport: z.enum(CUSTOMER_IMPORTS),
    customerMappingType: z.enum(CUSTOMER_MAPPING_TYPES),
    defaultCustomerNo: z.string().min(1).nullable(),
    customerTemplateCode: z.string().min(1).nullable(),
    itemMappingMode: z.enum(ITEM_MAPPING_MODES),
    orderSyncFilters: z
      .object({
        financialStatuses: z.array(z.string()).optional(),
        fulfillmentStatuses: z.array(z.string()).optional(),
        riskLevels: z.array(z.string()).optional(),
        channels: z.array(z.string()).optional(),
        excludedChannels: z.array(z.string()).optional(),
        sourceNames: z.array(z.string()).optional(),
        excludedSourceNames: z.array(z.string()).optional(),
        tagFilter: z.string().optional(),
      })
      .strict(),
    orderSyncSchedule: z.string().min(1).nullable(),
    shipmentSyncSchedule: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

export type ShopCardSettings = z.infer<typeof shopCardSettingsSchema>;

export class ShopCardError extends Error {
  constructor(
    readonly shopCode: string,
    readonly problems: readonly string[],
  ) {
    super(`Shop card ${shopCode}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ShopCardError';
  }
}

/** What the CLI shows: every setting, and how credentials are kept (never a secret). */
export interface ShopCardView extends Required<Omit<ShopCardSettings, 'orderSyncFilters'>> {
  code: string;
  orderSyncFilters: OrderSyncFilters;
  /** Why orderbridge disabled the card itself (the app was uninstalled), if it did. */
  disabledReason: string | null;
  credentialKind: CredentialKind;
  clientId: string | null;
  hasCredentials: boolean;
  credentialsRefusedAt: string | null;
  lastOrderSyncAt: string | null;
}

function viewOf(shop: ShopCard): ShopCardView {
  return {
    code: shop.code,
    shopDomain: shop.shopDomain,
    apiVersion: shop.apiVersion,
    enabled: shop.enabled,
    disabledReason: shop.disabledReason ?? null,
    credentialKind: shop.credentialKind,
    clientId: shop.clientId ?? null,
    hasCredentials: Boolean(shop.clientSecretSealed ?? shop.accessTokenSealed),
    credentialsRefusedAt: shop.credentialsRefusedAt?.toISOString() ?? null,
    currencyCode: shop.currencyCode ?? null,
    currencyHandling: shop.currencyHandling,
    shippingChargesAccountNo: shop.shippingChargesAccountNo ?? null,
    soldGiftCardAccountNo: shop.soldGiftCardAccountNo ?? null,
    tipAccountNo: shop.tipAccountNo ?? null,
    autoCreateOrders: shop.autoCreateOrders,
    autoReleaseOrders: shop.autoReleaseOrders,
    createInvoicesForFulfilledOrders: shop.createInvoicesForFulfilledOrders,
    closeRequiresInvoice: shop.closeRequiresInvoice,
    shopifyOrderNoOnDocumentLine: shop.shopifyOrderNoOnDocumentLine,
    taxAreaPriority: shop.taxAreaPriority,
    countySource: shop.countySource,
    locationRequired: shop.locationRequired,
    returnRefundProcess: shop.returnRefundProcess,
    returnLocationCode: shop.returnLocationCode ?? null,
    refundAccountNonRestockNo: shop.refundAccountNonRestockNo ?? null,
    refundAccountNo: shop.refundAccountNo ?? null,
    customerImport: shop.customerImport,
    customerMappingType: shop.customerMappingType,
    defaultCustomerNo: shop.defaultCustomerNo ?? null,
    customerTemplateCode: shop.customerTemplateCode ?? null,
    itemMappingMode: shop.itemMappingMode,
    orderSyncFilters: shop.orderSyncFilters,
    orderSyncSchedule: shop.orderSyncSchedule ?? null,
    shipmentSyncSchedule: shop.shipmentSyncSchedule ?? null,
    lastOrderSyncAt: shop.lastOrderSyncAt?.toISOString() ?? null,
  };
}

function parseSettings(shopCode: string, settings: unknown): ShopCardSettings {
  const parsed = shopCardSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw new ShopCardError(
      shopCode,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/**
 * References must exist, and the combination must make sense (SPEC §1). `changed` names the
 * settings being changed, so a refusal speaks about the side the operator touched.
 */
async function checkSettings(
  em: EntityManager,
  shopCode: string,
  merged: ShopCardView,
  changed: readonly string[] = [],
): Promise<void> {
  const problems: string[] = [];
  const accounts: [keyof ShopCardView, string | null][] = [
    ['shippingChargesAccountNo', merged.shippingChargesAccountNo],
    ['soldGiftCardAccountNo', merged.soldGiftCardAccountNo],
    ['tipAccountNo', merged.tipAccountNo],
    ['refundAccountNonRestockNo', merged.refundAccountNonRestockNo],
    ['refundAccountNo', merged.refundAccountNo],
  ];
  for (const [setting, accountNo] of accounts) {
    if (!accountNo) continue;
    const account = await em.findOne(GlAccount, accountNo);
    if (!account) problems.push(`${setting}: G/L account ${accountNo} does not exist`);
    else if (account.blocked) problems.push(`${setting}: G/L account ${accountNo} is blocked`);
  }
  if (merged.defaultCustomerNo && !(await em.findOne(Customer, merged.defaultCustomerNo))) {
    problems.push(`defaultCustomerNo: customer ${merged.defaultCustomerNo} does not exist`);
  }
  if (merged.customerTemplateCode && !(await em.findOne(CustomerTemplate, merged.customerTemplateCode))) {
    problems.push(`customerTemplateCode: customer template ${merged.customerTemplateCode} does not exist`);
  }
  if (merged.returnLocationCode && !(await em.findOne(Location, merged.returnLocationCode))) {
    problems.push(`returnLocationCode: location ${merged.returnLocationCode} does not exist`);
  }
  if (merged.currencyCode) {
    const setup = await em.findOne(ErpSetup, 1);
    if (merged.currencyCode !== setup?.lcyCode) {
      if (!(await em.findOne(Currency, merged.currencyCode))) {
        problems.push(
          `currencyCode: currency ${merged.currencyCode} is not set up; add a rate with \`orderbridge currency rate ${merged.currencyCode} --date <YYYY-MM-DD> --rate <rate>\``,
        );
      } else if ((await em.count(CurrencyExchangeRate, { currencyCode: merged.currencyCode })) === 0) {
        problems.push(
          `currencyCode: currency ${merged.currencyCode} has no exchange rates; add one with \`orderbridge currency rate ${merged.currencyCode} --date <YYYY-MM-DD> --rate <rate>\``,
        );
      }
    }
  }
  const refundProcessProblem = refundProcessCombinationProblem(
    merged,
    changed.filter(
      (key): key is RefundProcessChange => key === 'returnRefundProcess' || key === 'autoCreateOrders',
    ),
  );
  if (refundProcessProblem) problems.push(refundProcessProblem);
  if (merged.customerMappingType === 'default_customer' && !merged.defaultCustomerNo) {
    problems.push('customerMappingType: default_customer needs a defaultCustomerNo');
  }
  if (merged.orderSyncFilters.tagFilter) {
    try {
      parseTagFilter(merged.orderSyncFilters.tagFilter);
    } catch (error) {
      if (error instanceof TagFilterSyntaxError)
        problems.push(`orderSyncFilters.tagFilter: ${error.message}`);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ShopCardError(shopCode, problems);
}

function credentialColumns(input: {
  accessToken?: string | null;
  credentials?: NewShopCredentials;
}): Partial<CredentialColumns> {
  if (input.credentials) return sealedCredentialColumns(input.credentials);
  if (input.accessToken)
    return sealedCredentialColumns({ kind: 'static_token', accessToken: input.accessToken });
  return {};
}

const SHOP_CODE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;

export async function addShopCard(
  context: ErpContext,
  input: {
    code: string;
    shopDomain: string;
    /** A static Admin API token (legacy custom app); `credentials` for the other kinds. */
    accessToken?: string | null;
    credentials?: NewShopCredentials;
    settings?: unknown;
  },
): Promise<ShopCardView> {
  const code = input.code.toUpperCase();
  if (!SHOP_CODE.test(code))
    throw new ShopCardError(input.code, ['code: 1–20 letters, digits, - or _, e.g. WEBSHOP']);
  const settings = parseSettings(code, {
    ...(input.settings as object | undefined),
    shopDomain: input.shopDomain,
  });
  return inTransaction(context, async (em) => {
    if (await em.findOne(ShopCard, code)) {
      throw new ShopCardError(code, [`already exists: change it with \`orderbridge shop set ${code}\``]);
    }
    const shop = em.create(ShopCard, {
      code,
      shopDomain: input.shopDomain,
      ...credentialColumns(input),
      ...settings,
    } as never);
    // Flush and read back so the database defaults are in the view; a failed check rolls it all back.
    await em.flush();
    await em.refresh(shop);
    await checkSettings(em, code, viewOf(shop));
    return viewOf(shop);
  });
}

/** Changes settings (and optionally the token); unknown or inconsistent values are refused, all at once. */
export async function updateShopCard(
  context: ErpContext,
  shopCode: string,
  change: { settings?: unknown; accessToken?: string | null; credentials?: NewShopCredentials },
): Promise<ShopCardView> {
  const code = shopCode.toUpperCase();
  const settings = parseSettings(code, change.settings ?? {});
  return inTransaction(context, async (em) => {
    const shop = await em.findOne(ShopCard, code);
    if (!shop)
      throw new ShopCardError(code, [
        `does not exist: create it with \`orderbridge shop add ${code} --domain <shop>.myshopify.com\``,
      ]);
    em.assign(shop, settings as never);
    // An operator enabling the card again settles why orderbridge had disabled it.
    if (settings.enabled === true) em.assign(shop, { disabledReason: null } as never);
    if (change.credentials || change.accessToken) em.assign(shop, credentialColumns(change) as never);
    else if (change.accessToken === null)
      em.assign(shop, { accessTokenSealed: null, accessTokenExpiresAt: null } as never);
    await checkSettings(em, code, viewOf(shop), Object.keys(settings));
    await em.flush();
    return viewOf(shop);
  });
}

export async function getShopCard(context: ErpContext, shopCode: string): Promise<ShopCardView | null> {
  return inTransaction(context, async (em) => {
    const shop = await em.findOne(ShopCard, shopCode.toUpperCase());
    return shop ? viewOf(shop) : null;
  });
}

export async function listShopCards(context: ErpContext): Promise<ShopCardView[]> {
  return inTransaction(context, async (em) =>
    (await em.find(ShopCard, {}, { orderBy: { code: 'asc' } })).map(viewOf),
  );
}

/** The stored Admin API token of a shop card, opened, for the Shopify client only. Never log it. */
export async function getShopAccessToken(context: ErpContext, shopCode: string): Promise<string | null> {
  return (await readShopCredentials(context, shopCode))?.accessToken ?? null;
}

/**
 * Moves the order sync watermark forward to `syncedUpTo` (never back: an older run finishing late
 * cannot undo a newer one). Call only after every order of the window was dispatched.
 */
export async function advanceOrderSyncWatermark(
  context: ErpContext,
  shopCode: string,
  syncedUpTo: Date,
): Promise<Date> {
  return inTransaction(context, async (em) => {
    const rows = await em.execute<{ last_order_sync_at: Date }[]>(
      'update shop_card set last_order_sync_at = greatest(coalesce(last_order_sync_at, ?), ?) where code = ? returning last_order_sync_at',
      [syncedUpTo, syncedUpTo, shopCode.toUpperCase()],
    );
    const row = rows[0];
    if (!row) throw new ShopCardError(shopCode, ['does not exist']);
    return new Date(row.last_order_sync_at);
  });
}

/** Resets the watermark to any instant (an operator re-sync of older orders). */
export async function resetOrderSyncWatermark(
  context: ErpContext,
  shopCode: string,
  to: Date | null,
): Promise<void> {
  await inTransaction(context, (em) =>
    em.nativeUpdate(ShopCard, { code: shopCode.toUpperCase() }, { lastOrderSyncAt: to }),
  );
}
