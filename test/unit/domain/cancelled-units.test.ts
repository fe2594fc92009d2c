import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCreditMemo, type CreditMemoInput } from '../../../domain/credit-memo-lines';
import { Decimal, sum, ZERO } from '../../../domain/money';
import { closeDecision, documentProgress } from '../../../domain/order-closing';
import type { OrderSnapshot, Refund, RefundLine } from '../../../domain/order-snapshot';
import {
  billedQuantity,
  classifyRefund,
  quantitiesCreditedByRefunds,
  refundFactsOf,
} from '../../../domain/refund-classification';
import { bag, line, snapshot } from './order-snapshot-fixture';

/**
 * Random orders, partly shipped, then refunded with any mix of cancelled units (never shipped),
 * returned units (restocked) and units refunded without restock; the rest shipped afterwards.
 * Whatever the mix: the document and the credit memos together bill exactly what the customer
 * kept paying for, only returned units come back into stock, and nothing waits for a cancelled unit.
 */

type RefundAction = 'CANCEL' | 'RETURN' | 'NO_RESTOCK';

interface PlannedLine {
  quantity: number;
  unitCents: number;
  /** Units shipped before any refund. */
  shippedFirst: number;
}

interface PlannedRefundLine {
  lineIndex: number;
  action: RefundAction;
  /** Asked for; clamped to the units the action may still take. */
  quantity: number;
}

const plannedLine = fc
  .record({ quantity: fc.integer({ min: 1, max: 5 }), unitCents: fc.integer({ min: 1, max: 50_000 }) })
  .chain((entry) =>
    fc.record({
      quantity: fc.constant(entry.quantity),
      unitCents: fc.constant(entry.unitCents),
      shippedFirst: fc.integer({ min: 0, max: entry.quantity }),
    }),
  );

const plannedRefundLine = fc.record({
  lineIndex: fc.nat(),
  action: fc.constantFrom<RefundAction>('CANCEL', 'RETURN', 'NO_RESTOCK'),
  quantity: fc.integer({ min: 1, max: 5 }),
});

const scenario = fc.record({
  lines: fc.array(plannedLine, { minLength: 1, maxLength: 4 }),
  refunds: fc.array(fc.array(plannedRefundLine, { minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 3,
  }),
});

const money = (cents: number) => (cents / 100).toFixed(2);
const lineId = (index: number) => `gid://shopify/LineItem/${index + 1}`;

/** Applies the plan as Shopify would allow it: cancels take unshipped units, returns shipped ones. */
function buildScenario(plan: Scenario) {
  const state = plan.lines.map((entry) => ({
    unshipped: entry.quantity - entry.shippedFirst,
    shippedKept: entry.shippedFirst,
    cancelled: 0,
    refunded: 0,
  }));
  const refunds: Refund[] = [];
  plan.refunds.forEach((refundPlan, refundIndex) => {
    const lines: RefundLine[] = [];
    for (const planned of refundPlan) {
      const index = planned.lineIndex % plan.lines.length;
      const units = state[index]!;
      const available = planned.action === 'CANCEL' ? units.unshipped : units.shippedKept;
      const quantity = Math.min(planned.quantity, available);
      if (quantity === 0) continue;
      if (planned.action === 'CANCEL') {
        units.unshipped -= quantity;
        units.cancelled += quantity;
      } else units.shippedKept -= quantity;
      units.refunded += quantity;
      const cents = plan.lines[index]!.unitCents;
      lines.push({
        shopifyRefundLineId: `gid://shopify/RefundLineItem/${refundIndex}-${lines.length}`,
        shopifyLineId: lineId(index),
        quantity,
        restockType: planned.action,
        restocked: planned.action !== 'NO_RESTOCK',
        locationId: null,
        price: bag(money(cents)),
        subtotal: bag(money(cents * quantity)),
        totalTax: bag('0.00'),
      });
    }
    if (lines.length === 0) return;
    const totalCents = lines.reduce(
      (total, entry) => total + Math.round(Number(entry.subtotal.shop.amount) * 100),
      0,
    );
    refunds.push({
      shopifyRefundId: `gid://shopify/Refund/${refundIndex + 1}`,
      createdAt: '2026-11-21T10:00:00Z',
      processedAt: '2026-11-21T10:00:00Z',
      note: null,
      totalRefunded: bag(money(totalCents)),
      lines,
      shipping: null,
      shippingLines: [],
      orderAdjustments: [],
      transactionIds: [],
      transactions: [],
      returnId: null,
    });
  });
  const order: OrderSnapshot = snapshot({
    lines: plan.lines.map((entry, index) =>
      line(index + 1, {
        quantity: entry.quantity,
        currentQuantity: entry.quantity - state[index]!.refunded,
        unfulfilledQuantity: state[index]!.unshipped,
        taxable: false,
        originalUnitPrice: bag(money(entry.unitCents)),
      }),
    ),
    shippingLines: [],
    refunds,
  });
  return { order, state };
}

interface Scenario {
  lines: PlannedLine[];
  refunds: PlannedRefundLine[][];
}

function creditMemoOf(order: OrderSnapshot, refund: Refund) {
  const input: CreditMemoInput = {
    orderName: order.name,
    shopifyRefundId: refund.shopifyRefundId,
    shop: {
      code: 'WEB',
      returnLocationCode: 'RETURNS',
      refundAccountNo: '8100',
      refundAccountNonRestockNo: '8110',
      shippingChargesAccountNo: '6100',
      soldGiftCardAccountNo: '2400',
      shopifyOrderNoOnDocumentLine: false,
    },
    document: { side: 'shop', isoCode: 'NOK', pricesIncludingTax: false, taxRatePercent: '25' },
    refund: {
      totalRefunded: refund.totalRefunded,
      lines: refund.lines,
      shippingLines: [],
      adjustments: [],
    },
    orderLines: Object.fromEntries(
      order.lines.map((entry) => [
        entry.shopifyLineId,
        {
          name: entry.name,
          sku: entry.sku,
          isGiftCard: false,
          isTip: false,
          taxable: false,
          itemNo: entry.sku,
          variantCode: null,
        },
      ]),
    ),
    glAccounts: {},
  };
  return buildCreditMemo(input);
}

/** The document's item lines as billed, and every credit memo the order's refunds make. */
function booked(order: OrderSnapshot) {
  const credited = quantitiesCreditedByRefunds(order);
  const documentLines = order.lines.map((entry) => ({
    shopifyLineId: entry.shopifyLineId,
    quantity: billedQuantity(entry, credited),
    unitPrice: new Decimal(entry.originalUnitPrice.shop.amount),
  }));
  const memos = (order.refunds ?? [])
    .filter((refund) => classifyRefund(refundFactsOf(refund, order)) === 'credit')
    .map((refund) => creditMemoOf(order, refund));
  return { documentLines, memos };
}

const paidByCustomer = (order: OrderSnapshot) =>
  sum(order.lines.map((entry) => new Decimal(entry.originalUnitPrice.shop.amount).times(entry.quantity)));
const refundedByShopify = (order: OrderSnapshot) =>
  sum((order.refunds ?? []).map((refund) => new Decimal(refund.totalRefunded.shop.amount)));

describe('cancelled units (restock type CANCEL)', () => {
  it('the document and the credit memos bill exactly what the customer paid, once', () => {
    fc.assert(
      fc.property(scenario, (plan) => {
        const { order } = buildScenario(plan);
        const { documentLines, memos } = booked(order);
        const billed = sum(documentLines.map((entry) => entry.unitPrice.times(entry.quantity)));
        const credited = sum(memos.map((memo) => new Decimal(memo.totals.amountIncludingTax)));
        expect(billed.minus(credited).toFixed(2)).toBe(
          paidByCustomer(order).minus(refundedByShopify(order)).toFixed(2),
        );
        for (const memo of memos) expect(memo.problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('only returned units come back into stock; cancelled units are never received', () => {
    fc.assert(
      fc.property(scenario, (plan) => {
        const { order } = buildScenario(plan);
        const { memos } = booked(order);
        const received = memos
          .flatMap((memo) => memo.lines)
          .filter((entry) => entry.type === 'item')
          .reduce((total, entry) => total.plus(entry.quantity), ZERO);
        const returned = (order.refunds ?? [])
          .flatMap((refund) => refund.lines)
          .filter((entry) => entry.restockType === 'RETURN')
          .reduce((total, entry) => total + entry.quantity, 0);
        expect(received.toNumber()).toBe(returned);
      }),
      { numRuns: 300 },
    );
  });

  it('nothing waits for a cancelled unit: shipping the units left ships the document, and it closes', () => {
    fc.assert(
      fc.property(scenario, (plan) => {
        const { order, state } = buildScenario(plan);
        const { documentLines } = booked(order);
        const lines = documentLines.map((entry, index) => ({
          type: 'item' as const,
          quantity: String(entry.quantity),
          // Shipped before the refunds, then every unit Shopify still has to fulfil.
          quantityShipped: String(plan.lines[index]!.shippedFirst + state[index]!.unshipped),
          quantityInvoiced: '0',
        }));
        const document = { documentType: 'order' as const, documentNo: 'SO-1', lines };
        expect(documentProgress(document).unitsToShip.toNumber()).toBe(0);
        const decision = closeDecision({
          shopify: {
            closed: false,
            cancelled: false,
            fullyPaid: true,
            financialStatus: 'PARTIALLY_REFUNDED',
            fulfillmentStatus: 'FULFILLED',
          },
          document,
          shipmentsAwaitingSync: 0,
          closeRequiresInvoice: false,
          shopCode: 'WEB',
        });
        expect(decision.action).toBe('close');
      }),
      { numRuns: 300 },
    );
  });

  it('a refund of cancelled units only is no credit: the document already leaves them out', () => {
    const { order } = buildScenario({
      lines: [{ quantity: 2, unitCents: 2895, shippedFirst: 0 }],
      refunds: [[{ lineIndex: 0, action: 'CANCEL', quantity: 1 }]],
    });
    const refund = order.refunds![0]!;
    expect(classifyRefund(refundFactsOf(refund, order))).toBe('order-edit');
    expect(billedQuantity(order.lines[0]!, quantitiesCreditedByRefunds(order))).toBe(1);
  });

  it('a refund mixing a cancel and a return credits the return only', () => {
    const { order } = buildScenario({
      lines: [{ quantity: 3, unitCents: 2895, shippedFirst: 1 }],
      refunds: [
        [
          { lineIndex: 0, action: 'CANCEL', quantity: 1 },
          { lineIndex: 0, action: 'RETURN', quantity: 1 },
        ],
      ],
    });
    const memo = creditMemoOf(order, order.refunds![0]!);
    expect(memo.lines.map((entry) => [entry.type, entry.quantity, entry.amount])).toEqual([
      ['item', '1', '28.95'],
    ]);
    expect(memo.refundTotal).toBe('28.95');
    expect(memo.reconciliation.explanation).toContain('28.95 NOK refunded for cancelled units');
  });
});
