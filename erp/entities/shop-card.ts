import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { GlAccount } from './gl-account';
import { Customer } from './customer';
import { Location } from './location';
import { CustomerTemplate } from './customer-template';
import type { OrderSyncFilters } from '../../domain/order-filters';
import { CREDENTIAL_KINDS } from '../../domain/shop-credentials';
import {
  CURRENCY_HANDLING,
  CUSTOMER_IMPORTS,
  CUSTOMER_MAPPING_TYPES,
  ITEM_MAPPING_MODES,
  RETURN_REFUND_PROCESSES,
  TAX_AREA_PRIORITIES,
  COUNTY_SOURCES,
} from '../../domain/shop-settings';

/**
 * One shop configuration (SPEC §1). Several cards may point at one Shopify store (`shopDomain`);
 * each has its own filters, schedule and watermark.
 */
export const ShopCard = defineEntity({
  name: 'ShopCard',
  tableName: 'shop_card',
  properties: {
    code: p.string().length(20).primary(),
    shopDomain: p.string().length(255).index(),
    /** How this card gets its Admin API token (domain/shop-credentials.ts). */
    credentialKind: p.enum([...CREDENTIAL_KINDS]).default('client_credentials'),
    /** Client id of the Dev Dashboard app (not a secret). */
    clientId: p.string().length(255).nullable(),
    // Sealed secrets (platform/secret-box.ts): hidden from serialization; never log a ShopCard whole.
    clientSecretSealed: p.text().hidden().nullable().default(null),
    accessTokenSealed: p.text().hidden().nullable().default(null),
    /** When the stored access token stops working; null = it does not expire (static token). */
    accessTokenExpiresAt: p.datetime().nullable(),
    refreshTokenSealed: p.text().hidden().nullable().default(null),
    refreshTokenExpiresAt: p.datetime().nullable(),
    tokenRenewedAt: p.datetime().nullable(),
    /** Set when Shopify refused the credentials even after a renewal: every sync of the card waits. */
    credentialsRefusedAt: p.datetime().nullable(),
    credentialsRefusal: p.text().nullable(),
    apiVersion: p.string().length(10).default('2026-10'),
    enabled: p.boolean().default(true),
    /** Why the card was disabled by orderbridge itself (e.g. the app was uninstalled); null otherwise. */
    disabledReason: p.text().nullable(),
    /** ERP currency of the shop currency; null = the shop sells in the ERP's local currency (LCY). */
    currencyCode: p.string().length(10).nullable(),
    currencyHandling: p.enum([...CURRENCY_HANDLING]).default('shop'),
    shippingChargesAccountNo: p
      .manyToOne(GlAccount)
      .mapToPk()
      .joinColumn('shipping_charges_account_no')
      .nullable(),
    soldGiftCardAccountNo: p
      .manyToOne(GlAccount)
      .mapToPk()
      .joinColumn('sold_gift_card_account_no')
      .nullable(),
    tipAccountNo: p.manyToOne(GlAccount).mapToPk().joinColumn('tip_account_no').nullable(),
    autoCreateOrders: p.boolean().default(false),
    autoReleaseOrders: p.boolean().default(false),
    /** A fulfilled Shopify order becomes a sales invoice instead of an order (SPEC §4.1). */
    createInvoicesForFulfilledOrders: p.boolean().default(true),
    shopifyOrderNoOnDocumentLine: p.boolean().default(false),
    taxAreaPriority: p.enum([...TAX_AREA_PRIORITIES]).default('ship_sell_bill'),
    /** Whether tax areas' counties hold province codes or names. */
    countySource: p.enum([...COUNTY_SOURCES]).default('code'),
    /** Item lines must carry a location: an unmapped fulfillment location blocks the document. */
    locationRequired: p.boolean().default(true),
    returnRefundProcess: p.enum([...RETURN_REFUND_PROCESSES]).default('import_only'),
    returnLocationCode: p.manyToOne(Location).mapToPk().joinColumn('return_location_code').nullable(),
    refundAccountNonRestockNo: p
      .manyToOne(GlAccount)
      .mapToPk()
      .joinColumn('refund_account_non_restock_no')
      .nullable(),
    refundAccountNo: p.manyToOne(GlAccount).mapToPk().joinColumn('refund_account_no').nullable(),
    customerImport: p.enum([...CUSTOMER_IMPORTS]).default('with_order'),
    customerMappingType: p.enum([...CUSTOMER_MAPPING_TYPES]).default('by_email_phone'),
    defaultCustomerNo: p.manyToOne(Customer).mapToPk().joinColumn('default_customer_no').nullable(),
    /** Template for new customers when no per-country template applies. */
    customerTemplateCode: p
      .manyToOne(CustomerTemplate)
      .mapToPk()
      .joinColumn('customer_template_code')
      .nullable(),
    itemMappingMode: p.enum([...ITEM_MAPPING_MODES]).default('sku'),
    orderSyncFilters: p.json<OrderSyncFilters>().default('{}'),
    /** Orders updated after this instant are discovered next; advanced only after a complete sync. */
    lastOrderSyncAt: p.datetime().nullable(),
    /** Cron expression or Temporal interval ("5m") for the order sync schedule; null = on demand only. */
    orderSyncSchedule: p.string().length(100).nullable(),
    shipmentSyncSchedule: p.string().length(100).nullable(),
    /** Orders close (Shopify and ERP) only once their document is fully invoiced, not just shipped. */
    closeRequiresInvoice: p.boolean().default(false),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
    updatedAt: p
      .datetime()
      .defaultRaw('current_timestamp')
      .onUpdate(() => new Date()),
  },
});

export type ShopCard = InferEntity<typeof ShopCard>;
