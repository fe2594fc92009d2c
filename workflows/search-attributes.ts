import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes an operator filters on in the Temporal UI. They are registered on
 * the dev server at start (platform/temporal-dev-server.ts) and must be created once on a real
 * cluster (`orderbridge status` says which are missing). Values are never personal data.
 */
export const SHOP_CODE = defineSearchAttributeKey('ShopCode', SearchAttributeType.KEYWORD);
export const SHOP_DOMAIN = defineSearchAttributeKey('ShopDomain', SearchAttributeType.KEYWORD);
export const SHOPIFY_ORDER_NAME = defineSearchAttributeKey('ShopifyOrderName', SearchAttributeType.KEYWORD);
export const ORDER_STAGE = defineSearchAttributeKey('OrderStage', SearchAttributeType.KEYWORD);
export const ORDER_HAS_ERROR = defineSearchAttributeKey('OrderHasError', SearchAttributeType.BOOL);
/** Stage of a refund workflow (refund → credit memo); its errors use OrderHasError too. */
export const REFUND_STAGE = defineSearchAttributeKey('RefundStage', SearchAttributeType.KEYWORD);

export const ORDERBRIDGE_SEARCH_ATTRIBUTES = [
  SHOP_CODE,
  SHOP_DOMAIN,
  SHOPIFY_ORDER_NAME,
  ORDER_STAGE,
  ORDER_HAS_ERROR,
  REFUND_STAGE,
];
