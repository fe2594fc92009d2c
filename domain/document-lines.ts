import { Decimal, amountOf, formatMoney, roundMoney, sum, ZERO, type MoneySide } from './money';
import { OrderProblems, type OrderProblem, type ShopAccountSetting } from './order-problems';
import type { MoneyBag } from './order-snapshot';

/** An imported order line, with what mapping decided for it. */
export interface SourceOrderLine {
  shopifyLineId: string;
  /** Shopify's line name ("T-shirt - M"), used as the description. */
  name: string;
  sku: string | null;
  variantId: string | null;
  quantity: number;
  /** Quantity after edits and refunds: what the document bills. */
  currentQuantity: number;
  isGiftCard: boolean;
  isTip: boolean;
  taxable: boolean;
  unitPrice: MoneyBag;
  /** All discount allocations of the line, for its full `quantity`. */
  discount: MoneyBag;
  fulfillmentLocationId: string | null;
  itemNo: string | null;
  variantCode: string | null;
}

export interface SourceShippingLine {
  shopifyShippingLineId: string;
  title: string;
  isRemoved: boolean;
  price: MoneyBag;
  discount: MoneyBag;
}

export interface DocumentLinesInput {
  orderName: string;
  shop: {
    code: string;
    shippingChargesAccountNo: string | null;
    tipAccountNo: string | null;
    soldGiftCardAccountNo: string | null;
    shopifyOrderNoOnDocumentLine: boolean;
    locationRequired: boolean;
  };
  side: MoneySide;
  /** ISO code of the document amounts, for rounding. */
  isoCode: string;
  lines: readonly SourceOrderLine[];
  shippingLines: readonly SourceShippingLine[];
  /** Tips Shopify received; used only when no line carries the tip. */
  totalTipReceived: MoneyBag;
  /** Shopify location GID → ERP location code (null: a mapping row without a code). Missing = no row. */
  locationCodes: Readonly<Record<string, string | null>>;
  /** G/L accounts by no.: whether lines on them are taxed. */
  glAccounts: Readonly<Record<string, { name: string; taxable: boolean }>>;
}

export type DraftLineType = 'comment' | 'item' | 'gl_account';
export type DraftLineOrigin = 'comment' | 'item' | 'shipping' | 'tip' | 'gift_card';

export interface DraftSalesLine {
  lineNo: number;
  type: DraftLineType;
  origin: DraftLineOrigin;
  no: string | null;
  variantCode: string | null;
  description: string;
  /** Decimal strings, rounded to the currency. */
  quantity: string;
  unitPrice: string;
  lineDiscountAmount: string;
  amount: string;
  taxable: boolean;
  locationCode: string | null;
  shopifyLineId: string | null;
}

export const LINE_NO_STEP = 10000;

/**
 * The lines of a sales document for an imported order (SPEC §4.1): an optional comment with the
 * Shopify order number, item lines (quantity after edits, unit price before discounts, the line's
 * discounts as a line discount, location from the location mapping), sold gift cards on the sold
 * gift card account, tips on the tip account, and charged shipping on the shipping charges account.
 * Every reason the document cannot be made is returned, not just the first.
 */
export function buildDocumentLines(input: DocumentLinesInput): {
  lines: DraftSalesLine[];
  problems: OrderProblem[];
} {
  const { side, isoCode, shop } = input;
  const lines: DraftSalesLine[] = [];
  const problems: OrderProblem[] = [];
  const missingAccounts = new Set<ShopAccountSetting>();
  const money = (value: Decimal) => formatMoney(value, isoCode);

  const add = (line: Omit<DraftSalesLine, 'lineNo'>) =>
    lines.push({ ...line, lineNo: (lines.length + 1) * LINE_NO_STEP });

  const accountFor = (setting: ShopAccountSetting, why: string): string | null => {
    const accountNo = shop[setting];
    if (!accountNo) {
      if (!missingAccounts.has(setting))
        problems.push(OrderProblems.accountNotSet(input.orderName, shop.code, setting, why));
      missingAccounts.add(setting);
      return null;
    }
    return accountNo;
  };

  if (shop.shopifyOrderNoOnDocumentLine) {
    add({
      type: 'comment',
      origin: 'comment',
      no: null,
      variantCode: null,
      description: `Shopify order ${input.orderName}`,
      quantity: '0',
      unitPrice: money(ZERO),
      lineDiscountAmount: money(ZERO),
      amount: money(ZERO),
      taxable: false,
      locationCode: null,
      shopifyLineId: null,
    });
  }

  input.lines.forEach((line, index) => {
    if (line.currentQuantity <= 0) return;
    const unitPrice = amountOf(line.unitPrice, side, `lines[${index}].unitPrice`);
    // Allocations cover every unit ever ordered; bill only the share of the units still ordered.
    const fullDiscount = amountOf(line.discount, side, `lines[${index}].discount`);
    const discount =
      line.quantity > 0 && line.currentQuantity !== line.quantity
        ? roundMoney(fullDiscount.times(line.currentQuantity).dividedBy(line.quantity), isoCode)
        : fullDiscount;
    const quantity = new Decimal(line.currentQuantity);
    const amount = roundMoney(quantity.times(unitPrice).minus(discount), isoCode);
    const priced = {
      quantity: quantity.toString(),
      unitPrice: money(unitPrice),
      lineDiscountAmount: money(discount),
      amount: money(amount),
      shopifyLineId: line.shopifyLineId,
      description: line.name,
      variantCode: null,
      locationCode: null,
    };

    if (line.isTip || line.isGiftCard) {
      const setting: ShopAccountSetting = line.isTip ? 'tipAccountNo' : 'soldGiftCardAccountNo';
      const accountNo = accountFor(
        setting,
        line.isTip ? 'the order has a tip' : `line '${line.name}' sells a gift card`,
      );
      add({
        ...priced,
        type: 'gl_account',
        origin: line.isTip ? 'tip' : 'gift_card',
        no: accountNo,
        taxable: accountNo ? (input.glAccounts[accountNo]?.taxable ?? false) : false,
      });
      return;
    }

    if (!line.itemNo) {
      problems.push(
        OrderProblems.itemNotMapped(input.orderName, index, {
          sku: line.sku,
          variantId: line.variantId,
          title: line.name,
        }),
      );
    }
    let locationCode: string | null = null;
    if (line.fulfillmentLocationId) {
      locationCode = input.locationCodes[line.fulfillmentLocationId] ?? null;
      if (locationCode === null && shop.locationRequired) {
        problems.push(
          OrderProblems.locationNotMapped(input.orderName, index, shop.code, line.fulfillmentLocationId),
        );
      }
    } else if (shop.locationRequired) {
      problems.push(
        OrderProblems.locationNotMapped(
          input.orderName,
          index,
          shop.code,
          '(none: the line has no fulfillment location)',
        ),
      );
    }
    add({
      ...priced,
      type: 'item',
      origin: 'item',
      no: line.itemNo,
      variantCode: line.variantCode,
      taxable: line.taxable,
      locationCode,
    });
  });

  const tipLinesPresent = input.lines.some((line) => line.isTip && line.currentQuantity > 0);
  const tipReceived = amountOf(input.totalTipReceived, side, 'totals.totalTipReceived');
  if (!tipLinesPresent && tipReceived.greaterThan(0)) {
    const accountNo = accountFor('tipAccountNo', 'the order has a tip');
    add({
      type: 'gl_account',
      origin: 'tip',
      no: accountNo,
      variantCode: null,
      description: 'Tip',
      quantity: '1',
      unitPrice: money(tipReceived),
      lineDiscountAmount: money(ZERO),
      amount: money(tipReceived),
      taxable: accountNo ? (input.glAccounts[accountNo]?.taxable ?? false) : false,
      locationCode: null,
      shopifyLineId: null,
    });
  }

  input.shippingLines.forEach((shipping, index) => {
    if (shipping.isRemoved) return;
    const price = amountOf(shipping.price, side, `shippingLines[${index}].price`);
    // Free shipping produces no line (and needs no account).
    if (!price.greaterThan(0)) return;
    const discount = amountOf(shipping.discount, side, `shippingLines[${index}].discount`);
    const accountNo = accountFor(
      'shippingChargesAccountNo',
      `the order charges shipping ('${shipping.title}')`,
    );
    add({
      type: 'gl_account',
      origin: 'shipping',
      no: accountNo,
      variantCode: null,
      description: shipping.title,
      quantity: '1',
      unitPrice: money(price),
      lineDiscountAmount: money(discount),
      amount: money(price.minus(discount)),
      taxable: accountNo ? (input.glAccounts[accountNo]?.taxable ?? true) : true,
      locationCode: null,
      shopifyLineId: shipping.shopifyShippingLineId,
    });
  });

  return { lines, problems };
}

/** Σ line amounts of the given origins. */
export function sumLineAmounts(
  lines: readonly DraftSalesLine[],
  origins: readonly DraftLineOrigin[],
): Decimal {
  return sum(lines.filter((line) => origins.includes(line.origin)).map((line) => new Decimal(line.amount)));
}
