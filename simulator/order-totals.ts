import Decimal from 'decimal.js';
import { Amounts } from './money';
import type { FulfillmentOrderRecord, LineItemRecord, OrderRecord, TaxLineRecord } from './records';

export type AmountPair = [string, string];

export function pair(amounts: Amounts): AmountPair {
  return [amounts.shop.toFixed(), amounts.presentment.toFixed()];
}

export function amountsOf(value: AmountPair): Amounts {
  return Amounts.of(value[0], value[1]);
}

/** Fulfillment orders that still hold work: their remaining quantities count as unfulfilled. */
export function isActiveFulfillmentOrder(fulfillmentOrder: FulfillmentOrderRecord): boolean {
  return !['CLOSED', 'CANCELLED'].includes(fulfillmentOrder.status);
}

/**
 * Recomputes every derived field of an order from its parts: line quantities, fulfillment-order
 * statuses, totals (shop and presentment), tax lines, payment state and display statuses.
 * Called after every change, so the order is always self-consistent.
 */
export function recomputeOrder(order: OrderRecord): void {
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  const bag = (amounts: Amounts) => amounts.round().bag(currencies);

  // Fulfilled quantities per line, from successful fulfillments.
  const fulfilled = new Map<string, number>();
  for (const fulfillment of order.fulfillments) {
    if (fulfillment.status !== 'SUCCESS') continue;
    for (const item of fulfillment.fulfillmentLineItems) {
      fulfilled.set(item.sim.lineItemId, (fulfilled.get(item.sim.lineItemId) ?? 0) + item.quantity);
    }
  }

  // Fulfillment orders: statuses follow their remaining quantities.
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    if (fulfillmentOrder.status === 'CANCELLED') continue;
    const remaining = fulfillmentOrder.lineItems.reduce((sum, item) => sum + item.remainingQuantity, 0);
    const hasFulfillments = fulfillmentOrder.sim.fulfillmentIds.length > 0;
    if (remaining === 0)
      fulfillmentOrder.status = order.cancelledAt && !hasFulfillments ? 'CANCELLED' : 'CLOSED';
    else if (hasFulfillments) fulfillmentOrder.status = 'IN_PROGRESS';
    else if (fulfillmentOrder.status !== 'ON_HOLD' && fulfillmentOrder.status !== 'SCHEDULED')
      fulfillmentOrder.status = 'OPEN';
  }
  const unfulfilled = new Map<string, number>();
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    if (!isActiveFulfillmentOrder(fulfillmentOrder)) continue;
    for (const item of fulfillmentOrder.lineItems) {
      unfulfilled.set(
        item.sim.lineItemId,
        (unfulfilled.get(item.sim.lineItemId) ?? 0) + item.remainingQuantity,
      );
    }
  }

  let subtotal = Amounts.zero();
  let currentSubtotal = Amounts.zero();
  let lineDiscounts = Amounts.zero();
  let currentLineDiscounts = Amounts.zero();
  let lineTax = Amounts.zero();
  let currentLineTax = Amounts.zero();
  const taxTotals = new TaxAggregator();
  const currentTaxTotals = new TaxAggregator();
  let quantity = 0;
  let currentQuantity = 0;
  let weight = 0;
  let currentWeight = 0;

  for (const line of order.lineItems) {
    const sim = line.sim;
    sim.fulfilledQuantity = fulfilled.get(line.id) ?? 0;
    const keptQuantity = line.quantity - sim.removedQuantity;
    line.currentQuantity = Math.max(0, keptQuantity - sim.refundedQuantity);
    line.refundableQuantity = line.currentQuantity;
    line.unfulfilledQuantity = unfulfilled.get(line.id) ?? 0;
    line.nonFulfillableQuantity = Math.max(0, line.quantity - line.currentQuantity - sim.removedQuantity);
    line.restockable = line.currentQuantity > 0;
    updateLineMoney(line, keptQuantity, bag);
    const unitPrice = amountsOf(sim.unitPrice);
    const unitDiscount = amountsOf(sim.unitDiscount);
    // Shopify rounds per line, then adds the lines up.
    const lineDiscount = unitDiscount.times(keptQuantity).round();
    const currentLineDiscount = unitDiscount.times(line.currentQuantity).round();
    subtotal = subtotal.plus(unitPrice.times(keptQuantity).round().minus(lineDiscount));
    currentSubtotal = currentSubtotal.plus(
      unitPrice.times(line.currentQuantity).round().minus(currentLineDiscount),
    );
    lineDiscounts = lineDiscounts.plus(lineDiscount);
    currentLineDiscounts = currentLineDiscounts.plus(currentLineDiscount);
    for (const tax of sim.unitTaxes) {
      const unit = amountsOf(tax.unit);
      const taxAmount = unit.times(keptQuantity).round();
      const currentTaxAmount = unit.times(line.currentQuantity).round();
      lineTax = lineTax.plus(taxAmount);
      currentLineTax = currentLineTax.plus(currentTaxAmount);
      taxTotals.add(tax.title, tax.rate, tax.channelLiable, taxAmount);
      currentTaxTotals.add(tax.title, tax.rate, tax.channelLiable, currentTaxAmount);
    }
    quantity += keptQuantity;
    currentQuantity += line.currentQuantity;
    const variantWeight = 0;
    weight += variantWeight * keptQuantity;
    currentWeight += variantWeight * line.currentQuantity;
  }

  let shipping = Amounts.zero();
  let currentShipping = Amounts.zero();
  let shippingDiscounts = Amounts.zero();
  let shippingTax = Amounts.zero();
  let refundedShipping = Amounts.zero();
  for (const line of order.shippingLines) {
    if (line.isRemoved) continue;
    const discounted = Amounts.fromBag(line.discountedPriceSet);
    const refunded = amountsOf(line.sim.refunded);
    shipping = shipping.plus(discounted);
    currentShipping = currentShipping.plus(discounted.minus(refunded).max0());
    refundedShipping = refundedShipping.plus(refunded);
    line.currentDiscountedPriceSet = bag(discounted.minus(refunded).max0());
    shippingDiscounts = shippingDiscounts.plus(Amounts.fromBag(line.originalPriceSet).minus(discounted));
    for (const tax of line.taxLines) {
      const amount = Amounts.fromBag(tax.priceSet);
      shippingTax = shippingTax.plus(amount);
      taxTotals.add(tax.title, tax.rate, tax.channelLiable, amount);
      // Refunded shipping takes its tax with it, in proportion.
      const share = discounted.shop.isZero()
        ? new Decimal(1)
        : Decimal.max(0, discounted.shop.minus(refunded.shop)).dividedBy(discounted.shop);
      currentTaxTotals.add(tax.title, tax.rate, tax.channelLiable, amount.times(share).round());
    }
  }
  const tax = lineTax.plus(shippingTax);
  const currentTax = currentTaxTotals.total();
  const totalPrice = subtotal.plus(shipping).plus(order.taxesIncluded ? Amounts.zero() : tax);
  const currentTotalPrice = currentSubtotal
    .plus(currentShipping)
    .plus(order.taxesIncluded ? Amounts.zero() : currentTax);

  order.subtotalLineItemsQuantity = quantity;
  order.currentSubtotalLineItemsQuantity = currentQuantity;
  order.subtotalPriceSet = bag(subtotal);
  order.currentSubtotalPriceSet = bag(currentSubtotal);
  order.totalShippingPriceSet = bag(shipping);
  order.currentShippingPriceSet = bag(currentShipping);
  order.totalTaxSet = bag(tax);
  order.currentTotalTaxSet = bag(currentTax);
  order.totalDiscountsSet = bag(lineDiscounts.plus(shippingDiscounts));
  order.currentTotalDiscountsSet = bag(currentLineDiscounts.plus(shippingDiscounts));
  order.cartDiscountAmountSet = bag(Amounts.zero());
  order.currentCartDiscountAmountSet = bag(Amounts.zero());
  order.totalPriceSet = bag(totalPrice);
  order.currentTotalPriceSet = bag(currentTotalPrice);
  order.taxLines = taxTotals.lines(bag);
  order.currentTaxLines = currentTaxTotals.lines(bag);
  order.totalWeight = String(weight);
  order.currentTotalWeight = String(currentWeight);

  // Payments.
  let received = Amounts.zero();
  let refunded = Amounts.zero();
  let authorized = Amounts.zero();
  let capturedFromAuthorizations = Amounts.zero();
  let voidedAuthorizations = 0;
  let authorizations = 0;
  let tips = Amounts.zero();
  for (const transaction of order.transactions) {
    if (transaction.status !== 'SUCCESS') continue;
    const amount = Amounts.fromBag(transaction.amountSet);
    switch (transaction.kind) {
      case 'SALE':
        received = received.plus(amount);
        break;
      case 'CAPTURE':
        received = received.plus(amount);
        if (transaction.sim.parentTransactionId)
          capturedFromAuthorizations = capturedFromAuthorizations.plus(amount);
        break;
      case 'AUTHORIZATION':
      case 'EMV_AUTHORIZATION':
        authorizations++;
        authorized = authorized.plus(amount);
        break;
      case 'VOID':
        voidedAuthorizations++;
        authorized = authorized.minus(amount);
        break;
      case 'REFUND':
        refunded = refunded.plus(amount);
        break;
      default:
        break;
    }
  }
  const capturable = authorized.minus(capturedFromAuthorizations).max0();
  const netPayment = received.minus(refunded);
  order.totalReceivedSet = bag(received);
  order.netPaymentSet = bag(netPayment);
  order.totalRefundedSet = bag(refunded);
  order.totalRefundedShippingSet = bag(refundedShipping);
  order.totalCapturableSet = bag(capturable);
  order.totalTipReceivedSet = bag(tips);
  tips = Amounts.zero();
  const outstanding = currentTotalPrice.minus(netPayment).round();
  order.totalOutstandingSet = bag(order.cancelledAt ? Amounts.zero() : outstanding);
  order.refundDiscrepancySet = bag(
    Amounts.sum(
      order.refunds.flatMap((refund) =>
        refund.orderAdjustments.map((adjustment) => Amounts.fromBag(adjustment.amountSet)),
      ),
    ),
  );
  order.capturable = capturable.shop.greaterThan(0) && !order.cancelledAt;
  order.fullyPaid =
    outstanding.shop.lessThanOrEqualTo(0) && (received.shop.greaterThan(0) || totalPrice.shop.isZero());
  order.unpaid = received.shop.isZero() && totalPrice.shop.greaterThan(0);
  order.canMarkAsPaid = !order.cancelledAt && outstanding.shop.greaterThan(0) && !order.closed;
  order.refundable = netPayment.shop.greaterThan(0);
  order.paymentGatewayNames = [...new Set(order.transactions.map((transaction) => transaction.gateway))];

  const paymentDerived = financialStatus({
    received: received.shop,
    refunded: refunded.shop,
    authorized: capturable.shop,
    total: currentTotalPrice.shop.toDecimalPlaces(2),
    originalTotal: totalPrice.shop,
    voidedEverything: authorizations > 0 && voidedAuthorizations >= authorizations && received.shop.isZero(),
  });
  order.displayFinancialStatus = order.sim.financialStatusOverride ?? paymentDerived;

  // Fulfillment display status.
  let totalUnfulfilled = 0;
  let totalFulfilled = 0;
  let restocked = 0;
  for (const line of order.lineItems) {
    totalUnfulfilled += line.unfulfilledQuantity;
    totalFulfilled += line.sim.fulfilledQuantity;
    restocked += line.sim.restockedQuantity;
  }
  const activeOrders = order.fulfillmentOrders.filter(isActiveFulfillmentOrder);
  if (totalUnfulfilled === 0 && totalFulfilled > 0) order.displayFulfillmentStatus = 'FULFILLED';
  else if (totalUnfulfilled === 0 && restocked > 0) order.displayFulfillmentStatus = 'RESTOCKED';
  else if (totalFulfilled > 0) order.displayFulfillmentStatus = 'PARTIALLY_FULFILLED';
  else if (
    activeOrders.length > 0 &&
    activeOrders.every((fulfillmentOrder) => fulfillmentOrder.status === 'ON_HOLD')
  )
    order.displayFulfillmentStatus = 'ON_HOLD';
  else if (
    activeOrders.length > 0 &&
    activeOrders.every((fulfillmentOrder) => fulfillmentOrder.status === 'SCHEDULED')
  )
    order.displayFulfillmentStatus = 'SCHEDULED';
  else order.displayFulfillmentStatus = 'UNFULFILLED';
  order.fulfillable = totalUnfulfilled > 0 && !order.cancelledAt && !order.closed;
  order.requiresShipping = order.lineItems.some((line) => line.requiresShipping && line.currentQuantity > 0);
  order.restockable = order.lineItems.some((line) => line.currentQuantity > 0);
  order.merchantEditable = !order.cancelledAt && !order.closed;

  // Returns.
  if (order.returns.length === 0) order.returnStatus = 'NO_RETURN';
  else if (order.returns.some((entry) => entry.status === 'OPEN')) order.returnStatus = 'IN_PROGRESS';
  else if (order.returns.some((entry) => entry.status === 'REQUESTED'))
    order.returnStatus = 'RETURN_REQUESTED';
  else if (order.returns.some((entry) => entry.status === 'CLOSED')) order.returnStatus = 'RETURNED';
  else order.returnStatus = 'NO_RETURN';
}

function financialStatus(input: {
  received: Decimal;
  refunded: Decimal;
  authorized: Decimal;
  total: Decimal;
  originalTotal: Decimal;
  voidedEverything: boolean;
}): string {
  if (input.voidedEverything) return 'VOIDED';
  if (input.refunded.greaterThan(0)) {
    return input.refunded.greaterThanOrEqualTo(input.received) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }
  if (input.received.greaterThan(0)) {
    return input.received.greaterThanOrEqualTo(input.total) ? 'PAID' : 'PARTIALLY_PAID';
  }
  if (input.authorized.greaterThan(0)) return 'AUTHORIZED';
  if (input.originalTotal.isZero()) return 'PAID';
  return 'PENDING';
}

function updateLineMoney(
  line: LineItemRecord,
  keptQuantity: number,
  bag: (amounts: Amounts) => LineItemRecord['originalTotalSet'],
): void {
  const sim = line.sim;
  const unitPrice = amountsOf(sim.unitPrice);
  const unitDiscount = amountsOf(sim.unitDiscount);
  const discountedUnit = unitPrice.minus(unitDiscount);
  line.originalUnitPriceSet = bag(unitPrice);
  line.discountedUnitPriceSet = bag(unitPrice);
  line.discountedUnitPriceAfterAllDiscountsSet = bag(discountedUnit);
  line.priceAfterAllDiscountsBeforeTaxesSet = bag(discountedUnit.times(keptQuantity));
  line.originalTotalSet = bag(unitPrice.times(keptQuantity));
  line.discountedTotalSet = bag(unitPrice.times(keptQuantity));
  line.totalDiscountSet = bag(unitDiscount.times(keptQuantity));
  line.unfulfilledOriginalTotalSet = bag(unitPrice.times(line.unfulfilledQuantity));
  line.unfulfilledDiscountedTotalSet = bag(discountedUnit.times(line.unfulfilledQuantity));
  for (const allocation of line.discountAllocations) {
    const unit = allocation.sim ? amountsOf(allocation.sim.unit) : unitDiscount;
    allocation.allocatedAmountSet = bag(unit.times(keptQuantity));
  }
  line.taxLines = sim.unitTaxes.map((tax) => ({
    __typename: 'TaxLine' as const,
    title: tax.title,
    rate: tax.rate,
    ratePercentage: Number(new Decimal(tax.rate).times(100).toDecimalPlaces(4).toString()),
    channelLiable: tax.channelLiable,
    source: 'Shopify',
    priceSet: bag(amountsOf(tax.unit).times(keptQuantity)),
  }));
}

class TaxAggregator {
  private readonly entries = new Map<
    string,
    { title: string; rate: number; channelLiable: boolean; amount: Amounts }
  >();
  add(title: string, rate: number, channelLiable: boolean, amount: Amounts): void {
    const key = `${title}|${rate}|${channelLiable}`;
    const entry = this.entries.get(key);
    if (entry) entry.amount = entry.amount.plus(amount);
    else this.entries.set(key, { title, rate, channelLiable, amount });
  }
  total(): Amounts {
    return Amounts.sum([...this.entries.values()].map((entry) => entry.amount));
  }
  lines(bag: (amounts: Amounts) => TaxLineRecord['priceSet']): TaxLineRecord[] {
    return [...this.entries.values()].map((entry) => ({
      __typename: 'TaxLine' as const,
      title: entry.title,
      rate: entry.rate,
      ratePercentage: Number(new Decimal(entry.rate).times(100).toDecimalPlaces(4).toString()),
      channelLiable: entry.channelLiable,
      source: 'Shopify',
      priceSet: bag(entry.amount),
    }));
  }
}
