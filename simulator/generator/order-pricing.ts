import Decimal from 'decimal.js';
import { allocateMoney, convertMoney, formatMoney, roundMoney, sumMoney, type MoneyAmount } from '../money';
import type { CreateOrderRequest } from './order-request';

/** The amounts of one order in one currency, as the generator expects Shopify to report them. */
export interface OrderAmounts {
  currencyCode: string;
  /** Per product line, in request order: the unit price in this currency. */
  unitPrices: MoneyAmount[];
  /** Per product line: price × quantity before discounts. */
  lineTotals: MoneyAmount[];
  /** Per product line: its share of the order's discount code. */
  codeDiscounts: MoneyAmount[];
  /** Per product line: the discount code share plus the line's own discount. */
  lineDiscounts: MoneyAmount[];
  /** Per product line: tax on the discounted line total. */
  lineTaxes: MoneyAmount[];
  /** Per sold gift card line: amount × quantity. */
  giftCardLineTotals: MoneyAmount[];
  /** Per shipping line: price before discounts, and its free-shipping discount. */
  shippingPrices: MoneyAmount[];
  shippingDiscounts: MoneyAmount[];
  tip: MoneyAmount;
  giftCardPayment: MoneyAmount;
  /** Item and shipping discounts together (Order.totalDiscountsSet). */
  totalDiscounts: MoneyAmount;
  totalShipping: MoneyAmount;
  totalTax: MoneyAmount;
  /** What the customer pays (Order.totalPriceSet). */
  totalPrice: MoneyAmount;
}

export interface PricingContext {
  shopCurrency: string;
  taxRate: string;
  taxesIncluded: boolean;
}

/**
 * Prices the order in `currencyCode`. Every shop-currency input is converted first and the order is
 * then computed natively in that currency, as a storefront showing presentment prices does; so
 * presentment totals are sums of converted parts, not a converted total.
 */
export function priceOrder(
  request: CreateOrderRequest,
  context: PricingContext,
  currencyCode: string,
): OrderAmounts {
  const convert = (amount: MoneyAmount): Decimal => convertMoney(amount, context.shopCurrency, currencyCode);
  const taxRate = new Decimal(context.taxRate);

  const unitPrices = request.lines.map((line) => convert(line.unitPrice));
  const lineTotals = request.lines.map((line, index) => unitPrices[index]!.times(line.quantity));
  // Lines added by an edit (those with their own discount) are outside the order's discount code.
  const discountable = request.lines.map((line, index) =>
    line.lineDiscountPercent === undefined ? lineTotals[index]! : new Decimal(0),
  );
  const codeDiscounts = allocateOrderDiscount(request, lineTotals, discountable, convert);
  // A line's own discount is taken off each unit and rounded per unit, as Shopify shows it in
  // discountedUnitPriceSet; the line's discount is that times the quantity.
  const lineDiscounts = request.lines.map((line, index) => {
    const own = line.lineDiscountPercent
      ? roundMoney(unitPrices[index]!.times(line.lineDiscountPercent).dividedBy(100)).times(line.quantity)
      : 0;
    return codeDiscounts[index]!.plus(own);
  });
  const lineTaxes = request.lines.map((line, index) => {
    if (line.taxable === false || taxRate.isZero()) return new Decimal(0);
    const net = lineTotals[index]!.minus(lineDiscounts[index]!);
    // Tax-inclusive prices already hold the tax: extract it instead of adding it.
    return roundMoney(
      context.taxesIncluded ? net.times(taxRate).dividedBy(taxRate.plus(1)) : net.times(taxRate),
    );
  });
  const giftCardLineTotals = (request.giftCardLines ?? []).map((line) =>
    convert(line.amount).times(line.quantity ?? 1),
  );
  const shippingPrices = (request.shippingLines ?? []).map((line) => convert(line.price));
  const shippingDiscounts = shippingPrices.map((price) =>
    request.discount?.kind === 'freeShipping' ? price : new Decimal(0),
  );
  const tip = request.tip ? convert(request.tip) : new Decimal(0);
  const totalShipping = sumMoney(shippingPrices);
  const totalDiscounts = sumMoney(lineDiscounts).plus(sumMoney(shippingDiscounts));
  const totalTax = sumMoney(lineTaxes);
  const totalPrice = sumMoney(lineTotals)
    .plus(sumMoney(giftCardLineTotals))
    .plus(totalShipping)
    .minus(totalDiscounts)
    .plus(context.taxesIncluded ? 0 : totalTax)
    .plus(tip);
  return {
    currencyCode,
    unitPrices: unitPrices.map(formatMoney),
    lineTotals: lineTotals.map(formatMoney),
    codeDiscounts: codeDiscounts.map(formatMoney),
    lineDiscounts: lineDiscounts.map(formatMoney),
    lineTaxes: lineTaxes.map(formatMoney),
    giftCardLineTotals: giftCardLineTotals.map(formatMoney),
    shippingPrices: shippingPrices.map(formatMoney),
    shippingDiscounts: shippingDiscounts.map(formatMoney),
    tip: formatMoney(tip),
    giftCardPayment: formatMoney(request.giftCardPayment ? convert(request.giftCardPayment.amount) : 0),
    totalDiscounts: formatMoney(totalDiscounts),
    totalShipping: formatMoney(totalShipping),
    totalTax: formatMoney(totalTax),
    totalPrice: formatMoney(totalPrice),
  };
}

/** Spreads the order's discount code over its discountable lines (never over gift cards, tips or shipping). */
function allocateOrderDiscount(
  request: CreateOrderRequest,
  lineTotals: Decimal[],
  discountable: Decimal[],
  convert: (amount: MoneyAmount) => Decimal,
): Decimal[] {
  const discount = request.discount;
  if (!discount || discount.kind === 'freeShipping') return lineTotals.map(() => new Decimal(0));
  if (discount.kind === 'percentage') {
    // Each line's share is rounded on the line total, as Shopify allocates a code across lines.
    return discountable.map((amount) => roundMoney(amount.times(discount.percentage).dividedBy(100)));
  }
  const base = sumMoney(discountable);
  const amount = Decimal.min(convert(discount.amount), base);
  return allocateMoney(amount, discountable);
}
