import { cancelledRefundAmount, isCancelledUnit } from './cancelled-units';
import { documentTotals, type DocumentTotals } from './document-totals';
import {
  amountOf,
  currencyDecimals,
  Decimal,
  formatMoney,
  roundMoney,
  sum,
  ZERO,
  type MoneySide,
} from './money';
import type { MoneyBag } from './order-snapshot';
import {
  refundNumber,
  RefundProblems,
  type RefundAccountSetting,
  type RefundProblem,
} from './refund-problems';
import type { TotalsComponent, TotalsReconciliation } from './totals-reconciliation';

/**
 * The lines of the sales credit memo for one Shopify refund (SPEC §6), and its totals:
 *
 * - cancelled units (restock type CANCEL) → nothing: the order's document does not bill them, so
 *   the memo neither credits them nor receives them into stock, and its total leaves them out;
 * - refunded gift cards → the sold gift card account;
 * - restocked items → item lines at the shop's return location (where Shopify restocked is ignored);
 * - refunded items not restocked → the refund account for non-restocked items;
 * - refunded shipping → the shipping charges account;
 * - everything else Shopify refunded (tips, order adjustments, amounts it did not itemise) → the
 *   refund account, one line each, so an accountant sees why;
 * - finally a rounding line (refund account) for the difference between Shopify's tax and the tax
 *   the ERP computes, so the memo's total is exactly the refund's and the rounding is visible.
 *
 * Amounts come from the money bag the order's sales document was made in (its frozen currency).
 */

export type CreditMemoLineOrigin =
  'comment' | 'item' | 'gift_card' | 'non_restocked_item' | 'shipping' | 'refund' | 'rounding';

export interface CreditMemoLine {
  lineNo: number;
  type: 'comment' | 'item' | 'gl_account';
  origin: CreditMemoLineOrigin;
  no: string | null;
  variantCode: string | null;
  description: string;
  /** Decimal strings in the document currency. */
  quantity: string;
  unitPrice: string;
  lineDiscountAmount: string;
  amount: string;
  taxable: boolean;
  locationCode: string | null;
  /** The order's LineItem or ShippingLine GID the line credits, if any. */
  shopifyLineId: string | null;
}

export interface CreditMemoRefundLine {
  shopifyLineId: string;
  quantity: number;
  restockType: string;
  restocked: boolean;
  /** Unit price refunded (after discounts). */
  price: MoneyBag;
  subtotal: MoneyBag;
  totalTax: MoneyBag;
}

export interface CreditMemoShippingLine {
  shopifyShippingLineId: string | null;
  title: string | null;
  subtotal: MoneyBag;
  tax: MoneyBag;
}

export interface CreditMemoAdjustment {
  reason: string | null;
  amount: MoneyBag;
  tax: MoneyBag;
}

/** What the ERP knows of the refunded order line. */
export interface CreditMemoOrderLine {
  name: string;
  sku: string | null;
  isGiftCard: boolean;
  isTip: boolean;
  taxable: boolean;
  itemNo: string | null;
  variantCode: string | null;
}

export interface CreditMemoInput {
  orderName: string;
  shopifyRefundId: string;
  shop: {
    code: string;
    returnLocationCode: string | null;
    refundAccountNo: string | null;
    refundAccountNonRestockNo: string | null;
    shippingChargesAccountNo: string | null;
    soldGiftCardAccountNo: string | null;
    shopifyOrderNoOnDocumentLine: boolean;
  };
  /** Taken from the order's sales document. */
  document: { side: MoneySide; isoCode: string; pricesIncludingTax: boolean; taxRatePercent: string };
  refund: {
    totalRefunded: MoneyBag;
    lines: readonly CreditMemoRefundLine[];
    shippingLines: readonly CreditMemoShippingLine[];
    adjustments: readonly CreditMemoAdjustment[];
  };
  /** By LineItem GID. */
  orderLines: Readonly<Record<string, CreditMemoOrderLine>>;
  /** G/L accounts by no.: whether the ERP taxes lines on them. */
  glAccounts: Readonly<Record<string, { name: string; taxable: boolean }>>;
}

export interface CreditMemoDraft {
  lines: CreditMemoLine[];
  totals: DocumentTotals;
  /** Shopify's refund total less its cancelled units, in the document currency: the memo's total. */
  refundTotal: string;
  /** The rounding line's amount ("0.00" when there is none). */
  rounding: string;
  reconciliation: TotalsReconciliation;
  problems: RefundProblem[];
}

export const CREDIT_MEMO_LINE_NO_STEP = 10000;

const ADJUSTMENT_REASONS: Record<string, string> = {
  CUSTOMER: 'customer',
  DAMAGE: 'damage',
  FULL_RETURN_BALANCING_ADJUSTMENT: 'full return balancing',
  PENDING_REFUND_DISCREPANCY: 'pending refund discrepancy',
  REFUND_DISCREPANCY: 'refund discrepancy',
  RESTOCK: 'restocking fee',
};

export function buildCreditMemo(input: CreditMemoInput): CreditMemoDraft {
  const { shop, document, refund } = input;
  const { side, isoCode, pricesIncludingTax } = document;
  const ref = { orderName: input.orderName, shopifyRefundId: input.shopifyRefundId };
  const money = (value: Decimal) => formatMoney(value, isoCode);
  const amount = (bag: MoneyBag, field: string) => amountOf(bag, side, field);
  /** What Shopify paid back for a part: its price, plus its tax when prices exclude tax. */
  const gross = (net: Decimal, tax: Decimal) => (pricesIncludingTax ? net : net.plus(tax));

  const lines: CreditMemoLine[] = [];
  const problems: RefundProblem[] = [];
  const reported = new Set<string>();
  const report = (key: string, entry: RefundProblem) => {
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(entry);
  };
  const add = (line: Omit<CreditMemoLine, 'lineNo'>) =>
    lines.push({ ...line, lineNo: (lines.length + 1) * CREDIT_MEMO_LINE_NO_STEP });
  const account = (setting: RefundAccountSetting, why: string): string | null => {
    const accountNo = shop[setting];
    if (!accountNo) report(setting, RefundProblems.accountNotSet(ref, shop.code, setting, why));
    return accountNo;
  };
  /** A one-unit G/L line on the refund account, tax already in the amount. */
  const refundAccountLine = (
    description: string,
    value: Decimal,
    origin: 'refund' | 'rounding',
    why: string,
  ) =>
    add({
      type: 'gl_account',
      origin,
      no: account('refundAccountNo', why),
      variantCode: null,
      description,
      quantity: '1',
      unitPrice: money(value),
      lineDiscountAmount: money(ZERO),
      amount: money(value),
      taxable: false,
      locationCode: null,
      shopifyLineId: null,
    });

  if (shop.shopifyOrderNoOnDocumentLine) {
    add({
      type: 'comment',
      origin: 'comment',
      no: null,
      variantCode: null,
      description: `Shopify order ${input.orderName}, refund ${refundNumber(input.shopifyRefundId)}`,
      quantity: '0',
      unitPrice: money(ZERO),
      lineDiscountAmount: money(ZERO),
      amount: money(ZERO),
      taxable: false,
      locationCode: null,
      shopifyLineId: null,
    });
  }

  let shopifyGross = ZERO;
  let shopifyTax = ZERO;
  let taxedParts = 0;

  refund.lines.forEach((refundLine, index) => {
    if (isCancelledUnit(refundLine)) return;
    const field = `refund.lines[${index}]`;
    const orderLine = input.orderLines[refundLine.shopifyLineId];
    const subtotal = amount(refundLine.subtotal, `${field}.subtotal`);
    const tax = amount(refundLine.totalTax, `${field}.totalTax`);
    if (!orderLine) {
      report(
        `line:${refundLine.shopifyLineId}`,
        RefundProblems.orderLineUnknown(ref, refundLine.shopifyLineId),
      );
      return;
    }
    shopifyGross = shopifyGross.plus(gross(subtotal, tax));
    if (orderLine.isTip) {
      refundAccountLine(
        `Tip refunded: ${orderLine.name}`,
        gross(subtotal, tax),
        'refund',
        'a tip was refunded',
      );
      return;
    }
    const unitPrice = amount(refundLine.price, `${field}.price`);
    const quantity = new Decimal(refundLine.quantity);
    const priced = {
      variantCode: null,
      description: orderLine.name,
      quantity: quantity.toString(),
      unitPrice: money(unitPrice),
      // The net line equals Shopify's subtotal; a per-unit rounding shows as a line discount.
      lineDiscountAmount: money(roundMoney(unitPrice.times(quantity), isoCode).minus(subtotal)),
      amount: money(subtotal),
      taxable: orderLine.taxable,
      locationCode: null,
      shopifyLineId: refundLine.shopifyLineId,
    };
    if (orderLine.taxable) {
      shopifyTax = shopifyTax.plus(tax);
      taxedParts += 1;
    }
    if (orderLine.isGiftCard) {
      add({
        ...priced,
        type: 'gl_account',
        origin: 'gift_card',
        no: account('soldGiftCardAccountNo', `gift card '${orderLine.name}' was refunded`),
      });
    } else if (refundLine.restocked) {
      if (!orderLine.itemNo)
        report(
          `item:${refundLine.shopifyLineId}`,
          RefundProblems.itemNotMapped(ref, orderLine.name, orderLine.sku),
        );
      if (!shop.returnLocationCode)
        report('returnLocation', RefundProblems.returnLocationNotSet(ref, shop.code, orderLine.name));
      add({
        ...priced,
        type: 'item',
        origin: 'item',
        no: orderLine.itemNo,
        variantCode: orderLine.variantCode,
        // SPEC §6: restocked goods come back to the return location, whatever Shopify's location.
        locationCode: shop.returnLocationCode,
      });
    } else {
      add({
        ...priced,
        type: 'gl_account',
        origin: 'non_restocked_item',
        no: account('refundAccountNonRestockNo', `'${orderLine.name}' was refunded without restocking`),
      });
    }
  });

  refund.shippingLines.forEach((shippingLine, index) => {
    const field = `refund.shippingLines[${index}]`;
    const subtotal = amount(shippingLine.subtotal, `${field}.subtotal`);
    const tax = amount(shippingLine.tax, `${field}.tax`);
    shopifyGross = shopifyGross.plus(gross(subtotal, tax));
    if (subtotal.isZero() && tax.isZero()) return;
    const title = shippingLine.title ?? 'Shipping';
    const accountNo = account('shippingChargesAccountNo', `shipping ('${title}') was refunded`);
    const taxable = accountNo ? (input.glAccounts[accountNo]?.taxable ?? true) : true;
    if (taxable) {
      shopifyTax = shopifyTax.plus(tax);
      taxedParts += 1;
    }
    add({
      type: 'gl_account',
      origin: 'shipping',
      no: accountNo,
      variantCode: null,
      description: title,
      quantity: '1',
      unitPrice: money(taxable ? subtotal : gross(subtotal, tax)),
      lineDiscountAmount: money(ZERO),
      amount: money(taxable ? subtotal : gross(subtotal, tax)),
      taxable,
      locationCode: null,
      shopifyLineId: shippingLine.shopifyShippingLineId,
    });
  });

  refund.adjustments.forEach((adjustment, index) => {
    const field = `refund.adjustments[${index}]`;
    const value = gross(amount(adjustment.amount, `${field}.amount`), amount(adjustment.tax, `${field}.tax`));
    shopifyGross = shopifyGross.plus(value);
    if (value.isZero()) return;
    const reason = adjustment.reason ? (ADJUSTMENT_REASONS[adjustment.reason] ?? adjustment.reason) : 'other';
    refundAccountLine(`Order adjustment: ${reason}`, value, 'refund', 'the refund has an order adjustment');
  });

  const cancelled = cancelledRefundAmount(refund.lines, side, pricesIncludingTax);
  const refundTotal = amount(refund.totalRefunded, 'refund.totalRefunded').minus(cancelled);
  const notItemised = refundTotal.minus(shopifyGross);
  if (!notItemised.isZero()) {
    refundAccountLine(
      'Refunded amount Shopify did not itemise',
      notItemised,
      'refund',
      'Shopify refunded more or less than the lines, shipping and adjustments',
    );
  }

  const options = { pricesIncludingTax, taxRatePercent: document.taxRatePercent, isoCode };
  const beforeRounding = documentTotals(lines, options);
  const rounding = refundTotal.minus(beforeRounding.amountIncludingTax);
  const erpTax = new Decimal(beforeRounding.taxAmount);
  if (!rounding.isZero()) {
    // Each taxed Shopify line rounds on its own, the ERP once per document: up to a minor unit per line.
    const tolerance = new Decimal(10).pow(-currencyDecimals(isoCode)).times(taxedParts);
    const withinRounding = rounding.abs().lessThanOrEqualTo(tolerance);
    if (!withinRounding)
      report('tax', RefundProblems.taxDifference(ref, isoCode, money(shopifyTax), money(erpTax)));
    refundAccountLine(
      withinRounding
        ? `Rounding: Shopify's tax ${money(shopifyTax)}, the ERP's ${money(erpTax)}`
        : `Tax difference: Shopify's tax ${money(shopifyTax)}, the ERP's ${money(erpTax)}`,
      rounding,
      'rounding',
      "Shopify's tax differs from the ERP's",
    );
  }
  const totals = documentTotals(lines, options);

  const shippingOnMemo = sum(
    lines.filter((line) => line.origin === 'shipping').map((line) => new Decimal(line.amount)),
  );
  const shopifyShipping = sum(
    refund.shippingLines.map((line) => amount(line.subtotal, 'refund.shippingLines')),
  );
  const component = (
    name: TotalsComponent['component'],
    memo: Decimal,
    shopify: Decimal,
  ): TotalsComponent => ({
    component: name,
    document: money(memo),
    shopify: money(shopify),
    difference: money(memo.minus(shopify)),
  });
  const components = [
    component('shipping', shippingOnMemo, shopifyShipping),
    component('tax', new Decimal(totals.taxAmount), shopifyTax),
    component('total', new Decimal(totals.amountIncludingTax), refundTotal),
  ];
  const explanations: string[] = [];
  if (!cancelled.isZero())
    explanations.push(
      `${money(cancelled)} ${isoCode} refunded for cancelled units, which the order's document does not bill`,
    );
  if (!notItemised.isZero())
    explanations.push(
      `${money(notItemised)} ${isoCode} refunded beyond the itemised lines, on the refund account`,
    );
  if (!rounding.isZero())
    explanations.push(
      `a rounding line of ${money(rounding)} ${isoCode} (Shopify's tax ${money(shopifyTax)}, the ERP's ${money(erpTax)})`,
    );
  return {
    lines,
    totals,
    refundTotal: money(refundTotal),
    rounding: money(rounding),
    reconciliation: {
      currencyCode: isoCode,
      documentTotal: totals.amountIncludingTax,
      shopifyTotal: money(refundTotal),
      difference: money(new Decimal(totals.amountIncludingTax).minus(refundTotal)),
      components,
      explanation:
        explanations.length === 0
          ? ''
          : `Order ${input.orderName}, refund ${refundNumber(input.shopifyRefundId)}: ${explanations.join('; ')}.`,
    },
    problems,
  };
}
