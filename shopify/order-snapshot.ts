import Decimal from 'decimal.js';
import { lineFulfillmentLocations } from '../domain/fulfillment-locations';
import {
  ORDER_SNAPSHOT_VERSION,
  type DiscountAllocation,
  type FulfillmentOrder,
  type MoneyBag,
  type OrderAddress,
  type OrderLine,
  type OrderSnapshot,
  type Refund,
  type Return,
  type RiskLevel,
  type TaxLine,
  type Transaction,
} from '../domain/order-snapshot';
import type { FullShopifyOrder } from './order-import';

type ShopifyOrderForImport = FullShopifyOrder;

type ShopifyMoneyBag = ShopifyOrderForImport['currentTotalPriceSet'];
type ShopifyAddress = NonNullable<ShopifyOrderForImport['billingAddress']>;
type ShopifyTaxLine = ShopifyOrderForImport['taxLines'][number];
type ShopifyTransaction = ShopifyOrderForImport['transactions'][number];
interface ShopifyDiscountAllocation {
  allocatedAmountSet: ShopifyMoneyBag;
}

const RISK_ORDER: RiskLevel[] = ['NONE', 'PENDING', 'LOW', 'MEDIUM', 'HIGH'];

/**
 * Turns Shopify's answer into the snapshot the ERP imports. Pure and total: every optional
 * Shopify value becomes null, money stays a decimal string, and nothing is computed here that
 * a business rule in domain/ should decide.
 */
export function toOrderSnapshot(order: ShopifyOrderForImport): OrderSnapshot {
  const fulfillmentOrders = order.fulfillmentOrders.nodes.map((fulfillmentOrder): FulfillmentOrder => ({
    shopifyFulfillmentOrderId: fulfillmentOrder.id,
    status: fulfillmentOrder.status,
    assignedLocationId: fulfillmentOrder.assignedLocation.location?.id ?? null,
    updatedAt: fulfillmentOrder.updatedAt,
    lines:
      fulfillmentOrder.lineItems?.nodes.map((line) => ({
        shopifyFulfillmentOrderLineId: line.id,
        shopifyLineId: line.lineItem.id,
        totalQuantity: line.totalQuantity,
        remainingQuantity: line.remainingQuantity,
      })) ?? null,
  }));
  const lineLocations = lineFulfillmentLocations(
    order.lineItems.nodes.map((line) => line.id),
    fulfillmentOrders,
  );
  const zero = zeroBag(order.currencyCode, order.presentmentCurrencyCode);
  const moneyBag = moneyBagReader(order);
  const bag = (value: ShopifyMoneyBag | null | undefined): MoneyBag => (value ? moneyBag(value) : zero);
  const taxLine = (value: ShopifyTaxLine) => toTaxLine(value, moneyBag);
  const discountAllocation = (value: ShopifyDiscountAllocation) => toDiscountAllocation(value, moneyBag);
  const transaction = (value: ShopifyTransaction) => toTransaction(value, moneyBag);
  return {
    snapshotVersion: ORDER_SNAPSHOT_VERSION,
    shopifyOrderId: order.id,
    legacyResourceId: order.legacyResourceId,
    name: order.name,
    number: order.number,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.processedAt,
    closed: order.closed,
    closedAt: order.closedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    confirmed: order.confirmed,
    test: order.test,
    edited: order.edited,
    financialStatus: order.displayFinancialStatus,
    fulfillmentStatus: order.displayFulfillmentStatus,
    fullyPaid: order.fullyPaid,
    unpaid: order.unpaid,
    currencyCode: order.currencyCode,
    presentmentCurrencyCode: order.presentmentCurrencyCode,
    taxesIncluded: order.taxesIncluded,
    taxExempt: order.taxExempt,
    email: order.email,
    phone: order.phone,
    note: order.note,
    poNumber: order.poNumber,
    sourceName: order.sourceName,
    channel: orderChannel(order),
    riskLevel: highestRisk(order.risk.assessments.map((assessment) => assessment.riskLevel)),
    riskRecommendation: order.risk.recommendation,
    riskAssessments: order.risk.assessments.map((assessment) => ({
      level: assessment.riskLevel,
      provider: assessment.provider?.title ?? null,
      facts: assessment.facts.map(({ description, sentiment }) => ({ description, sentiment })),
    })),
    tags: [...order.tags],
    customAttributes: order.customAttributes.map(({ key, value }) => ({ key, value })),
    retailLocationId: order.retailLocation?.id ?? null,
    retailLocationName: order.retailLocation?.name ?? null,
    statusPageUrl: order.statusPageUrl,
    customer: order.customer
      ? {
          shopifyCustomerId: order.customer.id,
          legacyResourceId: order.customer.legacyResourceId,
          // Kept only where the order has none of its own, the one place they are used: so the
          // snapshot is the same whether or not the import read them (it reads only those).
          email: order.email ? null : (order.customer.defaultEmailAddress?.emailAddress ?? null),
          phone: order.phone ? null : (order.customer.defaultPhoneNumber?.phoneNumber ?? null),
          firstName: order.customer.firstName,
          lastName: order.customer.lastName,
        }
      : null,
    billingAddress: address(order.billingAddress),
    shippingAddress: address(order.shippingAddress),
    subtotalLineItemsQuantity: order.subtotalLineItemsQuantity,
    currentSubtotalLineItemsQuantity: order.currentSubtotalLineItemsQuantity,
    totals: {
      currentTotal: bag(order.currentTotalPriceSet),
      currentSubtotal: bag(order.currentSubtotalPriceSet),
      currentTotalTax: bag(order.currentTotalTaxSet),
      currentShipping: bag(order.currentShippingPriceSet),
      totalTipReceived: bag(order.totalTipReceivedSet),
    },
    lines: order.lineItems.nodes.map((line): OrderLine => ({
      shopifyLineId: line.id,
      name: line.name,
      title: line.title,
      variantTitle: line.variantTitle,
      variantId: line.variant?.id ?? null,
      sku: line.sku ?? line.variant?.sku ?? null,
      barcode: line.variant?.barcode ?? null,
      vendor: line.vendor,
      quantity: line.quantity,
      currentQuantity: line.currentQuantity,
      unfulfilledQuantity: line.unfulfilledQuantity,
      isGiftCard: line.isGiftCard,
      // Shopify adds a tip as a custom line named "Tip": no variant (so no product) behind it.
      isTip: line.variant === null && !line.requiresShipping && /^tip$/i.test(line.title),
      requiresShipping: line.requiresShipping,
      taxable: line.taxable,
      originalUnitPrice: moneyBag(line.originalUnitPriceSet),
      discountAllocations: line.discountAllocations.map(discountAllocation),
      fulfillmentLocationId: lineLocations.get(line.id) ?? null,
      customAttributes: line.customAttributes.map(({ key, value }) => ({ key, value })),
    })),
    shippingLines: order.shippingLines.nodes.map((shippingLine, index) => ({
      shopifyShippingLineId: shippingLine.id ?? `shipping-line:${index}`,
      title: shippingLine.title,
      code: shippingLine.code,
      source: shippingLine.source,
      isRemoved: shippingLine.isRemoved,
      originalPrice: moneyBag(shippingLine.originalPriceSet),
      discountedPrice: moneyBag(shippingLine.discountedPriceSet),
      discountAllocations: shippingLine.discountAllocations.map(discountAllocation),
      taxLines: shippingLine.taxLines.map(taxLine),
    })),
    taxLines: order.taxLines.map(taxLine),
    transactions: order.transactions.map(transaction),
    fulfillmentOrders,
    fulfillments: order.fulfillments.map((fulfillment) => ({
      shopifyFulfillmentId: fulfillment.id,
      name: fulfillment.name,
      status: fulfillment.status,
      displayStatus: fulfillment.displayStatus,
      locationId: fulfillment.location?.id ?? null,
      createdAt: fulfillment.createdAt,
      tracking: fulfillment.trackingInfo.map(({ company, number, url }) => ({ company, number, url })),
      lines: fulfillment.fulfillmentLineItems.nodes.map((line) => ({
        shopifyFulfillmentLineId: line.id,
        shopifyLineId: line.lineItem.id,
        quantity: line.quantity ?? 0,
      })),
    })),
    refunds: order.refunds.map((refund): Refund => ({
      shopifyRefundId: refund.id,
      createdAt: refund.createdAt,
      processedAt: refund.processedAt,
      note: refund.note,
      totalRefunded: moneyBag(refund.totalRefundedSet),
      lines: refund.refundLineItems.nodes.map((line) => ({
        shopifyRefundLineId: line.id,
        shopifyLineId: line.lineItem.id,
        quantity: line.quantity,
        restockType: line.restockType,
        restocked: line.restocked,
        locationId: line.location?.id ?? null,
        price: moneyBag(line.priceSet),
        subtotal: moneyBag(line.subtotalSet),
        totalTax: moneyBag(line.totalTaxSet),
      })),
      shipping: sumBags(
        refund.refundShippingLines.nodes.map((shippingLine) => moneyBag(shippingLine.subtotalAmountSet)),
      ),
      shippingLines: refund.refundShippingLines.nodes.map((shippingLine) => ({
        shopifyRefundShippingLineId: shippingLine.id,
        shopifyShippingLineId: shippingLine.shippingLine.id,
        title: shippingLine.shippingLine.title,
        subtotal: moneyBag(shippingLine.subtotalAmountSet),
        tax: moneyBag(shippingLine.taxAmountSet),
      })),
      orderAdjustments: refund.orderAdjustments.nodes.map((adjustment) => ({
        shopifyOrderAdjustmentId: adjustment.id,
        reason: adjustment.reason,
        amount: moneyBag(adjustment.amountSet),
        tax: moneyBag(adjustment.taxAmountSet),
      })),
      transactionIds: refund.transactions.nodes.map((refundTransaction) => refundTransaction.id),
      transactions: refund.transactions.nodes.map(transaction),
      returnId: refund.return?.id ?? null,
    })),
    returns: order.returns.nodes.map((orderReturn): Return => ({
      shopifyReturnId: orderReturn.id,
      name: orderReturn.name,
      status: orderReturn.status,
      totalQuantity: orderReturn.totalQuantity,
      createdAt: orderReturn.createdAt,
      closedAt: orderReturn.closedAt,
      lines: orderReturn.returnLineItems.nodes.map((line) => ({
        shopifyReturnLineId: line.id,
        shopifyLineId: line.__typename === 'ReturnLineItem' ? line.fulfillmentLineItem.lineItem.id : null,
        quantity: line.quantity,
        returnReason: line.returnReasonNote || null,
        returnReasonName: line.returnReasonDefinition?.name ?? null,
        customerNote: line.customerNote,
      })),
    })),
  };
}

/**
 * The channel an order came through: its sales channel attribution's handle when Shopify has one,
 * else its source name ("web", "pos", an app's id). Discovery filters on it and the import stores
 * it, so both read it with this one rule: an order a shop card's channel filter let through keeps
 * that channel once imported.
 */
export function orderChannel(order: {
  attribution?: { handle: string } | null;
  sourceName?: string | null;
}): string | null {
  return order.attribution?.handle ?? order.sourceName ?? null;
}

/** The highest of an order's risk assessments (null when Shopify assessed none). */
export function highestRisk(levels: readonly string[]): RiskLevel | null {
  let highest: RiskLevel | null = null;
  for (const level of levels) {
    const known = RISK_ORDER.find((candidate) => candidate === level);
    if (known && (highest === null || RISK_ORDER.indexOf(known) > RISK_ORDER.indexOf(highest)))
      highest = known;
  }
  return highest;
}

type MoneyBagReader = (value: ShopifyMoneyBag) => MoneyBag;

/**
 * Reads Shopify money bags into the snapshot's, which always carry both sides. The import leaves
 * presentment money out when the order's presentment currency is the shop's (it repeats shop
 * money there), so shop money is copied to the presentment side; a bag without presentment money
 * on an order in two currencies is a fetch bug, never filled in.
 */
function moneyBagReader(
  order: Pick<ShopifyOrderForImport, 'name' | 'currencyCode' | 'presentmentCurrencyCode'>,
) {
  const sameCurrency = order.currencyCode === order.presentmentCurrencyCode;
  return (value: ShopifyMoneyBag): MoneyBag => {
    const shop = { amount: value.shopMoney.amount, currencyCode: value.shopMoney.currencyCode };
    if (value.presentmentMoney) {
      return {
        shop,
        presentment: {
          amount: value.presentmentMoney.amount,
          currencyCode: value.presentmentMoney.currencyCode,
        },
      };
    }
    if (!sameCurrency) {
      throw new Error(
        `Order ${order.name} is in ${order.currencyCode} and ${order.presentmentCurrencyCode}, but its presentment money was not fetched.`,
      );
    }
    return { shop, presentment: { ...shop } };
  };
}

function zeroBag(shopCurrency: string, presentmentCurrency: string): MoneyBag {
  return {
    shop: { amount: '0', currencyCode: shopCurrency },
    presentment: { amount: '0', currencyCode: presentmentCurrency },
  };
}

/** Sums decimal strings exactly (decimal.js, never floating point). */
function sumBags(bags: readonly MoneyBag[]): MoneyBag | null {
  const first = bags[0];
  if (!first) return null;
  const add = (amounts: string[]) =>
    amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0)).toString();
  return {
    shop: { amount: add(bags.map((each) => each.shop.amount)), currencyCode: first.shop.currencyCode },
    presentment: {
      amount: add(bags.map((each) => each.presentment.amount)),
      currencyCode: first.presentment.currencyCode,
    },
  };
}

function address(value: ShopifyAddress | null | undefined): OrderAddress | null {
  if (!value) return null;
  return {
    firstName: value.firstName,
    lastName: value.lastName,
    name: value.name,
    company: value.company,
    address1: value.address1,
    address2: value.address2,
    city: value.city,
    zip: value.zip,
    province: value.province,
    provinceCode: value.provinceCode,
    countryCode: value.countryCodeV2,
    country: value.country,
    phone: value.phone,
  };
}

function toTaxLine(value: ShopifyTaxLine, moneyBag: MoneyBagReader): TaxLine {
  return {
    title: value.title,
    // Shopify sends rates as Float; they are ratios, not money, and print exactly as given.
    rate: value.rate === null ? null : String(value.rate),
    ratePercentage: value.ratePercentage === null ? null : String(value.ratePercentage),
    channelLiable: value.channelLiable,
    price: moneyBag(value.priceSet),
  };
}

function toDiscountAllocation(
  value: ShopifyDiscountAllocation,
  moneyBag: MoneyBagReader,
): DiscountAllocation {
  return { amount: moneyBag(value.allocatedAmountSet) };
}

function toTransaction(value: ShopifyTransaction, moneyBag: MoneyBagReader): Transaction {
  return {
    shopifyTransactionId: value.id,
    kind: value.kind,
    status: value.status,
    gateway: value.gateway,
    formattedGateway: value.formattedGateway,
    amount: moneyBag(value.amountSet),
    parentTransactionId: value.parentTransaction?.id ?? null,
    createdAt: value.createdAt,
    processedAt: value.processedAt,
    test: value.test,
    errorCode: value.errorCode,
    accountNumber: value.accountNumber,
  };
}
