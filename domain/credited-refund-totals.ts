import { toDecimal, ZERO, type Decimal, type MoneySide } from './money';
import type { MoneyBag, OrderSnapshot } from './order-snapshot';
import { isCancelledUnit } from './cancelled-units';
import { creditRefunds } from './refund-classification';
import type { ShopifyTotalsForReconciliation } from './totals-reconciliation';

/**
 * Shopify's current totals drop with every refund, but the sales document keeps billing what was
 * sold when a credit memo credits the refund (refund-classification.ts). To compare like with like,
 * this puts the credited lines, shipping and their taxes back into Shopify's current totals.
 * Cancelled units stay out: the document does not bill them (cancelled-units.ts).
 */
export function shopifyTotalsBeforeCreditedRefunds(
  snapshot: Pick<OrderSnapshot, 'refunds' | 'transactions' | 'totals' | 'taxesIncluded'>,
): ShopifyTotalsForReconciliation {
  const refunds = creditRefunds(snapshot);
  const addBack = (bag: MoneyBag, parts: (side: MoneySide) => Decimal[]): MoneyBag => {
    const plus = (side: MoneySide) =>
      parts(side)
        .reduce((total, part) => total.plus(part), toDecimal(bag[side].amount, `totals.${side}`))
        .toString();
    return {
      shop: { ...bag.shop, amount: plus('shop') },
      presentment: { ...bag.presentment, amount: plus('presentment') },
    };
  };
  const of = (bag: MoneyBag | null | undefined, side: MoneySide) =>
    bag ? toDecimal(bag[side].amount, `refund.${side}`) : ZERO;
  const creditedLines = refunds.flatMap((refund) => refund.lines.filter((line) => !isCancelledUnit(line)));
  const lineTaxes = (side: MoneySide) => creditedLines.map((line) => of(line.totalTax, side));
  const shippingTaxes = (side: MoneySide) =>
    refunds.flatMap((refund) => (refund.shippingLines ?? []).map((line) => of(line.tax, side)));
  const shippingAmounts = (side: MoneySide) =>
    refunds.flatMap((refund) =>
      refund.shippingLines
        ? refund.shippingLines.map((line) => of(line.subtotal, side))
        : [of(refund.shipping, side)],
    );
  const lineAmounts = (side: MoneySide) => creditedLines.map((line) => of(line.subtotal, side));
  const taxOnTop = (side: MoneySide) =>
    snapshot.taxesIncluded ? [] : [...lineTaxes(side), ...shippingTaxes(side)];
  const { totals } = snapshot;
  return {
    currentTotal: addBack(totals.currentTotal, (side) => [
      ...lineAmounts(side),
      ...shippingAmounts(side),
      ...taxOnTop(side),
    ]),
    currentShipping: addBack(totals.currentShipping, shippingAmounts),
    currentTotalTax: addBack(totals.currentTotalTax, (side) => [...lineTaxes(side), ...shippingTaxes(side)]),
    totalTipReceived: totals.totalTipReceived,
  };
}
