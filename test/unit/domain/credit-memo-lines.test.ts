import { describe, expect, it } from 'vitest';
import {
  buildCreditMemo,
  type CreditMemoInput,
  type CreditMemoOrderLine,
  type CreditMemoRefundLine,
} from '../../../domain/credit-memo-lines';
import { Decimal } from '../../../domain/money';
import { bag } from './order-snapshot-fixture';

const SHIRT = 'gid://shopify/LineItem/1';
const GIFT_CARD = 'gid://shopify/LineItem/2';
const TIP = 'gid://shopify/LineItem/3';
const MUG = 'gid://shopify/LineItem/4';
const REFUND = 'gid://shopify/Refund/77';

const orderLine = (overrides: Partial<CreditMemoOrderLine> = {}): CreditMemoOrderLine => ({
  name: 'T-shirt - M',
  sku: 'TSHIRT-M',
  isGiftCard: false,
  isTip: false,
  taxable: true,
  itemNo: 'TSHIRT',
  variantCode: 'M',
  ...overrides,
});

const refundLine = (overrides: Partial<CreditMemoRefundLine> = {}): CreditMemoRefundLine => ({
  shopifyLineId: SHIRT,
  quantity: 1,
  restockType: 'RETURN',
  restocked: true,
  price: bag('100.00', '10.00', 'NOK', 'EUR'),
  subtotal: bag('100.00', '10.00', 'NOK', 'EUR'),
  totalTax: bag('0.00', '0.00', 'NOK', 'EUR'),
  ...overrides,
});

const zero = bag('0.00', '0.00', 'NOK', 'EUR');

function input(overrides: Partial<CreditMemoInput> = {}, refund: Partial<CreditMemoInput['refund']> = {}) {
  const base: CreditMemoInput = {
    orderName: '#1004',
    shopifyRefundId: REFUND,
    shop: {
      code: 'WEB',
      returnLocationCode: 'RETURNS',
      refundAccountNo: '6300',
      refundAccountNonRestockNo: '6310',
      shippingChargesAccountNo: '6100',
      soldGiftCardAccountNo: '2900',
      shopifyOrderNoOnDocumentLine: false,
    },
    document: { side: 'shop', isoCode: 'NOK', pricesIncludingTax: false, taxRatePercent: '0' },
    refund: {
      totalRefunded: bag('100.00', '10.00', 'NOK', 'EUR'),
      lines: [refundLine()],
      shippingLines: [],
      adjustments: [],
      ...refund,
    },
    orderLines: {
      [SHIRT]: orderLine(),
      [GIFT_CARD]: orderLine({
        name: 'Gift card',
        sku: null,
        isGiftCard: true,
        taxable: false,
        itemNo: null,
      }),
      [TIP]: orderLine({ name: 'Tip', sku: null, isTip: true, taxable: false, itemNo: null }),
      [MUG]: orderLine({ name: 'Mug', sku: 'MUG', itemNo: 'MUG', variantCode: null }),
    },
    glAccounts: {
      '6100': { name: 'Shipping', taxable: true },
      '6300': { name: 'Refunds', taxable: false },
      '6310': { name: 'Refunds non-restock', taxable: false },
      '2900': { name: 'Gift cards', taxable: false },
    },
  };
  return { ...base, ...overrides };
}

const total = (draft: ReturnType<typeof buildCreditMemo>) => new Decimal(draft.totals.amountIncludingTax);

describe('buildCreditMemo: one rule per kind of refunded amount', () => {
  it('a restocked item becomes an item line at the return location, whatever location Shopify restocked to', () => {
    const draft = buildCreditMemo(input());
    expect(draft.problems).toEqual([]);
    expect(draft.lines).toEqual([
      {
        lineNo: 10000,
        type: 'item',
        origin: 'item',
        no: 'TSHIRT',
        variantCode: 'M',
        description: 'T-shirt - M',
        quantity: '1',
        unitPrice: '100.00',
        lineDiscountAmount: '0.00',
        amount: '100.00',
        taxable: true,
        locationCode: 'RETURNS',
        shopifyLineId: SHIRT,
      },
    ]);
    expect(draft.totals.amountIncludingTax).toBe('100.00');
    expect(draft.rounding).toBe('0.00');
  });

  it('an item refunded without restock goes to the refund account for non-restocked items', () => {
    const draft = buildCreditMemo(
      input({}, { lines: [refundLine({ restockType: 'NO_RESTOCK', restocked: false })] }),
    );
    expect(draft.lines).toMatchObject([
      { type: 'gl_account', origin: 'non_restocked_item', no: '6310', amount: '100.00', locationCode: null },
    ]);
  });

  it('a RETURN that Shopify has not restocked yet is not stock: non-restocked account (the reference got this wrong)', () => {
    const draft = buildCreditMemo(
      input({}, { lines: [refundLine({ restockType: 'RETURN', restocked: false })] }),
    );
    expect(draft.lines[0]).toMatchObject({ origin: 'non_restocked_item', no: '6310' });
  });

  it('a refunded gift card goes to the sold gift card account', () => {
    const draft = buildCreditMemo(
      input(
        {},
        { lines: [refundLine({ shopifyLineId: GIFT_CARD, restockType: 'NO_RESTOCK', restocked: false })] },
      ),
    );
    expect(draft.lines).toMatchObject([
      { type: 'gl_account', origin: 'gift_card', no: '2900', description: 'Gift card', taxable: false },
    ]);
  });

  it('refunded shipping goes to the shipping charges account, taxed as that account says', () => {
    const draft = buildCreditMemo(
      input(
        { document: { side: 'shop', isoCode: 'NOK', pricesIncludingTax: false, taxRatePercent: '25' } },
        {
          lines: [],
          shippingLines: [
            {
              shopifyShippingLineId: 'gid://shopify/ShippingLine/9',
              title: 'Express',
              subtotal: bag('40.00', '4.00', 'NOK', 'EUR'),
              tax: bag('10.00', '1.00', 'NOK', 'EUR'),
            },
          ],
          totalRefunded: bag('50.00', '5.00', 'NOK', 'EUR'),
        },
      ),
    );
    expect(draft.lines).toMatchObject([
      { origin: 'shipping', no: '6100', description: 'Express', amount: '40.00', taxable: true },
    ]);
    expect(draft.totals).toEqual({ amount: '40.00', taxAmount: '10.00', amountIncludingTax: '50.00' });
    expect(draft.rounding).toBe('0.00');
  });

  it('a refunded tip goes to the refund account', () => {
    const draft = buildCreditMemo(
      input(
        {},
        {
          lines: [refundLine({ shopifyLineId: TIP, restockType: 'NO_RESTOCK', restocked: false })],
          totalRefunded: bag('100.00', '10.00', 'NOK', 'EUR'),
        },
      ),
    );
    expect(draft.lines).toMatchObject([
      { origin: 'refund', no: '6300', description: 'Tip refunded: Tip', amount: '100.00', taxable: false },
    ]);
  });

  it('each order adjustment is its own refund account line, named by its reason', () => {
    const draft = buildCreditMemo(
      input(
        {},
        {
          adjustments: [
            { reason: 'RESTOCK', amount: bag('-15.00', '-1.50', 'NOK', 'EUR'), tax: zero },
            { reason: 'REFUND_DISCREPANCY', amount: bag('5.00', '0.50', 'NOK', 'EUR'), tax: zero },
          ],
          totalRefunded: bag('90.00', '9.00', 'NOK', 'EUR'),
        },
      ),
    );
    expect(draft.lines.slice(1)).toMatchObject([
      { origin: 'refund', no: '6300', description: 'Order adjustment: restocking fee', amount: '-15.00' },
      { origin: 'refund', no: '6300', description: 'Order adjustment: refund discrepancy', amount: '5.00' },
    ]);
    expect(draft.totals.amountIncludingTax).toBe('90.00');
  });

  it('money Shopify refunded without itemising it (a manual amount) goes to the refund account', () => {
    const draft = buildCreditMemo(input({}, { totalRefunded: bag('112.50', '11.25', 'NOK', 'EUR') }));
    expect(draft.lines[1]).toMatchObject({
      origin: 'refund',
      no: '6300',
      description: 'Refunded amount Shopify did not itemise',
      amount: '12.50',
    });
    expect(draft.totals.amountIncludingTax).toBe('112.50');
    expect(draft.reconciliation.explanation).toContain('12.50 NOK refunded beyond the itemised lines');
  });

  it('adds a comment line with the order and refund when the shop card asks for the order no. on lines', () => {
    const draft = buildCreditMemo(input({ shop: { ...input().shop, shopifyOrderNoOnDocumentLine: true } }));
    expect(draft.lines[0]).toMatchObject({ type: 'comment', description: 'Shopify order #1004, refund 77' });
    expect(draft.lines[1]).toMatchObject({ lineNo: 20000, origin: 'item' });
  });
});

describe('buildCreditMemo: a mixed refund', () => {
  it('restocked, not restocked, shipping, tip and gift card each on their own rule, total equal to the refund', () => {
    const draft = buildCreditMemo(
      input(
        {},
        {
          lines: [
            refundLine({ quantity: 2, price: bag('50.00'), subtotal: bag('100.00') }),
            refundLine({
              shopifyLineId: MUG,
              restockType: 'NO_RESTOCK',
              restocked: false,
              price: bag('30.00'),
              subtotal: bag('30.00'),
            }),
            refundLine({
              shopifyLineId: TIP,
              restockType: 'NO_RESTOCK',
              restocked: false,
              price: bag('5.00'),
              subtotal: bag('5.00'),
            }),
            refundLine({
              shopifyLineId: GIFT_CARD,
              restockType: 'NO_RESTOCK',
              restocked: false,
              price: bag('25.00'),
              subtotal: bag('25.00'),
            }),
          ],
          shippingLines: [
            {
              shopifyShippingLineId: 'gid://shopify/ShippingLine/1',
              title: 'Standard',
              subtotal: bag('49.00'),
              tax: bag('0.00'),
            },
          ],
          totalRefunded: bag('209.00'),
        },
      ),
    );
    expect(draft.problems).toEqual([]);
    expect(draft.lines.map((line) => [line.origin, line.no, line.amount])).toEqual([
      ['item', 'TSHIRT', '100.00'],
      ['non_restocked_item', '6310', '30.00'],
      ['refund', '6300', '5.00'],
      ['gift_card', '2900', '25.00'],
      ['shipping', '6100', '49.00'],
    ]);
    expect(draft.lines[0]).toMatchObject({ quantity: '2', unitPrice: '50.00', locationCode: 'RETURNS' });
    expect(total(draft).equals('209.00')).toBe(true);
  });
});

describe('buildCreditMemo: totals and rounding', () => {
  it("books the cent between Shopify's per-line tax and the ERP's per-document tax on a rounding line", () => {
    // Three lines at 9.99 with 8.875 % tax: Shopify 0.89 each (2.67), the ERP 29.97 × 8.875 % = 2.66.
    const line = (id: string) =>
      refundLine({ shopifyLineId: id, price: bag('9.99'), subtotal: bag('9.99'), totalTax: bag('0.89') });
    const draft = buildCreditMemo(
      input(
        {
          document: { side: 'shop', isoCode: 'NOK', pricesIncludingTax: false, taxRatePercent: '8.875' },
          orderLines: {
            a: orderLine({ name: 'A' }),
            b: orderLine({ name: 'B' }),
            c: orderLine({ name: 'C' }),
          },
        },
        { lines: [line('a'), line('b'), line('c')], totalRefunded: bag('32.64') },
      ),
    );
    expect(draft.rounding).toBe('0.01');
    expect(draft.lines[3]).toMatchObject({
      origin: 'rounding',
      no: '6300',
      amount: '0.01',
      taxable: false,
      description: "Rounding: Shopify's tax 2.67, the ERP's 2.66",
    });
    expect(draft.totals).toEqual({ amount: '29.98', taxAmount: '2.66', amountIncludingTax: '32.64' });
    expect(draft.problems).toEqual([]);
    expect(draft.reconciliation).toMatchObject({
      documentTotal: '32.64',
      shopifyTotal: '32.64',
      difference: '0.00',
    });
    expect(draft.reconciliation.components).toContainEqual({
      component: 'tax',
      document: '2.66',
      shopify: '2.67',
      difference: '-0.01',
    });
  });

  it('a tax difference beyond rounding is booked too, but reported as a warning naming both taxes', () => {
    const draft = buildCreditMemo(
      input(
        { document: { side: 'shop', isoCode: 'NOK', pricesIncludingTax: false, taxRatePercent: '0' } },
        { lines: [refundLine({ totalTax: bag('25.00') })], totalRefunded: bag('125.00') },
      ),
    );
    expect(draft.lines[1]).toMatchObject({ origin: 'rounding', amount: '25.00' });
    expect(draft.lines[1]?.description).toBe("Tax difference: Shopify's tax 25.00, the ERP's 0.00");
    expect(draft.problems).toMatchObject([{ code: 'TAX_DIFFERENCE', severity: 'warning' }]);
    expect(draft.totals.amountIncludingTax).toBe('125.00');
  });

  it('with prices including tax the lines carry the tax and no rounding line is needed', () => {
    const draft = buildCreditMemo(
      input(
        { document: { side: 'shop', isoCode: 'NOK', pricesIncludingTax: true, taxRatePercent: '25' } },
        {
          lines: [refundLine({ price: bag('125.00'), subtotal: bag('125.00'), totalTax: bag('25.00') })],
          totalRefunded: bag('125.00'),
        },
      ),
    );
    expect(draft.lines).toHaveLength(1);
    expect(draft.totals).toEqual({ amount: '100.00', taxAmount: '25.00', amountIncludingTax: '125.00' });
  });

  it('uses the money bag of the order document: presentment amounts in the customer currency', () => {
    const draft = buildCreditMemo(
      input({
        document: { side: 'presentment', isoCode: 'EUR', pricesIncludingTax: false, taxRatePercent: '0' },
      }),
    );
    expect(draft.lines[0]).toMatchObject({ unitPrice: '10.00', amount: '10.00' });
    expect(draft.refundTotal).toBe('10.00');
    expect(draft.reconciliation.currencyCode).toBe('EUR');
  });

  it('rounds to the currency: no decimals for JPY', () => {
    const draft = buildCreditMemo(
      input(
        { document: { side: 'presentment', isoCode: 'JPY', pricesIncludingTax: false, taxRatePercent: '0' } },
        {
          lines: [
            refundLine({
              price: bag('1.00', '1500', 'NOK', 'JPY'),
              subtotal: bag('1.00', '1500', 'NOK', 'JPY'),
            }),
          ],
          totalRefunded: bag('1.00', '1500', 'NOK', 'JPY'),
        },
      ),
    );
    expect(draft.lines[0]).toMatchObject({ unitPrice: '1500', amount: '1500' });
    expect(draft.totals.amountIncludingTax).toBe('1500');
  });

  it('a unit price that does not multiply to the subtotal shows the cent as a line discount', () => {
    const draft = buildCreditMemo(
      input({}, { lines: [refundLine({ quantity: 3, price: bag('33.34'), subtotal: bag('100.00') })] }),
    );
    expect(draft.lines[0]).toMatchObject({
      unitPrice: '33.34',
      lineDiscountAmount: '0.02',
      amount: '100.00',
    });
  });

  it('a goods-only refund (total 0) credits the goods and books the withheld money back as its adjustment', () => {
    const draft = buildCreditMemo(
      input(
        {},
        {
          adjustments: [{ reason: 'REFUND_DISCREPANCY', amount: bag('-100.00'), tax: bag('0.00') }],
          totalRefunded: bag('0.00'),
        },
      ),
    );
    expect(draft.lines.map((line) => [line.origin, line.amount])).toEqual([
      ['item', '100.00'],
      ['refund', '-100.00'],
    ]);
    expect(draft.totals.amountIncludingTax).toBe('0.00');
  });
});

describe('buildCreditMemo: what blocks it', () => {
  it('reports each missing account once, naming the command that sets it', () => {
    const draft = buildCreditMemo(
      input(
        {
          shop: {
            ...input().shop,
            refundAccountNonRestockNo: null,
            refundAccountNo: null,
          },
        },
        {
          lines: [
            refundLine({ restockType: 'NO_RESTOCK', restocked: false }),
            refundLine({ shopifyLineId: MUG, restockType: 'NO_RESTOCK', restocked: false }),
          ],
          totalRefunded: bag('210.00'),
        },
      ),
    );
    expect(draft.problems.map((problem) => problem.field)).toEqual([
      'shop.refundAccountNonRestockNo',
      'shop.refundAccountNo',
    ]);
    expect(draft.problems[0]?.message).toBe(
      "Order #1004, refund 77: 'T-shirt - M' was refunded without restocking, but shop card 'WEB' has no refund account for non-restocked items: set it with `orderbridge shop set WEB --refund-account-non-restock <account no.>`",
    );
  });

  it('a restocked line needs a return location and a mapped item', () => {
    const draft = buildCreditMemo(
      input({
        shop: { ...input().shop, returnLocationCode: null },
        orderLines: { [SHIRT]: orderLine({ itemNo: null }) },
      }),
    );
    expect(draft.problems.map((problem) => problem.code)).toEqual([
      'ITEM_NOT_MAPPED',
      'RETURN_LOCATION_NOT_SET',
    ]);
  });

  it('a refund line for an order line the ERP does not know blocks the memo', () => {
    const draft = buildCreditMemo(
      input({}, { lines: [refundLine({ shopifyLineId: 'gid://shopify/LineItem/999' })] }),
    );
    expect(draft.problems).toMatchObject([{ code: 'ORDER_LINE_UNKNOWN', severity: 'error' }]);
  });

  it('refuses money that is not a decimal string', () => {
    expect(() => buildCreditMemo(input({}, { totalRefunded: bag('12,50') }))).toThrow(/decimal string/);
  });
});

describe('buildCreditMemo: the total always equals the refund', () => {
  it('holds for many random refunds (seeded), whatever the tax rate and adjustments', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const cents = (max: number) => (Math.floor(next() * max * 100) / 100).toFixed(2);
    for (let run = 0; run < 200; run += 1) {
      const rate = ['0', '8.875', '25', '19'][Math.floor(next() * 4)]!;
      const lines = [SHIRT, MUG, GIFT_CARD, TIP].map((id) => {
        const subtotal = cents(200);
        const tax = new Decimal(subtotal).times(rate).dividedBy(100).toDecimalPlaces(2).toFixed(2);
        const restocked = next() > 0.5;
        return refundLine({
          shopifyLineId: id,
          restocked,
          restockType: restocked ? 'RETURN' : 'NO_RESTOCK',
          price: bag(subtotal),
          subtotal: bag(subtotal),
          totalTax: bag(tax),
        });
      });
      const refundTotal = cents(1000);
      const draft = buildCreditMemo(
        input(
          {
            document: {
              side: 'shop',
              isoCode: 'NOK',
              pricesIncludingTax: next() > 0.7,
              taxRatePercent: rate,
            },
          },
          {
            lines,
            shippingLines: [
              { shopifyShippingLineId: null, title: null, subtotal: bag(cents(50)), tax: bag('0.00') },
            ],
            adjustments: [{ reason: 'CUSTOMER', amount: bag(cents(20)), tax: bag('0.00') }],
            totalRefunded: bag(refundTotal),
          },
        ),
      );
      expect(draft.totals.amountIncludingTax).toBe(refundTotal);
      expect(draft.reconciliation.difference).toBe('0.00');
    }
  });
});
