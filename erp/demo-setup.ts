import { sealedCredentialColumns } from './services/credentials';
import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CustomerImport, CustomerMappingType, ItemMappingMode } from '../domain/shop-settings';
import {
  Currency,
  CurrencyExchangeRate,
  Customer,
  CustomerTemplate,
  ErpSetup,
  GlAccount,
  Item,
  ItemVariant,
  Location,
  LocationMapping,
  NumberSeries,
  ShipmentMethod,
  ShipmentMethodMapping,
  ShopCard,
  ShopCustomerTemplate,
  TaxArea,
} from './entities';
import { type ErpContext, inTransaction } from './services/shared';

/**
 * Seeds what the demo and the tests need: the company set-up (local currency, number series) and a
 * shop card with G/L accounts, currencies and rates, locations and their mapping, shipment methods
 * and their mapping, customer templates and a default customer. Idempotent: rows that exist are
 * left as they are (an operator's later changes survive a second run).
 */
export interface ErpBasicsOptions {
  /** Local currency, ISO 4217. The simulator's shop sells in USD. */
  lcyCode?: string;
}

export interface DemoShopOptions extends ErpBasicsOptions {
  shopDomain: string;
  shopCode?: string;
  accessToken?: string | null;
  /** Shopify locations to map to ERP locations (default: one, gid://shopify/Location/1 → MAIN). */
  locations?: { shopifyLocationId: string; name: string; locationCode: string }[];
  /** Shopify shipping method titles to map (default: Standard → STD, Express → EXPRESS). */
  shipmentMethods?: { shopifyMethodName: string; shipmentMethodCode: string }[];
  /** ERP items (SKU mapping matches a Shopify SKU to the item no. or a variant's SKU). */
  items?: { no: string; description: string; barcode?: string; variants?: { code: string; sku: string }[] }[];
  customerImport?: CustomerImport;
  customerMappingType?: CustomerMappingType;
  itemMappingMode?: ItemMappingMode;
  autoCreateOrders?: boolean;
  autoReleaseOrders?: boolean;
}

export const DEMO_ACCOUNTS = {
  shippingCharges: '6100',
  tips: '6200',
  soldGiftCards: '2900',
  refunds: '6300',
  refundsNonRestock: '6310',
} as const;

export const DEMO_DEFAULT_CUSTOMER_NO = 'WEB-GUEST';

async function insertMissing<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: readonly Partial<T>[],
  conflictFields: (keyof T & string)[],
): Promise<void> {
  for (const row of rows) {
    await em.upsert(entity as never, row as never, {
      onConflictFields: conflictFields as never,
      onConflictAction: 'ignore',
    });
  }
}

export async function seedErpBasics(context: ErpContext, options: ErpBasicsOptions = {}): Promise<void> {
  await inTransaction(context, async (em) => {
    await insertMissing(em, ErpSetup, [{ id: 1, lcyCode: (options.lcyCode ?? 'USD').toUpperCase() }], ['id']);
    await insertMissing(
      em,
      NumberSeries,
      [
        { code: 'S-ORD', prefix: 'SO', digits: 6 },
        { code: 'S-INV', prefix: 'SI', digits: 6 },
        { code: 'CUST', prefix: 'C', digits: 5 },
      ],
      ['code'],
    );
  });
}

export async function seedDemoShop(
  context: ErpContext,
  options: DemoShopOptions,
): Promise<{ shopCode: string }> {
  await seedErpBasics(context, options);
  const shopCode = options.shopCode ?? 'WEB';
  await inTransaction(context, async (em) => {
    await insertMissing(
      em,
      GlAccount,
      [
        { no: DEMO_ACCOUNTS.shippingCharges, name: 'Shipping charges', taxable: true },
        { no: DEMO_ACCOUNTS.tips, name: 'Tips', taxable: false },
        { no: DEMO_ACCOUNTS.soldGiftCards, name: 'Sold gift cards', taxable: false },
        { no: DEMO_ACCOUNTS.refunds, name: 'Refunds', taxable: false },
        { no: DEMO_ACCOUNTS.refundsNonRestock, name: 'Refunds, items not restocked', taxable: false },
      ],
      ['no'],
    );
    await insertMissing(
      em,
      Location,
      [
        { code: 'MAIN', name: 'Main warehouse' },
        { code: 'RETURNS', name: 'Returns' },
        ...(options.locations ?? []).map((location) => ({
          code: location.locationCode,
          name: location.name,
        })),
      ],
      ['code'],
    );
    await insertMissing(
      em,
      ShipmentMethod,
      [
        { code: 'STD', description: 'Standard delivery' },
        { code: 'EXPRESS', description: 'Express delivery' },
        { code: 'PICKUP', description: 'Customer pick-up' },
      ],
      ['code'],
    );
    await insertMissing(
      em,
      TaxArea,
      [
        {
          code: 'US',
          description: 'United States (no sales tax)',
          countryCode: 'US',
          county: null,
          taxRatePercent: '0',
        },
        { code: 'US-NY', description: 'New York', countryCode: 'US', county: 'NY', taxRatePercent: '8.875' },
        { code: 'NO', description: 'Norway VAT', countryCode: 'NO', county: null, taxRatePercent: '25' },
        { code: 'SE', description: 'Sweden VAT', countryCode: 'SE', county: null, taxRatePercent: '25' },
        { code: 'DE', description: 'Germany VAT', countryCode: 'DE', county: null, taxRatePercent: '19' },
      ],
      ['code'],
    );
    await insertMissing(
      em,
      Currency,
      [
        { code: 'EUR', description: 'Euro' },
        { code: 'USD', description: 'US dollar' },
        { code: 'NOK', description: 'Norwegian krone' },
        { code: 'SEK', description: 'Swedish krona' },
      ],
      ['code'],
    );
    await em.nativeDelete(Currency, { code: (options.lcyCode ?? 'USD').toUpperCase() });
    const lcy = (options.lcyCode ?? 'USD').toUpperCase();
    const rates: Record<string, string> = { EUR: '1.08', USD: '1', NOK: '0.092', SEK: '0.095' };
    await insertMissing(
      em,
      CurrencyExchangeRate,
      Object.entries(rates)
        .filter(([code]) => code !== lcy)
        .map(([currencyCode, rate]) => ({ currencyCode, startingDate: '2020-01-01', rateLcyPerUnit: rate })),
      ['currencyCode', 'startingDate'],
    );
    await insertMissing(
      em,
      CustomerTemplate,
      [
        { code: 'RETAIL', description: 'Retail customers' },
        { code: 'B2B', description: 'Business customers' },
      ],
      ['code'],
    );
    await insertMissing(
      em,
      Customer,
      [{ no: DEMO_DEFAULT_CUSTOMER_NO, name: 'Web shop guest customer', countryCode: 'US' }],
      ['no'],
    );
    for (const item of options.items ?? []) {
      await insertMissing(
        em,
        Item,
        [{ no: item.no, description: item.description, barcode: item.barcode ?? null }],
        ['no'],
      );
      await insertMissing(
        em,
        ItemVariant,
        (item.variants ?? []).map((variant) => ({
          itemNo: item.no,
          code: variant.code,
          description: `${item.description} ${variant.code}`,
          sku: variant.sku,
        })),
        ['itemNo', 'code'],
      );
    }
    await insertMissing(
      em,
      ShopCard,
      [
        {
          code: shopCode,
          shopDomain: options.shopDomain,
          // Sealed columns hold null where a kind has no value, which the entity's hidden types refuse.
          ...((options.accessToken
            ? sealedCredentialColumns({ kind: 'static_token', accessToken: options.accessToken })
            : {}) as object),
          shippingChargesAccountNo: DEMO_ACCOUNTS.shippingCharges,
          tipAccountNo: DEMO_ACCOUNTS.tips,
          soldGiftCardAccountNo: DEMO_ACCOUNTS.soldGiftCards,
          refundAccountNo: DEMO_ACCOUNTS.refunds,
          refundAccountNonRestockNo: DEMO_ACCOUNTS.refundsNonRestock,
          returnLocationCode: 'RETURNS',
          customerTemplateCode: 'RETAIL',
          defaultCustomerNo: DEMO_DEFAULT_CUSTOMER_NO,
          customerImport: options.customerImport ?? 'with_order',
          customerMappingType: options.customerMappingType ?? 'by_email_phone',
          itemMappingMode: options.itemMappingMode ?? 'sku',
          autoCreateOrders: options.autoCreateOrders ?? true,
          autoReleaseOrders: options.autoReleaseOrders ?? false,
          shopifyOrderNoOnDocumentLine: true,
          orderSyncFilters: {},
        },
      ],
      ['code'],
    );
    await insertMissing(
      em,
      ShopCustomerTemplate,
      [{ shopCode, countryCode: 'US', templateCode: 'RETAIL', defaultCustomerNo: null }],
      ['shopCode', 'countryCode'],
    );
    await insertMissing(
      em,
      LocationMapping,
      (
        options.locations ?? [
          { shopifyLocationId: 'gid://shopify/Location/1', name: 'Shop location', locationCode: 'MAIN' },
        ]
      ).map((location) => ({
        shopCode,
        shopifyLocationId: location.shopifyLocationId,
        shopifyLocationName: location.name,
        locationCode: location.locationCode,
      })),
      ['shopCode', 'shopifyLocationId'],
    );
    await insertMissing(
      em,
      ShipmentMethodMapping,
      (
        options.shipmentMethods ?? [
          { shopifyMethodName: 'Standard', shipmentMethodCode: 'STD' },
          { shopifyMethodName: 'Express', shipmentMethodCode: 'EXPRESS' },
        ]
      ).map((mapping) => ({ shopCode, ...mapping })),
      ['shopCode', 'shopifyMethodName'],
    );
  });
  return { shopCode };
}
