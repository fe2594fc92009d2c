import { amountOf, sum, type Decimal, type MoneySide } from './money';
import type { MoneyBag } from './order-snapshot';

/**
 * A unit refunded with restock type CANCEL was never shipped: Shopify takes it off the order and
 * pays it back. So the sales document does not bill it, nothing waits for it to ship, and the
 * credit memo neither credits it nor receives it into stock. Billing once and crediting once is
 * kept by leaving it out of both: the document and the credit memos together equal what the
 * customer paid less what Shopify refunded.
 */
export const CANCEL_RESTOCK_TYPE = 'CANCEL';

export function isCancelledUnit(line: { restockType: string }): boolean {
  return line.restockType === CANCEL_RESTOCK_TYPE;
}

/** What Shopify paid back for a refund's cancelled units: their price, plus tax when prices exclude it. */
export function cancelledRefundAmount(
  lines: readonly { restockType: string; subtotal: MoneyBag; totalTax: MoneyBag }[],
  side: MoneySide,
  taxesIncluded: boolean,
): Decimal {
  return sum(
    lines.filter(isCancelledUnit).map((line) => {
      const net = amountOf(line.subtotal, side, 'refund.lines.subtotal');
      return taxesIncluded ? net : net.plus(amountOf(line.totalTax, side, 'refund.lines.totalTax'));
    }),
  );
}
