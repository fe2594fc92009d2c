import { Decimal, formatMoney, roundMoney, ZERO } from './money';

export interface DocumentTotals {
  /** Excluding tax. */
  amount: string;
  taxAmount: string;
  amountIncludingTax: string;
}

/**
 * Totals of a document as the ERP computes them: tax from the ERP's own tax area rate (not Shopify's
 * tax lines), on taxable lines only, rounded once per document. With prices including tax the tax
 * is the included share; otherwise it is added.
 */
export function documentTotals(
  lines: readonly { amount: string; taxable: boolean }[],
  options: { pricesIncludingTax: boolean; taxRatePercent: string; isoCode: string },
): DocumentTotals {
  const rate = new Decimal(options.taxRatePercent);
  const lineTotal = lines.reduce((total, line) => total.plus(line.amount), ZERO);
  const taxableTotal = lines
    .filter((line) => line.taxable)
    .reduce((total, line) => total.plus(line.amount), ZERO);
  const tax = roundMoney(
    options.pricesIncludingTax
      ? taxableTotal.times(rate).dividedBy(rate.plus(100))
      : taxableTotal.times(rate).dividedBy(100),
    options.isoCode,
  );
  const amount = options.pricesIncludingTax ? lineTotal.minus(tax) : lineTotal;
  const including = options.pricesIncludingTax ? lineTotal : lineTotal.plus(tax);
  return {
    amount: formatMoney(amount, options.isoCode),
    taxAmount: formatMoney(tax, options.isoCode),
    amountIncludingTax: formatMoney(including, options.isoCode),
  };
}
