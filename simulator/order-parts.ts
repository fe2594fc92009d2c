import { Amounts } from './money';
import { amountsOf, pair } from './order-totals';
import type {
  FulfillmentOrderLineItemRecord,
  FulfillmentOrderRecord,
  FulfillmentRecord,
  LineItemRecord,
  OrderRecord,
  TransactionRecord,
} from './records';
import { gid, type ShopStore } from './store';

const zeroBag = (order: OrderRecord) =>
  Amounts.zero().bag({ shop: order.currencyCode, presentment: order.presentmentCurrencyCode });

export interface NewLineItem {
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  unitPrice: Amounts;
  unitDiscount: Amounts;
  unitTaxes: { title: string; rate: number; channelLiable: boolean; unit: Amounts }[];
  isGiftCard: boolean;
  requiresShipping: boolean;
  taxable: boolean;
  variantId: string | null;
  productId: string | null;
  customAttributes: { key: string; value: string | null }[];
}

export function newLineItem(store: ShopStore, order: OrderRecord, input: NewLineItem): LineItemRecord {
  const zero = zeroBag(order);
  const line: LineItemRecord = {
    __typename: 'LineItem',
    id: store.newId('LineItem'),
    title: input.title,
    name: input.variantTitle ? `${input.title} - ${input.variantTitle}` : input.title,
    sku: input.sku,
    variantTitle: input.variantTitle,
    vendor: input.vendor,
    quantity: input.quantity,
    currentQuantity: input.quantity,
    refundableQuantity: input.quantity,
    unfulfilledQuantity: input.quantity,
    nonFulfillableQuantity: 0,
    isGiftCard: input.isGiftCard,
    requiresShipping: input.requiresShipping,
    taxable: input.taxable,
    restockable: true,
    merchantEditable: true,
    customAttributes: input.customAttributes,
    originalUnitPriceSet: zero,
    discountedUnitPriceSet: zero,
    discountedUnitPriceAfterAllDiscountsSet: zero,
    originalTotalSet: zero,
    discountedTotalSet: zero,
    totalDiscountSet: zero,
    unfulfilledOriginalTotalSet: zero,
    unfulfilledDiscountedTotalSet: zero,
    priceAfterAllDiscountsBeforeTaxesSet: zero,
    discountAllocations: [],
    taxLines: [],
    sim: {
      variantId: input.variantId,
      productId: input.productId,
      unitPrice: pair(input.unitPrice),
      unitDiscount: pair(input.unitDiscount),
      unitTaxes: input.unitTaxes.map((tax) => ({ ...tax, unit: pair(tax.unit) })),
      discountApplicationIndex: null,
      removedQuantity: 0,
      refundedQuantity: 0,
      refundedFulfilledQuantity: 0,
      fulfilledQuantity: 0,
      restockedQuantity: 0,
    },
  };
  order.lineItems.push(line);
  return store.register(line);
}

/** Puts line quantities on a fulfillment order for (location, delivery method), creating one if needed. */
export function assignToFulfillmentOrder(
  store: ShopStore,
  order: OrderRecord,
  line: LineItemRecord,
  quantity: number,
  locationId: string,
): FulfillmentOrderLineItemRecord {
  const methodType = line.requiresShipping ? 'SHIPPING' : 'NONE';
  let fulfillmentOrder = order.fulfillmentOrders.find(
    (candidate) =>
      candidate.sim.locationId === locationId &&
      candidate.deliveryMethod.methodType === methodType &&
      (candidate.status === 'OPEN' || candidate.status === 'SCHEDULED' || candidate.status === 'ON_HOLD'),
  );
  if (!fulfillmentOrder) fulfillmentOrder = newFulfillmentOrder(store, order, locationId, methodType);
  const existing = fulfillmentOrder.lineItems.find((item) => item.sim.lineItemId === line.id);
  if (existing) {
    existing.totalQuantity += quantity;
    existing.remainingQuantity += quantity;
    return existing;
  }
  return addFulfillmentOrderLine(store, fulfillmentOrder, line, quantity);
}

export function newFulfillmentOrder(
  store: ShopStore,
  order: OrderRecord,
  locationId: string,
  methodType: FulfillmentOrderRecord['deliveryMethod']['methodType'],
): FulfillmentOrderRecord {
  const now = store.timestamp();
  const fulfillmentOrder: FulfillmentOrderRecord = {
    __typename: 'FulfillmentOrder',
    id: store.newId('FulfillmentOrder'),
    status: 'OPEN',
    requestStatus: 'UNSUBMITTED',
    createdAt: now,
    updatedAt: now,
    fulfillAt: now,
    fulfillBy: null,
    deliveryMethod: {
      __typename: 'DeliveryMethod',
      id: store.newId('DeliveryMethod'),
      methodType,
      presentedName: methodType === 'SHIPPING' ? (order.shippingLines[0]?.title ?? 'Shipping') : null,
    },
    lineItems: [],
    sim: { orderId: order.id, locationId, fulfillmentIds: [] },
  };
  order.fulfillmentOrders.push(fulfillmentOrder);
  return store.register(fulfillmentOrder);
}

/**
 * Takes up to `quantity` units of a line off its open fulfillment orders (for removals by edits,
 * refunds of unfulfilled units and cancellations); returns how many were taken.
 */
export function removeUnfulfilled(order: OrderRecord, lineItemId: string, quantity: number): number {
  let left = quantity;
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    if (left === 0) break;
    if (fulfillmentOrder.status === 'CLOSED' || fulfillmentOrder.status === 'CANCELLED') continue;
    for (const item of fulfillmentOrder.lineItems) {
      if (item.sim.lineItemId !== lineItemId || item.remainingQuantity === 0) continue;
      const taken = Math.min(left, item.remainingQuantity);
      item.remainingQuantity -= taken;
      item.totalQuantity -= taken;
      left -= taken;
      if (left === 0) break;
    }
  }
  return quantity - left;
}

export function addFulfillmentOrderLine(
  store: ShopStore,
  fulfillmentOrder: FulfillmentOrderRecord,
  line: LineItemRecord,
  quantity: number,
): FulfillmentOrderLineItemRecord {
  const item: FulfillmentOrderLineItemRecord = {
    __typename: 'FulfillmentOrderLineItem',
    id: store.newId('FulfillmentOrderLineItem'),
    totalQuantity: quantity,
    remainingQuantity: quantity,
    sku: line.sku,
    productTitle: line.title,
    variantTitle: line.variantTitle,
    requiresShipping: line.requiresShipping,
    sim: { lineItemId: line.id, fulfillmentOrderId: fulfillmentOrder.id },
  };
  fulfillmentOrder.lineItems.push(item);
  return store.register(item);
}

export interface FulfillmentPart {
  fulfillmentOrder: FulfillmentOrderRecord;
  item: FulfillmentOrderLineItemRecord;
  quantity: number;
}

/** Records a successful fulfillment of the given fulfillment-order line quantities (already validated). */
export function createFulfillment(
  store: ShopStore,
  order: OrderRecord,
  parts: FulfillmentPart[],
  options: {
    locationId: string | null;
    tracking: FulfillmentRecord['trackingInfo'];
    notifyCustomer: boolean;
  },
): FulfillmentRecord {
  const now = store.timestamp();
  const number = store.nextNumber('Fulfillment');
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  const fulfillment: FulfillmentRecord = {
    __typename: 'Fulfillment',
    id: gid('Fulfillment', number),
    legacyResourceId: String(number),
    name: `${order.name}-F${order.fulfillments.length + 1}`,
    status: 'SUCCESS',
    displayStatus: 'FULFILLED',
    createdAt: now,
    updatedAt: now,
    requiresShipping: false,
    totalQuantity: 0,
    trackingInfo: options.tracking,
    fulfillmentLineItems: [],
    sim: {
      orderId: order.id,
      locationId: options.locationId,
      fulfillmentOrderIds: [...new Set(parts.map((part) => part.fulfillmentOrder.id))],
      notifyCustomer: options.notifyCustomer,
    },
  };
  for (const part of parts) {
    part.item.remainingQuantity -= part.quantity;
    const line = store.node<LineItemRecord>(part.item.sim.lineItemId)!;
    const unitPrice = amountsOf(line.sim.unitPrice);
    const unitDiscounted = unitPrice.minus(amountsOf(line.sim.unitDiscount));
    const fulfillmentLine = store.register({
      __typename: 'FulfillmentLineItem' as const,
      id: store.newId('FulfillmentLineItem'),
      quantity: part.quantity,
      originalTotalSet: unitPrice.times(part.quantity).round().bag(currencies),
      discountedTotalSet: unitDiscounted.times(part.quantity).round().bag(currencies),
      sim: { lineItemId: line.id, fulfillmentOrderLineItemId: part.item.id },
    });
    fulfillment.fulfillmentLineItems.push(fulfillmentLine);
    fulfillment.totalQuantity += part.quantity;
    fulfillment.requiresShipping ||= line.requiresShipping;
    if (!part.fulfillmentOrder.sim.fulfillmentIds.includes(fulfillment.id)) {
      part.fulfillmentOrder.sim.fulfillmentIds.push(fulfillment.id);
    }
    part.fulfillmentOrder.updatedAt = now;
  }
  order.fulfillments.push(fulfillment);
  return store.register(fulfillment);
}

export interface NewTransaction {
  kind: TransactionRecord['kind'];
  status: TransactionRecord['status'];
  gateway: string;
  amount: Amounts;
  parentTransactionId?: string | null;
  processedAt?: string | null;
  test?: boolean;
  locationId?: string | null;
  giftCardId?: string | null;
}

const CARD_GATEWAYS = new Set(['shopify_payments', 'bogus', 'stripe', 'paypal_card']);

export function newTransaction(
  store: ShopStore,
  order: OrderRecord,
  input: NewTransaction,
): TransactionRecord {
  const now = store.timestamp();
  const gateway = input.gateway;
  const transaction: TransactionRecord = {
    __typename: 'OrderTransaction',
    id: store.newId('OrderTransaction'),
    kind: input.kind,
    status: input.status,
    gateway,
    formattedGateway: formatGateway(gateway),
    amountSet: input.amount
      .round()
      .bag({ shop: order.currencyCode, presentment: order.presentmentCurrencyCode }),
    createdAt: now,
    processedAt: input.processedAt ?? now,
    test: input.test ?? order.test,
    manualPaymentGateway: gateway === 'manual' || gateway === 'cash',
    paymentDetails: CARD_GATEWAYS.has(gateway)
      ? {
          __typename: 'CardPaymentDetails',
          company: 'Visa',
          number: '•••• •••• •••• 4242',
          name: null,
          paymentMethodName: 'visa',
          bin: '424242',
        }
      : null,
    sim: {
      orderId: order.id,
      parentTransactionId: input.parentTransactionId ?? null,
      locationId: input.locationId ?? null,
      giftCardId: input.giftCardId ?? null,
    },
  };
  order.transactions.push(transaction);
  order.sim.financialStatusOverride = null;
  return store.register(transaction);
}

function formatGateway(gateway: string): string {
  if (gateway === 'manual') return 'Manual';
  if (gateway === 'shopify_payments') return 'Shopify Payments';
  if (gateway === 'gift_card') return 'Gift card';
  return gateway
    .split(/[_\s]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}
