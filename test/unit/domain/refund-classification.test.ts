import { describe, expect, it } from 'vitest';
import { shopifyTotalsBeforeCreditedRefunds } from '../../../domain/credited-refund-totals';
import type { Refund, Transaction } from '../../../domain/order-snapshot';
import { orderChanges } from '../../../domain/order-edits';
import {
  billedQuantity,
  classifyRefund,
  quantitiesCreditedByRefunds,
  refundFactsOf,
  refundPaymentState,
  transactionsOfRefund,
} from '../../../domain/refund-classification';
import { bag, line, snapshot } from './order-snapshot-fixture';

const transaction = (id: number, overrides: Partial<Transaction> = {}): Transaction => ({
  shopifyTransactionId: `gid://shopify/OrderTransaction/${id}`,
  kind: 'REFUND',
  status: 'SUCCESS',
  gateway: 'shopify_payments',
  formattedGateway: 'Shopify Payments',
  amount: bag('100.00'),
  parentTransactionId: 'gid://shopify/OrderTransaction/1',
  createdAt: '2026-11-21T10:00:00Z',
  processedAt: '2026-11-21T10:00:00Z',
  test: false,
  errorCode: null,
  ...overrides,
});

const refund = (overrides: Partial<Refund> = {}): Refund => ({
  shopifyRefundId: 'gid://shopify/Refund/5',
  createdAt: '2026-11-21T10:00:00Z',
  processedAt: '2026-11-21T10:00:00Z',
  note: null,
  totalRefunded: bag('100.00'),
  lines: [
    {
      shopifyRefundLineId: 'gid://shopify/RefundLineItem/1',
      shopifyLineId: 'gid://shopify/LineItem/1',
      quantity: 1,
      restockType: 'NO_RESTOCK',
      restocked: false,
      locationId: null,
      price: bag('100.00'),
      subtotal: bag('100.00'),
      totalTax: bag('25.00'),
    },
  ],
  shipping: null,
  shippingLines: [],
  orderAdjustments: [],
  transactionIds: ['gid://shopify/OrderTransaction/2'],
  transactions: [transaction(2)],
  returnId: null,
  ...overrides,
});

const facts = (overrides: Partial<Refund> = {}) =>
  refundFactsOf(refund(overrides), { transactions: [], taxesIncluded: false });

describe('refundPaymentState', () => {
  it('is pending while any refund transaction is pending or awaiting a response', () => {
    expect(refundPaymentState([{ kind: 'REFUND', status: 'PENDING' }])).toBe('pending');
    expect(
      refundPaymentState([
        { kind: 'REFUND', status: 'SUCCESS' },
        { kind: 'REFUND', status: 'AWAITING_RESPONSE' },
      ]),
    ).toBe('pending');
  });

  it('is settled once every refund transaction is done, and none without refund transactions', () => {
    expect(refundPaymentState([{ kind: 'REFUND', status: 'SUCCESS' }])).toBe('settled');
    expect(refundPaymentState([{ kind: 'REFUND', status: 'FAILURE' }])).toBe('none');
    expect(refundPaymentState([])).toBe('none');
    // A pending sale on the order is not the refund's payment.
    expect(refundPaymentState([{ kind: 'SALE', status: 'PENDING' }])).toBe('none');
  });
});

describe('classifyRefund (the reference rule, plus pending payments)', () => {
  it('a refund that paid money back is credited', () => {
    expect(classifyRefund(facts())).toBe('credit');
  });

  it('a zero-amount refund without return or RETURN restock is an edit of the order, not a credit', () => {
    expect(classifyRefund(facts({ totalRefunded: bag('0.00'), transactions: [] }))).toBe('order-edit');
    expect(
      classifyRefund(
        facts({
          totalRefunded: bag('0.00'),
          transactions: [],
          lines: [{ ...refund().lines[0]!, restockType: 'CANCEL', restocked: true }],
        }),
      ),
    ).toBe('order-edit');
  });

  it('a zero-amount refund of a return, or with goods restocked as RETURN, is credited', () => {
    expect(
      classifyRefund(
        facts({ totalRefunded: bag('0.00'), transactions: [], returnId: 'gid://shopify/Return/1' }),
      ),
    ).toBe('credit');
    expect(
      classifyRefund(
        facts({
          totalRefunded: bag('0.00'),
          transactions: [],
          lines: [{ ...refund().lines[0]!, restockType: 'RETURN', restocked: true }],
        }),
      ),
    ).toBe('credit');
  });

  it('a refund showing 0 because its payment is pending is credited later, not taken as an edit', () => {
    expect(
      classifyRefund(
        facts({ totalRefunded: bag('0.00'), transactions: [transaction(2, { status: 'PENDING' })] }),
      ),
    ).toBe('credit');
  });

  it('finds the transactions on the order when the refund does not carry them (older snapshots)', () => {
    const pending = transaction(2, { status: 'PENDING' });
    const found = transactionsOfRefund({ transactionIds: [pending.shopifyTransactionId] }, [
      transaction(1, { kind: 'SALE' }),
      pending,
    ]);
    expect(found).toEqual([pending]);
  });
});

describe('quantities credited by refunds and the billed quantity', () => {
  const refunded = snapshot({
    lines: [line(1, { quantity: 3, currentQuantity: 1 }), line(2, { quantity: 2, currentQuantity: 1 })],
    refunds: [
      refund({ lines: [{ ...refund().lines[0]!, quantity: 2 }] }),
      // Items removed from an unpaid order: an edit, not a credit.
      refund({
        shopifyRefundId: 'gid://shopify/Refund/6',
        totalRefunded: bag('0.00'),
        transactions: [],
        transactionIds: [],
        lines: [{ ...refund().lines[0]!, shopifyLineId: 'gid://shopify/LineItem/2', quantity: 1 }],
      }),
    ],
  });

  it('counts only the units of credited refunds', () => {
    const credited = quantitiesCreditedByRefunds(refunded);
    expect([...credited]).toEqual([['gid://shopify/LineItem/1', 2]]);
    expect(billedQuantity(refunded.lines[0]!, credited)).toBe(3);
    expect(billedQuantity(refunded.lines[1]!, credited)).toBe(1);
  });

  it('a credited refund is not an edit of the order, an order-edit refund still is', () => {
    const before = snapshot({
      lines: [line(1, { quantity: 3, currentQuantity: 3 }), line(2, { quantity: 2, currentQuantity: 2 })],
    });
    const changes = orderChanges(before, refunded);
    expect(
      changes.filter((change) => change.kind.startsWith('quantity') || change.kind === 'line-removed'),
    ).toEqual([
      {
        kind: 'quantity-decreased',
        shopifyLineId: 'gid://shopify/LineItem/2',
        line: "'Product 2' (SKU SKU-2)",
        from: 2,
        to: 1,
      },
    ]);
  });
});

describe('shopifyTotalsBeforeCreditedRefunds', () => {
  it("puts credited lines, shipping and their tax back into Shopify's current totals", () => {
    const totals = shopifyTotalsBeforeCreditedRefunds(
      snapshot({
        totals: {
          ...snapshot().totals,
          currentTotal: bag('0.00'),
          currentShipping: bag('0.00'),
          currentTotalTax: bag('0.00'),
        },
        refunds: [
          refund({
            shippingLines: [
              {
                shopifyRefundShippingLineId: 'gid://shopify/RefundShippingLine/1',
                shopifyShippingLineId: 'gid://shopify/ShippingLine/1',
                title: 'Standard',
                subtotal: bag('49.00'),
                tax: bag('12.25'),
              },
            ],
            totalRefunded: bag('186.25'),
          }),
        ],
      }),
    );
    expect(totals.currentTotal.shop.amount).toBe('186.25');
    expect(totals.currentShipping.shop.amount).toBe('49');
    expect(totals.currentTotalTax.shop.amount).toBe('37.25');
  });

  it('leaves the totals as they are for an order without credited refunds, and does not add included tax twice', () => {
    const plain = snapshot();
    expect(shopifyTotalsBeforeCreditedRefunds(plain).currentTotal).toEqual(plain.totals.currentTotal);
    const included = shopifyTotalsBeforeCreditedRefunds(
      snapshot({
        taxesIncluded: true,
        totals: { ...snapshot().totals, currentTotal: bag('0.00') },
        refunds: [refund()],
      }),
    );
    expect(included.currentTotal.shop.amount).toBe('100');
  });
});
