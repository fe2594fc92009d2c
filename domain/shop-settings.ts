/**
 * The shop card settings the business rules read (SPEC §1), as plain values. erp/ stores them on
 * the shop card; domain/ rules take them as arguments so they stay pure.
 */
import type { OrderSyncFilters } from './order-filters';

export const CURRENCY_HANDLING = ['shop', 'presentment'] as const;
export type CurrencyHandling = (typeof CURRENCY_HANDLING)[number];

/** Which address decides the tax area, in priority order; `none` leaves it to the customer. */
export const TAX_AREA_PRIORITIES = [
  'none',
  'ship_sell_bill',
  'ship_bill_sell',
  'sell_ship_bill',
  'sell_bill_ship',
  'bill_sell_ship',
  'bill_ship_sell',
] as const;
export type TaxAreaPriority = (typeof TAX_AREA_PRIORITIES)[number];

/** What a tax area's county is matched with: the address's province code, or its name (SPEC §1). */
export const COUNTY_SOURCES = ['code', 'name'] as const;
export type CountySource = (typeof COUNTY_SOURCES)[number];

export const RETURN_REFUND_PROCESSES = ['none', 'import_only', 'auto_credit_memo'] as const;
export type ReturnRefundProcess = (typeof RETURN_REFUND_PROCESSES)[number];

export const CUSTOMER_IMPORTS = ['none', 'with_order', 'all'] as const;
export type CustomerImport = (typeof CUSTOMER_IMPORTS)[number];

export const CUSTOMER_MAPPING_TYPES = ['default_customer', 'by_email_phone', 'by_bill_to'] as const;
export type CustomerMappingType = (typeof CUSTOMER_MAPPING_TYPES)[number];

/** How a Shopify variant finds its ERP item when no explicit link exists. */
export const ITEM_MAPPING_MODES = ['explicit', 'sku', 'barcode', 'sku_then_barcode'] as const;
export type ItemMappingMode = (typeof ITEM_MAPPING_MODES)[number];

export interface ShopSettings {
  code: string;
  shopDomain: string;
  currencyCode: string | null;
  currencyHandling: CurrencyHandling;
  shippingChargesAccountNo: string | null;
  soldGiftCardAccountNo: string | null;
  tipAccountNo: string | null;
  autoCreateOrders: boolean;
  autoReleaseOrders: boolean;
  createInvoicesForFulfilledOrders: boolean;
  shopifyOrderNoOnDocumentLine: boolean;
  taxAreaPriority: TaxAreaPriority;
  countySource: CountySource;
  locationRequired: boolean;
  customerImport: CustomerImport;
  customerMappingType: CustomerMappingType;
  defaultCustomerNo: string | null;
  customerTemplateCode: string | null;
  itemMappingMode: ItemMappingMode;
  orderSyncFilters: OrderSyncFilters;
}
