/**
 * The normalized Shopify order that the ERP imports: everything stage 2 of the order sync needs
 * (SPEC §3), taken from one fetch of the Admin API 2026-10 and nothing else.
 *
 * Rules every producer (shopify/ → snapshot conversion, the simulator, tests) must follow:
 * - Plain JSON: no Date, no Decimal, no undefined-vs-null games. Optional data is `null`, lists are `[]`.
 * - Ids are strings. `...Id` fields hold Shopify GIDs (`gid://shopify/Order/123`); `legacyResourceId`
 *   holds the numeric id as a string (64-bit ids do not fit a JS number).
 * - Money is never a number: every amount is a decimal string (`"12.50"`), and every money field is a
 *   `MoneyBag` carrying BOTH the shop currency and the customer's presentment currency, as Shopify does.
 * - Enum values are Shopify's own (upper case), so a reader can look them up in the schema.
 * - Timestamps are ISO-8601 strings exactly as Shopify sent them.
 *
 * Workflows may import this file: it is types only.
 */

/** Bumped when a field changes meaning; the import refuses snapshots of a version it does not know. */
export const ORDER_SNAPSHOT_VERSION = 1 as const;

/** A decimal amount as a string, e.g. "19.99" or "-3.10". Parse with decimal.js, never with Number(). */
export type DecimalString = string;

/** An ISO-8601 timestamp as Shopify returns it, e.g. "2026-11-27T14:00:00Z". */
export type IsoDateTime = string;

export interface Money {
  amount: DecimalString;
  /** ISO 4217 code as Shopify reports it (Shopify's CurrencyCode enum), e.g. "EUR". */
  currencyCode: string;
}

/** One amount in both currencies: `shop` is the store's currency, `presentment` the customer's. */
export interface MoneyBag {
  shop: Money;
  presentment: Money;
}

export type FinancialStatus =
  | 'AUTHORIZED'
  | 'EXPIRED'
  | 'PAID'
  | 'PARTIALLY_PAID'
  | 'PARTIALLY_REFUNDED'
  | 'PENDING'
  | 'REFUNDED'
  | 'VOIDED';

export type FulfillmentStatus =
  | 'FULFILLED'
  | 'FULFILLMENT_NOT_REQUIRED'
  | 'IN_PROGRESS'
  | 'ON_HOLD'
  | 'OPEN'
  | 'PARTIALLY_FULFILLED'
  | 'PENDING_FULFILLMENT'
  | 'REQUEST_DECLINED'
  | 'RESTOCKED'
  | 'SCHEDULED'
  | 'UNFULFILLED';

/** Shopify's RiskAssessmentResult; the order's level is the highest of its assessments. */
export type RiskLevel = 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE' | 'PENDING';

/** One of an order's risk assessments: Shopify's own (provider null) or an app's. */
export interface RiskAssessment {
  level: RiskLevel;
  /** The app that assessed the order; null when Shopify did. */
  provider: string | null;
  facts: { description: string; sentiment: string }[];
}

export type CancelReason = 'CUSTOMER' | 'DECLINED' | 'FRAUD' | 'INVENTORY' | 'OTHER' | 'STAFF';

export type TransactionKind =
  | 'AUTHORIZATION'
  | 'CAPTURE'
  | 'CHANGE'
  | 'EMV_AUTHORIZATION'
  | 'REFUND'
  | 'SALE'
  | 'SUGGESTED_REFUND'
  | 'VOID';

export type TransactionStatus = 'AWAITING_RESPONSE' | 'ERROR' | 'FAILURE' | 'PENDING' | 'SUCCESS' | 'UNKNOWN';

export type FulfillmentOrderStatus =
  'CANCELLED' | 'CLOSED' | 'INCOMPLETE' | 'IN_PROGRESS' | 'ON_HOLD' | 'OPEN' | 'SCHEDULED';

export type ShipmentStatus = 'CANCELLED' | 'ERROR' | 'FAILURE' | 'OPEN' | 'PENDING' | 'SUCCESS';

export interface KeyValue {
  key: string;
  value: string | null;
}

export interface OrderAddress {
  firstName: string | null;
  lastName: string | null;
  /** Shopify's full name ("first last"); may be set when first/last are not. */
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  zip: string | null;
  /** Province/state name and code, e.g. "California" / "CA". */
  province: string | null;
  provinceCode: string | null;
  /** ISO 3166-1 alpha-2 (countryCodeV2), e.g. "NO". */
  countryCode: string | null;
  country: string | null;
  phone: string | null;
}

export interface OrderCustomer {
  /** Customer GID. */
  shopifyCustomerId: string;
  legacyResourceId: string;
  /**
   * The customer's default e-mail and phone, standing in for the order's own: each is null when
   * the order has its own (snapshots stored before carry them anyway).
   */
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  // Stored snapshots may also carry the customer's defaultAddress: nothing reads it (customer
  // selection works from the order's bill-to address), so the import does not ask for it.
}

export interface TaxLine {
  title: string;
  /** Rate as a decimal fraction string ("0.25"), or null when Shopify gives none. */
  rate: DecimalString | null;
  ratePercentage: DecimalString | null;
  channelLiable: boolean | null;
  price: MoneyBag;
}

/**
 * Stored snapshots and lines may also carry `discountApplicationIndex`, the index of the order's
 * discount application it came from: nothing reads it, so the import does not ask for it.
 */
export interface DiscountAllocation {
  /** The amount of this discount allocated to the whole line (all units), not per unit. */
  amount: MoneyBag;
}

export interface OrderLine {
  /** LineItem GID. */
  shopifyLineId: string;
  /** Shopify's line name, e.g. "T-shirt - M" or "Tip". */
  name: string;
  title: string;
  variantTitle: string | null;
  /** ProductVariant GID; null for custom lines, tips and deleted variants. */
  variantId: string | null;
  sku: string | null;
  barcode: string | null;
  vendor: string | null;
  /** Quantity ordered originally (before edits, refunds, removals). */
  quantity: number;
  /** Quantity after edits, refunds and removals (0 when the line was removed). */
  currentQuantity: number;
  /** Quantity not yet fulfilled. */
  unfulfilledQuantity: number;
  isGiftCard: boolean;
  /** A tip line (Shopify adds tips as a line named "Tip" without a product); decided by the conversion. */
  isTip: boolean;
  requiresShipping: boolean;
  taxable: boolean;
  /** Unit price before any discount. */
  originalUnitPrice: MoneyBag;
  discountAllocations: DiscountAllocation[];
  /**
   * Location GID of the fulfillment order(s) that hold this line (decided by the conversion from the
   * fulfillment orders with domain/fulfillment-locations.ts), or null when the line is not assigned
   * to one location. When the import did not read the fulfillment orders' lines although there are
   * several (their locations all map to one ERP location code on the shop card), it is the oldest
   * one's location for every line: a location with the line's ERP location code, not necessarily
   * the one it ships from.
   */
  fulfillmentLocationId: string | null;
  customAttributes: KeyValue[];
}

export interface ShippingLine {
  /** ShippingLine GID; Shopify may return null, then the converter uses `shipping-line:<index>`. */
  shopifyShippingLineId: string;
  title: string;
  code: string | null;
  source: string | null;
  /** Removed by an order edit: kept for history, never charged. */
  isRemoved: boolean;
  originalPrice: MoneyBag;
  /** Price after shipping discounts. */
  discountedPrice: MoneyBag;
  discountAllocations: DiscountAllocation[];
  taxLines: TaxLine[];
}

export interface Transaction {
  /** OrderTransaction GID. */
  shopifyTransactionId: string;
  kind: TransactionKind;
  status: TransactionStatus;
  gateway: string | null;
  formattedGateway: string | null;
  amount: MoneyBag;
  /** Parent transaction GID (a capture's authorization, a refund's sale), or null. */
  parentTransactionId: string | null;
  createdAt: IsoDateTime;
  processedAt: IsoDateTime | null;
  test: boolean;
  errorCode: string | null;
  /**
   * The masked account of the payment method (card number, or the gift card's masked code for
   * gateway 'gift_card'); absent in snapshots taken before it was read.
   */
  accountNumber?: string | null;
}

export interface FulfillmentOrderLine {
  /** FulfillmentOrderLineItem GID. */
  shopifyFulfillmentOrderLineId: string;
  /** The order's LineItem GID. */
  shopifyLineId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrder {
  /** FulfillmentOrder GID. */
  shopifyFulfillmentOrderId: string;
  status: FulfillmentOrderStatus;
  /** Location GID of the assigned location, or null (e.g. a location that was deleted). */
  assignedLocationId: string | null;
  updatedAt: IsoDateTime;
  /**
   * The line items it holds, or null when they were not read: the import reads them only for an
   * order with several fulfillment orders whose locations do not all map to one ERP location code,
   * since a single one holds every line of the order and one code makes the same document
   * (domain/fulfillment-locations.ts). Null on one of them means null on all. Snapshots stored
   * before always carry them.
   */
  lines: FulfillmentOrderLine[] | null;
}

export interface TrackingInfo {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface FulfillmentLine {
  /** FulfillmentLineItem GID. */
  shopifyFulfillmentLineId: string;
  shopifyLineId: string;
  quantity: number;
}

export interface Fulfillment {
  /** Fulfillment GID. */
  shopifyFulfillmentId: string;
  name: string;
  status: ShipmentStatus;
  displayStatus: string | null;
  /** Location GID, or null. */
  locationId: string | null;
  createdAt: IsoDateTime;
  tracking: TrackingInfo[];
  lines: FulfillmentLine[];
}

/** One refunded line item of a refund (SPEC §6). */
export interface RefundLine {
  shopifyRefundLineId: string | null;
  shopifyLineId: string;
  quantity: number;
  /** Shopify's RefundLineItemRestockType: NO_RESTOCK, CANCEL, RETURN, LEGACY_RESTOCK. */
  restockType: string;
  /** Whether Shopify put the units back on stock (RETURN may still be false until they arrive). */
  restocked: boolean;
  locationId: string | null;
  /** Unit price refunded (after discounts). */
  price: MoneyBag;
  /** Price × quantity; with taxes included in prices, tax included. */
  subtotal: MoneyBag;
  totalTax: MoneyBag;
}

/** Refunded shipping of one shipping line. */
export interface RefundShippingLine {
  shopifyRefundShippingLineId: string;
  /** The order's ShippingLine GID, or null when Shopify does not say. */
  shopifyShippingLineId: string | null;
  title: string | null;
  subtotal: MoneyBag;
  tax: MoneyBag;
}

/** Money refunded beyond the itemised lines (Shopify's OrderAdjustment: discrepancies, restocking fees). */
export interface OrderAdjustment {
  shopifyOrderAdjustmentId: string;
  /** Shopify's OrderAdjustmentDiscrepancyReason, e.g. REFUND_DISCREPANCY, RESTOCK, CUSTOMER. */
  reason: string | null;
  amount: MoneyBag;
  tax: MoneyBag;
}

export interface Refund {
  /** Refund GID. */
  shopifyRefundId: string;
  createdAt: IsoDateTime | null;
  processedAt: IsoDateTime | null;
  note: string | null;
  /** What Shopify paid back: 0 while the refund's payment is still pending. */
  totalRefunded: MoneyBag;
  lines: RefundLine[];
  /** Refunded shipping, summed. */
  shipping: MoneyBag | null;
  shippingLines: RefundShippingLine[];
  orderAdjustments: OrderAdjustment[];
  /** GIDs of the refund's transactions. */
  transactionIds: string[];
  /** The refund's own transactions (kind REFUND, usually), with their status. */
  transactions: Transaction[];
  /** Return GID when the refund belongs to a return. */
  returnId: string | null;
}

export interface ReturnLine {
  shopifyReturnLineId: string;
  shopifyLineId: string | null;
  quantity: number;
  returnReason: string | null;
  /** The reason the customer picked (ReturnReasonDefinition name), e.g. "Too small". */
  returnReasonName: string | null;
  customerNote: string | null;
}

export interface Return {
  /** Return GID. */
  shopifyReturnId: string;
  name: string;
  /** Shopify's ReturnStatus, e.g. OPEN, CLOSED, DECLINED. */
  status: string;
  totalQuantity: number;
  createdAt: IsoDateTime | null;
  closedAt: IsoDateTime | null;
  lines: ReturnLine[];
}

/**
 * Shopify's order-level money the ERP checks its documents against (SPEC §4.1, §10), both bags
 * each; `current...` values are after edits, refunds and returns. Only these are read: every
 * other total Shopify offers either repeats what the lines, shipping lines, transactions and
 * refunds already say or is not used, and each costs a money bag per order. Snapshots stored
 * before they were trimmed carry more totals; nothing reads those.
 */
export interface OrderTotals {
  currentTotal: MoneyBag;
  /**
   * Lines after discounts, before shipping (and before tax unless taxes are included), as
   * `order show` lists it beside the document's; absent in snapshots stored before it was read.
   */
  currentSubtotal?: MoneyBag;
  currentTotalTax: MoneyBag;
  /** Shipping charged, after shipping discounts, edits and refunds. */
  currentShipping: MoneyBag;
  totalTipReceived: MoneyBag;
}

/** A text the ERP could not take as Shopify sent it, and what was done to it (snapshot-text-fitting.ts). */
export interface TextAdjustment {
  /** Path in the snapshot, e.g. "note" or "lines[2].title". */
  field: string;
  change: 'unstorable-characters-removed' | 'truncated';
  /** The ERP field's size in characters, for a truncation. */
  limit?: number;
}

export interface OrderSnapshot {
  snapshotVersion: typeof ORDER_SNAPSHOT_VERSION;
  /** Order GID, e.g. "gid://shopify/Order/5512345678". */
  shopifyOrderId: string;
  legacyResourceId: string;
  /** "#1004": shown to people; not unique across stores. */
  name: string;
  number: number;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  processedAt: IsoDateTime;
  closed: boolean;
  closedAt: IsoDateTime | null;
  cancelledAt: IsoDateTime | null;
  cancelReason: CancelReason | null;
  confirmed: boolean;
  test: boolean;
  edited: boolean;
  financialStatus: FinancialStatus | null;
  fulfillmentStatus: FulfillmentStatus;
  fullyPaid: boolean;
  unpaid: boolean;
  /** Shop currency (ISO 4217). */
  currencyCode: string;
  /** The customer's currency (ISO 4217). */
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  email: string | null;
  phone: string | null;
  note: string | null;
  poNumber: string | null;
  /** e.g. "web", "pos", "shopify_draft_order". */
  sourceName: string | null;
  /** Sales channel handle or name (attribution handle, else publication name), e.g. "online_store", "pos". */
  channel: string | null;
  /** Highest risk level among the assessments; null when Shopify reports none. */
  riskLevel: RiskLevel | null;
  /** Shopify's OrderRiskRecommendationResult: ACCEPT, CANCEL, INVESTIGATE, NONE. */
  riskRecommendation: string | null;
  /** Every assessment as Shopify lists them (level, provider, facts). */
  riskAssessments: RiskAssessment[];
  /** Case preserved: tag filters are case sensitive. */
  tags: string[];
  customAttributes: KeyValue[];
  /** Location GID of the point-of-sale location for POS orders. */
  retailLocationId: string | null;
  /** That location's name, as Shopify names it (the operator reads it in `order show`). */
  retailLocationName: string | null;
  statusPageUrl: string | null;
  customer: OrderCustomer | null;
  billingAddress: OrderAddress | null;
  shippingAddress: OrderAddress | null;
  subtotalLineItemsQuantity: number;
  currentSubtotalLineItemsQuantity: number;
  totals: OrderTotals;
  lines: OrderLine[];
  shippingLines: ShippingLine[];
  taxLines: TaxLine[];
  transactions: Transaction[];
  fulfillmentOrders: FulfillmentOrder[];
  fulfillments: Fulfillment[];
  /** Absent in snapshots taken before refunds were read. */
  refunds?: Refund[];
  returns?: Return[];
  /** Texts changed to fit the ERP at import; absent when none was. */
  textAdjustments?: TextAdjustment[];
}
