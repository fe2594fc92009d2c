import type { AppRecord } from './app-auth';
import type { Money, MoneyBag } from './money';

/**
 * Records are kept in the schema's own shape (field names as in the 2026-10 Admin schema), so
 * graphql-js reads most fields straight off them. References to other objects are kept as ids
 * (`orderId`, `lineItemId`, ...) and turned into objects by small resolvers; simulator-only state
 * lives under `sim`, which no schema type has.
 */

export interface AddressRecord {
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  country?: string | null;
  countryCodeV2?: string | null;
  zip?: string | null;
  phone?: string | null;
}

export interface ShopRecord {
  __typename: 'Shop';
  id: string;
  name: string;
  myshopifyDomain: string;
  email: string;
  contactEmail: string;
  currencyCode: string;
  enabledPresentmentCurrencies: string[];
  ianaTimezone: string;
  timezoneAbbreviation: string;
  timezoneOffset: string;
  timezoneOffsetMinutes: number;
  taxesIncluded: boolean;
  taxShipping: boolean;
  weightUnit: string;
  unitSystem: string;
  orderNumberFormatPrefix: string;
  orderNumberFormatSuffix: string;
  plan: { publicDisplayName: string; partnerDevelopment: boolean; shopifyPlus: boolean };
  url: string;
  createdAt: string;
  updatedAt: string;
}

export interface LocationRecord {
  __typename: 'Location';
  id: string;
  legacyResourceId: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  shipsInventory: boolean;
  hasActiveInventory: boolean;
  isFulfillmentService: boolean;
  address: {
    address1?: string | null;
    address2?: string | null;
    city?: string | null;
    province?: string | null;
    provinceCode?: string | null;
    country?: string | null;
    countryCode?: string | null;
    zip?: string | null;
    phone?: string | null;
    formatted: string[];
  };
  createdAt: string;
  updatedAt: string;
}

export interface ProductRecord {
  __typename: 'Product';
  id: string;
  legacyResourceId: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT' | 'UNLISTED';
  tags: string[];
  isGiftCard: boolean;
  createdAt: string;
  updatedAt: string;
  sim: { variantIds: string[] };
}

export interface VariantRecord {
  __typename: 'ProductVariant';
  id: string;
  legacyResourceId: string;
  title: string;
  displayName: string;
  sku: string | null;
  barcode: string | null;
  /** Money scalar: a decimal string in the shop currency. */
  price: string;
  compareAtPrice: string | null;
  taxable: boolean;
  position: number;
  inventoryQuantity: number;
  availableForSale: boolean;
  createdAt: string;
  updatedAt: string;
  sim: { productId: string; requiresShipping: boolean; weightGrams: number };
}

export interface CustomerRecord {
  __typename: 'Customer';
  id: string;
  legacyResourceId: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  defaultEmailAddress: { emailAddress: string } | null;
  defaultPhoneNumber: { phoneNumber: string } | null;
  defaultAddress: (AddressRecord & { __typename: 'MailingAddress'; id: string }) | null;
  addresses: (AddressRecord & { __typename: 'MailingAddress'; id: string })[];
  tags: string[];
  note: string | null;
  taxExempt: boolean;
  state: 'DISABLED' | 'ENABLED' | 'INVITED' | 'DECLINED';
  verifiedEmail: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface GiftCardRecord {
  __typename: 'GiftCard';
  id: string;
  balance: Money;
  initialValue: Money;
  enabled: boolean;
  lastCharacters: string;
  maskedCode: string;
  note: string | null;
  expiresOn: string | null;
  createdAt: string;
  updatedAt: string;
  sim: { orderId: string | null; lineItemId: string | null; customerId: string | null; code?: string };
}

export interface TaxLineRecord {
  __typename: 'TaxLine';
  title: string;
  rate: number;
  ratePercentage: number;
  channelLiable: boolean;
  source: string | null;
  priceSet: MoneyBag;
}

export interface DiscountApplicationRecord {
  /** A discount code at checkout, or a discount the merchant applied while editing the order. */
  __typename: 'DiscountCodeApplication' | 'ManualDiscountApplication';
  code?: string;
  title?: string;
  description?: string | null;
  index: number;
  allocationMethod: 'ACROSS' | 'EACH';
  targetSelection: 'ALL' | 'ENTITLED' | 'EXPLICIT';
  targetType: 'LINE_ITEM' | 'SHIPPING_LINE';
  value:
    | { __typename: 'MoneyV2'; amount: string; currencyCode: string }
    | { __typename: 'PricingPercentageValue'; percentage: number };
}

export interface LineItemRecord {
  __typename: 'LineItem';
  id: string;
  title: string;
  name: string;
  sku: string | null;
  variantTitle: string | null;
  vendor: string | null;
  quantity: number;
  currentQuantity: number;
  refundableQuantity: number;
  unfulfilledQuantity: number;
  nonFulfillableQuantity: number;
  isGiftCard: boolean;
  requiresShipping: boolean;
  taxable: boolean;
  restockable: boolean;
  merchantEditable: boolean;
  customAttributes: { key: string; value: string | null }[];
  originalUnitPriceSet: MoneyBag;
  discountedUnitPriceSet: MoneyBag;
  discountedUnitPriceAfterAllDiscountsSet: MoneyBag;
  originalTotalSet: MoneyBag;
  discountedTotalSet: MoneyBag;
  totalDiscountSet: MoneyBag;
  unfulfilledOriginalTotalSet: MoneyBag;
  unfulfilledDiscountedTotalSet: MoneyBag;
  priceAfterAllDiscountsBeforeTaxesSet: MoneyBag;
  discountAllocations: {
    __typename: 'DiscountAllocation';
    allocatedAmountSet: MoneyBag;
    discountApplication: DiscountApplicationRecord;
    /** This allocation's share of the line's per-unit discount. */
    sim?: { unit: [string, string] };
  }[];
  taxLines: TaxLineRecord[];
  sim: {
    variantId: string | null;
    productId: string | null;
    /** Per-unit amounts in shop and presentment currency (decimal strings). */
    unitPrice: [string, string];
    unitDiscount: [string, string];
    unitTaxes: { title: string; rate: number; channelLiable: boolean; unit: [string, string] }[];
    discountApplicationIndex: number | null;
    removedQuantity: number;
    refundedQuantity: number;
    /** Refunded units that had been fulfilled (returns); the rest came off unfulfilled work. */
    refundedFulfilledQuantity: number;
    fulfilledQuantity: number;
    restockedQuantity: number;
  };
}

export interface ShippingLineRecord {
  __typename: 'ShippingLine';
  id: string;
  title: string;
  code: string | null;
  source: string | null;
  carrierIdentifier: string | null;
  custom: boolean;
  isRemoved: boolean;
  originalPriceSet: MoneyBag;
  discountedPriceSet: MoneyBag;
  currentDiscountedPriceSet: MoneyBag;
  discountAllocations: LineItemRecord['discountAllocations'];
  taxLines: TaxLineRecord[];
  sim: { refunded: [string, string] };
}

export interface TransactionRecord {
  __typename: 'OrderTransaction';
  id: string;
  kind:
    | 'AUTHORIZATION'
    | 'CAPTURE'
    | 'CHANGE'
    | 'EMV_AUTHORIZATION'
    | 'REFUND'
    | 'SALE'
    | 'SUGGESTED_REFUND'
    | 'VOID';
  status: 'AWAITING_RESPONSE' | 'ERROR' | 'FAILURE' | 'PENDING' | 'SUCCESS' | 'UNKNOWN';
  gateway: string;
  formattedGateway: string;
  amountSet: MoneyBag;
  createdAt: string;
  processedAt: string;
  test: boolean;
  manualPaymentGateway: boolean;
  paymentDetails: {
    __typename: 'CardPaymentDetails';
    company: string;
    number: string;
    name: string | null;
    paymentMethodName: string;
    bin: string;
  } | null;
  sim: {
    orderId: string;
    parentTransactionId: string | null;
    locationId: string | null;
    giftCardId: string | null;
  };
}

export interface FulfillmentOrderLineItemRecord {
  __typename: 'FulfillmentOrderLineItem';
  id: string;
  totalQuantity: number;
  remainingQuantity: number;
  sku: string | null;
  productTitle: string;
  variantTitle: string | null;
  requiresShipping: boolean;
  sim: { lineItemId: string; fulfillmentOrderId: string };
}

export type FulfillmentOrderStatus =
  'CANCELLED' | 'CLOSED' | 'INCOMPLETE' | 'IN_PROGRESS' | 'ON_HOLD' | 'OPEN' | 'SCHEDULED';

export interface FulfillmentOrderRecord {
  __typename: 'FulfillmentOrder';
  id: string;
  status: FulfillmentOrderStatus;
  requestStatus: 'UNSUBMITTED';
  createdAt: string;
  updatedAt: string;
  fulfillAt: string | null;
  fulfillBy: string | null;
  deliveryMethod: {
    __typename: 'DeliveryMethod';
    id: string;
    methodType: 'LOCAL' | 'NONE' | 'PICKUP_POINT' | 'PICK_UP' | 'RETAIL' | 'SHIPPING';
    presentedName: string | null;
  };
  lineItems: FulfillmentOrderLineItemRecord[];
  sim: { orderId: string; locationId: string; fulfillmentIds: string[] };
}

export interface FulfillmentLineItemRecord {
  __typename: 'FulfillmentLineItem';
  id: string;
  quantity: number;
  originalTotalSet: MoneyBag;
  discountedTotalSet: MoneyBag;
  sim: { lineItemId: string; fulfillmentOrderLineItemId: string | null };
}

export interface FulfillmentRecord {
  __typename: 'Fulfillment';
  id: string;
  legacyResourceId: string;
  name: string;
  status: 'CANCELLED' | 'ERROR' | 'FAILURE' | 'SUCCESS';
  displayStatus: string | null;
  createdAt: string;
  updatedAt: string;
  requiresShipping: boolean;
  totalQuantity: number;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  fulfillmentLineItems: FulfillmentLineItemRecord[];
  sim: { orderId: string; locationId: string | null; fulfillmentOrderIds: string[]; notifyCustomer: boolean };
}

export interface RefundLineItemRecord {
  __typename: 'RefundLineItem';
  id: string;
  quantity: number;
  restockType: 'CANCEL' | 'LEGACY_RESTOCK' | 'NO_RESTOCK' | 'RETURN';
  restocked: boolean;
  priceSet: MoneyBag;
  subtotalSet: MoneyBag;
  totalTaxSet: MoneyBag;
  sim: { lineItemId: string; locationId: string | null };
}

export interface RefundRecord {
  __typename: 'Refund';
  id: string;
  legacyResourceId: string;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  totalRefundedSet: MoneyBag;
  refundLineItems: RefundLineItemRecord[];
  refundShippingLines: {
    __typename: 'RefundShippingLine';
    id: string;
    subtotalAmountSet: MoneyBag;
    taxAmountSet: MoneyBag;
    sim: { shippingLineId: string };
  }[];
  orderAdjustments: {
    __typename: 'OrderAdjustment';
    id: string;
    amountSet: MoneyBag;
    taxAmountSet: MoneyBag;
    reason:
      | 'REFUND_DISCREPANCY'
      | 'FULL_RETURN_BALANCING_ADJUSTMENT'
      | 'PENDING_REFUND_DISCREPANCY'
      | 'RESTOCK'
      | 'DAMAGE'
      | 'CUSTOMER';
  }[];
  sim: { orderId: string; transactionIds: string[]; returnId: string | null };
}

export interface ReturnLineItemRecord {
  __typename: 'ReturnLineItem';
  id: string;
  quantity: number;
  processedQuantity: number;
  processableQuantity: number;
  unprocessedQuantity: number;
  refundableQuantity: number;
  refundedQuantity: number;
  returnReasonNote: string;
  customerNote: string | null;
  sim: { fulfillmentLineItemId: string; lineItemId: string };
}

export interface ReturnRecord {
  __typename: 'Return';
  id: string;
  name: string;
  status: 'CANCELED' | 'CLOSED' | 'DECLINED' | 'OPEN' | 'REQUESTED';
  createdAt: string;
  closedAt: string | null;
  requestApprovedAt: string | null;
  totalQuantity: number;
  returnLineItems: ReturnLineItemRecord[];
  sim: { orderId: string };
}

/** An OrderRiskAssessment: Shopify's own (provider null) or an app's. */
export interface RiskAssessmentRecord {
  riskLevel: 'HIGH' | 'LOW' | 'MEDIUM' | 'NONE' | 'PENDING';
  provider: AppRecord | null;
  facts: { description: string; sentiment: string }[];
}

export interface OrderRecord {
  __typename: 'Order';
  id: string;
  legacyResourceId: string;
  name: string;
  number: number;
  confirmationNumber: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  closed: boolean;
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: 'CUSTOMER' | 'DECLINED' | 'FRAUD' | 'INVENTORY' | 'OTHER' | 'STAFF' | null;
  confirmed: boolean;
  test: boolean;
  edited: boolean;
  displayFinancialStatus: string;
  displayFulfillmentStatus: string;
  returnStatus: string;
  sourceName: string | null;
  sourceIdentifier: string | null;
  app: { __typename: 'OrderApp'; id: string; name: string; icon: { url: string } };
  tags: string[];
  note: string | null;
  customAttributes: { key: string; value: string | null }[];
  email: string | null;
  phone: string | null;
  poNumber: string | null;
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  dutiesIncluded: boolean;
  estimatedTaxes: boolean;
  customerAcceptsMarketing: boolean;
  discountCode: string | null;
  discountCodes: string[];
  paymentGatewayNames: string[];
  risk: {
    recommendation: 'ACCEPT' | 'CANCEL' | 'INVESTIGATE' | 'NONE';
    assessments: RiskAssessmentRecord[];
  };
  billingAddress: (AddressRecord & { __typename: 'MailingAddress'; id: string }) | null;
  shippingAddress: (AddressRecord & { __typename: 'MailingAddress'; id: string }) | null;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  transactions: TransactionRecord[];
  fulfillmentOrders: FulfillmentOrderRecord[];
  fulfillments: FulfillmentRecord[];
  refunds: RefundRecord[];
  returns: ReturnRecord[];
  discountApplications: DiscountApplicationRecord[];
  taxLines: TaxLineRecord[];
  currentTaxLines: TaxLineRecord[];
  // Totals, recomputed after every change (see order-totals.ts).
  subtotalLineItemsQuantity: number;
  currentSubtotalLineItemsQuantity: number;
  subtotalPriceSet: MoneyBag;
  currentSubtotalPriceSet: MoneyBag;
  totalShippingPriceSet: MoneyBag;
  currentShippingPriceSet: MoneyBag;
  totalTaxSet: MoneyBag;
  currentTotalTaxSet: MoneyBag;
  totalDiscountsSet: MoneyBag;
  currentTotalDiscountsSet: MoneyBag;
  cartDiscountAmountSet: MoneyBag;
  currentCartDiscountAmountSet: MoneyBag;
  totalPriceSet: MoneyBag;
  currentTotalPriceSet: MoneyBag;
  originalTotalPriceSet: MoneyBag;
  totalTipReceivedSet: MoneyBag;
  totalReceivedSet: MoneyBag;
  netPaymentSet: MoneyBag;
  totalRefundedSet: MoneyBag;
  totalRefundedShippingSet: MoneyBag;
  totalOutstandingSet: MoneyBag;
  totalCapturableSet: MoneyBag;
  refundDiscrepancySet: MoneyBag;
  fullyPaid: boolean;
  unpaid: boolean;
  capturable: boolean;
  canMarkAsPaid: boolean;
  refundable: boolean;
  restockable: boolean;
  fulfillable: boolean;
  requiresShipping: boolean;
  merchantEditable: boolean;
  totalWeight: string;
  currentTotalWeight: string;
  sim: {
    customerId: string | null;
    /** Set by orderCreate's financialStatus when no transactions explain it; cleared by any payment change. */
    financialStatusOverride: string | null;
    locationIdForNewItems: string | null;
  };
}

export interface WebhookSubscriptionRecord {
  __typename: 'WebhookSubscription';
  id: string;
  legacyResourceId: string;
  topic: string;
  uri: string;
  name: string | null;
  format: 'JSON' | 'XML';
  filter: string | null;
  includeFields: string[];
  apiVersion: { handle: string; displayName: string; supported: boolean };
  createdAt: string;
  updatedAt: string;
}

export interface CalculatedOrderRecord {
  __typename: 'CalculatedOrder';
  id: string;
  sim: {
    orderId: string;
    committed: boolean;
    /** Staged quantity per existing line item id. */
    quantities: Map<string, { quantity: number; restock: boolean }>;
    added: StagedLine[];
    /** Discounts staged on existing lines, by line item id. */
    lineDiscounts: Map<string, NonNullable<StagedLine['discount']>>;
    addedShippingLines: { id: string; title: string; price: [string, string] }[];
  };
}

/** A line added during an order edit: a variant or a custom item, with an optional discount per unit. */
export interface StagedLine {
  calculatedLineItemId: string;
  variantId: string | null;
  custom: { title: string; unitPrice: [string, string]; requiresShipping: boolean; taxable: boolean } | null;
  quantity: number;
  locationId: string | null;
  discount: {
    fixedPerUnit: [string, string] | null;
    percent: number | null;
    description: string | null;
  } | null;
}

export interface DeliveryMethodDefinitionRecord {
  __typename: 'DeliveryMethodDefinition';
  id: string;
  name: string;
  active: boolean;
  description: string | null;
  rateProvider: {
    __typename: 'DeliveryRateDefinition';
    id: string;
    price: { amount: string; currencyCode: string };
  };
}

export interface DeliveryProfileRecord {
  __typename: 'DeliveryProfile';
  id: string;
  name: string;
  default: boolean;
  profileLocationGroups: {
    __typename: 'DeliveryProfileLocationGroup';
    locationGroup: { __typename: 'DeliveryLocationGroup'; id: string };
    locationGroupZones: {
      __typename: 'DeliveryLocationGroupZone';
      zone: {
        __typename: 'DeliveryZone';
        id: string;
        name: string;
        countries: {
          __typename: 'DeliveryCountry';
          id: string;
          name: string;
          code: { countryCode: string; restOfWorld: boolean };
        }[];
      };
      methodDefinitions: DeliveryMethodDefinitionRecord[];
    }[];
  }[];
}

export type BulkOperationStatus =
  'CREATED' | 'RUNNING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED' | 'EXPIRED';
export type BulkOperationErrorCode = 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT';

/** The schema's BulkOperation, as graphql-js reads it (functions are called per field). */
export interface BulkOperationRecord {
  __typename: 'BulkOperation';
  id: string;
  type: 'QUERY';
  query: string;
  createdAt: string;
  completedAt: () => string | null;
  status: () => BulkOperationStatus;
  errorCode: () => BulkOperationErrorCode | null;
  objectCount: () => string;
  rootObjectCount: () => string;
  fileSize: () => string | null;
  url: () => string | null;
  partialDataUrl: () => string | null;
  sim: BulkOperationState;
}

export interface BulkOperationState {
  status: BulkOperationStatus;
  errorCode: BulkOperationErrorCode | null;
  completedAt: string | null;
  completedAtMs: number | null;
  objectCount: number;
  rootObjectCount: number;
  /** JSONL text, one chunk per step. */
  chunks: string[];
  bytes: number;
  /** The file's secret path part: a signed URL, as Shopify's storage links are. */
  token: string;
  cancelRequested: boolean;
}

export interface BulkFile {
  status: 200 | 403 | 404;
  chunks?: readonly string[];
  bytes?: number;
}

export interface BulkUserError {
  field: string[];
  message: string;
  code: string;
}

/** What the resolvers and the HTTP server use of the shop's bulk operations (bulk-operations.ts). */
export interface BulkOperationsService {
  runQuery(
    query: string,
    accessScopes: readonly string[],
  ): { bulkOperation: BulkOperationRecord | null; userErrors: BulkUserError[] };
  cancel(id: string): {
    bulkOperation: BulkOperationRecord | null;
    userErrors: Omit<BulkUserError, 'code'>[];
  };
  all(): readonly BulkOperationRecord[];
  file(pathname: string): BulkFile | undefined;
}
