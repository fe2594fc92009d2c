import { sumLineAmounts, type DraftSalesLine } from './document-lines';
import type { DocumentTotals } from './document-totals';
import { amountOf, Decimal, formatMoney, type MoneySide } from './money';
import type { MoneyBag } from './order-snapshot';

/** Document totals compared with Shopify's, per component, in the document's currency bag. */
export interface TotalsComponent {
  component: 'shipping' | 'tips' | 'tax' | 'total';
  document: string;
  shopify: string;
  difference: string;
}

export interface TotalsReconciliation {
  currencyCode: string;
  documentTotal: string;
  shopifyTotal: string;
  /** documentTotal − shopifyTotal; recorded and shown, never absorbed into a line. */
  difference: string;
  components: TotalsComponent[];
  /** Human text naming each component that differs; empty when everything matches. */
  explanation: string;
}

export interface ShopifyTotalsForReconciliation {
  currentTotal: MoneyBag;
  currentShipping: MoneyBag;
  currentTotalTax: MoneyBag;
  totalTipReceived: MoneyBag;
}

const LABELS: Record<TotalsComponent['component'], string> = {
  shipping: 'shipping',
  tips: 'tips',
  tax: 'tax (the ERP computes its own)',
  total: 'total',
};

/**
 * Compares the document with Shopify's current totals (after edits, which is what the document
 * bills) in the bag the document was made from (SPEC §4.1, §10). Items are not compared on their
 * own: their difference is the total's minus the others'.
 */
export function reconcileTotals(input: {
  orderName: string;
  documentNo: string;
  lines: readonly DraftSalesLine[];
  totals: DocumentTotals;
  shopify: ShopifyTotalsForReconciliation;
  side: MoneySide;
  isoCode: string;
}): TotalsReconciliation {
  const { side, isoCode } = input;
  const component = (
    name: TotalsComponent['component'],
    document: Decimal,
    shopify: Decimal,
  ): TotalsComponent => ({
    component: name,
    document: formatMoney(document, isoCode),
    shopify: formatMoney(shopify, isoCode),
    difference: formatMoney(document.minus(shopify), isoCode),
  });
  const components = [
    component(
      'shipping',
      sumLineAmounts(input.lines, ['shipping']),
      amountOf(input.shopify.currentShipping, side),
    ),
    component('tips', sumLineAmounts(input.lines, ['tip']), amountOf(input.shopify.totalTipReceived, side)),
    component('tax', new Decimal(input.totals.taxAmount), amountOf(input.shopify.currentTotalTax, side)),
    component(
      'total',
      new Decimal(input.totals.amountIncludingTax),
      amountOf(input.shopify.currentTotal, side, 'totals.currentTotal'),
    ),
  ];
  const total = components[components.length - 1] as TotalsComponent;
  const differing = components.filter((entry) => !new Decimal(entry.difference).isZero());
  const explanation =
    differing.length === 0
      ? ''
      : `Order ${input.orderName}: document ${input.documentNo} differs from Shopify by ${total.difference} ${isoCode}: ` +
        differing
          .map(
            (entry) =>
              `${LABELS[entry.component]} ${entry.document} vs ${entry.shopify} (${entry.difference})`,
          )
          .join('; ') +
        '. Check the ERP tax set-up and the document lines; the difference is recorded, not booked.';
  return {
    currencyCode: isoCode,
    documentTotal: total.document,
    shopifyTotal: total.shopify,
    difference: total.difference,
    components,
    explanation,
  };
}
