import type { ShopSettings } from '../../../domain/shop-settings';
import type { ShopCard } from '../../entities';

/** The settings the business rules read, as a plain object (never the access token). */
export function toShopSettings(shop: ShopCard): ShopSettings {
  return {
    code: shop.code,
    shopDomain: shop.shopDomain,
    currencyCode: shop.currencyCode ?? null,
    currencyHandling: shop.currencyHandling,
    shippingChargesAccountNo: shop.shippingChargesAccountNo ?? null,
    soldGiftCardAccountNo: shop.soldGiftCardAccountNo ?? null,
    tipAccountNo: shop.tipAccountNo ?? null,
    autoCreateOrders: shop.autoCreateOrders,
    autoReleaseOrders: shop.autoReleaseOrders,
    createInvoicesForFulfilledOrders: shop.createInvoicesForFulfilledOrders,
    shopifyOrderNoOnDocumentLine: shop.shopifyOrderNoOnDocumentLine,
    taxAreaPriority: shop.taxAreaPriority,
    countySource: shop.countySource,
    locationRequired: shop.locationRequired,
    customerImport: shop.customerImport,
    customerMappingType: shop.customerMappingType,
    defaultCustomerNo: shop.defaultCustomerNo ?? null,
    customerTemplateCode: shop.customerTemplateCode ?? null,
    itemMappingMode: shop.itemMappingMode,
    orderSyncFilters: shop.orderSyncFilters,
  };
}
