import { amountOf } from './money';
import { OrderProblems, type OrderProblem } from './order-problems';
import type { OrderSnapshot } from './order-snapshot';

/**
 * What the ERP accepts as a line's price on a sales document: zero or more. A sale's credit is a
 * credit memo made from a refund, and a discount is a discount; a negative price on a sales line
 * would book revenue backwards without either. Each line priced below zero is one problem.
 * Pure: workflows may import this file.
 */
export function negativeLinePriceProblems(
  snapshot: Pick<OrderSnapshot, 'name' | 'lines' | 'currencyCode'>,
): OrderProblem[] {
  return snapshot.lines.flatMap((line, index) => {
    const price = amountOf(line.originalUnitPrice, 'shop', `lines[${index}].originalUnitPrice`);
    if (!price.isNegative() || price.isZero()) return [];
    return [
      OrderProblems.amountNotAccepted(
        snapshot.name,
        `lines[${index}].originalUnitPrice`,
        `line '${line.title}' has a negative price (${price.toFixed()} ${snapshot.currencyCode}), which a sales document does not take`,
        'give the line a price of zero or more in Shopify and take the amount off as a discount, or refund it there (a refund becomes a credit memo)',
      ),
    ];
  });
}
