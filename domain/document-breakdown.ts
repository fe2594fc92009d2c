import { Decimal, formatMoney, ZERO } from './money';

/** A total broken down as Shopify breaks down an order's: lines, shipping, tax, total. */
export interface TotalsBreakdown {
  subtotal: string;
  shipping: string;
  tax: string;
  total: string;
}

/**
 * A document's totals in Shopify's terms, so `order show` can set them beside the order's:
 * shipping is its shipping-charge lines, the subtotal every other line, tax and total the
 * header's. Line amounts already include tax when prices do, as Shopify's subtotal then does.
 */
export function documentBreakdown(
  header: { taxAmount: string; amountIncludingTax: string },
  lines: readonly { origin: string; amount: string }[],
  isoCode: string,
): TotalsBreakdown {
  let subtotal = ZERO;
  let shipping = ZERO;
  for (const line of lines) {
    if (line.origin === 'comment') continue;
    if (line.origin === 'shipping') shipping = shipping.plus(line.amount);
    else subtotal = subtotal.plus(line.amount);
  }
  return {
    subtotal: formatMoney(subtotal, isoCode),
    shipping: formatMoney(shipping, isoCode),
    tax: formatMoney(new Decimal(header.taxAmount), isoCode),
    total: formatMoney(new Decimal(header.amountIncludingTax), isoCode),
  };
}
