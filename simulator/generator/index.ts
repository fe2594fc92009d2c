/**
 * Scenario generator: seeded, realistic Shopify stores and orders written through the Admin API,
 * for the demo, integration tests and benchmarks. See README.md in this folder.
 */
export { ScenarioError, type ShopifyTarget } from './admin-client';
export type {
  GeneratedCatalog,
  GeneratedCustomer,
  GeneratedGiftCard,
  GeneratedLocation,
  GeneratedVariant,
  VariantIdentifiers,
} from './catalog';
export { createOrder, type GeneratedOrder } from './create-order';
export { editOrder, type EditedOrder, type EditMoney, type OrderEditChange } from './edit-order';
export { fulfillOrder, type CreatedFulfillment, type FulfillOrderRequest } from './fulfill-order';
export {
  generateStore,
  type GeneratedStore,
  type GeneratedStoreOrder,
  type GenerateStoreOptions,
  type GenerationTiming,
} from './generate-store';
export type { MoneyAmount } from '../money';
export {
  TIP_LINE_TITLE,
  GIFT_CARD_GATEWAY,
  type ExpectedOrderAmounts,
  type OrderShopContext,
} from './order-create-input';
export {
  addOrderTags,
  cancelOrder,
  closeOrder,
  markOrderAsPaid,
  readOrderStatus,
  type CancelOrderRequest,
  type OrderStatus,
} from './order-lifecycle';
export { DEFAULT_ORDER_MIX, type OrderMix } from './order-mix';
export { MARKETPLACE_SOURCE_NAME, type PlannedCustomerKind } from './order-planner';
export type { OrderAmounts } from './order-pricing';
export type {
  CreateOrderRequest,
  CustomerRequest,
  FulfillmentRequest,
  GiftCardLineRequest,
  GiftCardPaymentRequest,
  OrderDiscountRequest,
  OrderLineRequest,
  RequestedFinancialStatus,
  RiskLevel,
  ShippingLineRequest,
} from './order-request';
export type { OrderTraits, SalesChannel } from './order-traits';
export { readOrder, type OrderSnapshot } from './read-order';
export {
  refundOrder,
  type CreatedRefund,
  type RefundLineRequest,
  type RefundRequest,
  type RefundRestockType,
} from './refund-order';
export type { StoreSeedApi } from './seed-api';
export { loadShopProfile, type ShopProfile } from './shop-profile';
export { planStore, type AddressPlan, type LocationRole, type StorePlan } from './store-plan';
