export { createShopifyClient, shopifyAdminEndpoint } from './client';
export type { ShopifyAdminClient, ShopifyClientOptions, ShopifyRequestOptions } from './client';
export { storeCallCounters, countersSince, CallCounters } from './call-counters';
export type { CallCountersSnapshot, CallTotals } from './call-counters';
export { estimateQueryCost, SINGLE_QUERY_COST_LIMIT } from './cost-estimator';
export * from './errors';
export { DEFAULT_RETRY_POLICY } from './retry-policy';
export type { RetryPolicy } from './retry-policy';
export { throttleForStore, forgetStoreThrottle, StoreThrottle } from './throttle';
export type { ThrottleStatus, ThrottleSnapshot } from './throttle';
export { connectionNodes, connectionPages, collectNodes, completeConnection } from './paging';
export type { ConnectionPage } from './paging';
export { acceptedPayload } from './user-errors';
export { shopifyGid } from './gids';
export { discoverOrders, discoverOrderPages, updatedWindowQuery } from './order-discovery';
export type { OrderToImport, UpdatedWindow } from './order-discovery';
export { fetchOrderForImport } from './order-import';
export type { FullShopifyOrder, OrderForImportFetch } from './order-import';
export { fetchOrderFulfillmentState } from './order-fulfillment-state';
export type { OrderFulfillmentState } from './order-fulfillment-state';
export { createFulfillment, moveFulfillmentOrder } from './fulfillments';
export type {
  CreatedFulfillment,
  FulfillmentOrderMoveRequest,
  FulfillmentOrderMoveResult,
  FulfillmentRequest,
} from './fulfillments';
export { closeOrder } from './order-close';
export type { ClosedOrder } from './order-close';
export { fetchShop } from './shop';
export type { ShopDetails } from './shop';
export { listLocations } from './locations';
export type { ShopifyLocation } from './locations';
export { listDeliveryMethodDefinitions, listShippingMethodNames } from './delivery-methods';
export type { DeliveryMethodDefinitionEntry } from './delivery-methods';
export { listGiftCards } from './gift-cards';
export type { ShopifyGiftCard } from './gift-cards';
export { SHOPIFY_ADMIN_API_VERSION, loadAdminSchema } from './schema';
