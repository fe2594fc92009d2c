import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type RunningSimulator } from '../../simulator';
import { createOrder, gqlData, seedCatalog, startTestSimulator, usd } from './helpers';

const ORDER = /* GraphQL */ `
  query Consistency($id: ID!) {
    order(id: $id) {
      updatedAt
      cancelledAt
      closed
      displayFinancialStatus
      displayFulfillmentStatus
      currentTotalPriceSet {
        shopMoney {
          amount
        }
      }
      totalReceivedSet {
        shopMoney {
          amount
        }
      }
      totalRefundedSet {
        shopMoney {
          amount
        }
      }
      netPaymentSet {
        shopMoney {
          amount
        }
      }
      totalOutstandingSet {
        shopMoney {
          amount
        }
      }
      currentSubtotalPriceSet {
        shopMoney {
          amount
        }
      }
      currentShippingPriceSet {
        shopMoney {
          amount
        }
      }
      currentTotalTaxSet {
        shopMoney {
          amount
        }
      }
      lineItems(first: 10) {
        nodes {
          id
          quantity
          currentQuantity
          unfulfilledQuantity
          refundableQuantity
          discountedUnitPriceAfterAllDiscountsSet {
            shopMoney {
              amount
            }
          }
        }
      }
      fulfillmentOrders(first: 5) {
        nodes {
          id
          status
          lineItems(first: 10) {
            nodes {
              id
              totalQuantity
              remainingQuantity
              lineItem {
                id
              }
            }
          }
        }
      }
      fulfillments {
        status
        fulfillmentLineItems(first: 10) {
          nodes {
            quantity
            lineItem {
              id
            }
          }
        }
      }
      refunds {
        totalRefundedSet {
          shopMoney {
            amount
          }
        }
        refundLineItems(first: 10) {
          nodes {
            subtotalSet {
              shopMoney {
                amount
              }
            }
            totalTaxSet {
              shopMoney {
                amount
              }
            }
          }
        }
        refundShippingLines(first: 5) {
          nodes {
            subtotalAmountSet {
              shopMoney {
                amount
              }
            }
            taxAmountSet {
              shopMoney {
                amount
              }
            }
          }
        }
        orderAdjustments(first: 5) {
          nodes {
            amountSet {
              shopMoney {
                amount
              }
            }
          }
        }
      }
      transactions {
        kind
        status
        amountSet {
          shopMoney {
            amount
          }
        }
      }
    }
  }
`;

type Money = { shopMoney: { amount: string } };
const d = (money: Money) => new Decimal(money.shopMoney.amount);

/** Seeded random numbers (mulberry32) so a failure replays. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('derived fields stay consistent through random sequences of changes', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  const clock = new ManualClock();
  beforeAll(async () => {
    simulator = await startTestSimulator({ clock });
    catalog = seedCatalog(simulator);
  });
  afterAll(() => simulator.stop());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function checkInvariants(order: any, step: string): void {
    const fulfilledByLine = new Map<string, number>();
    for (const fulfillment of order.fulfillments) {
      for (const item of fulfillment.fulfillmentLineItems.nodes)
        fulfilledByLine.set(item.lineItem.id, (fulfilledByLine.get(item.lineItem.id) ?? 0) + item.quantity);
    }
    const remainingByLine = new Map<string, number>();
    for (const fulfillmentOrder of order.fulfillmentOrders.nodes) {
      const remaining = fulfillmentOrder.lineItems.nodes.reduce(
        (sum: number, item: { remainingQuantity: number }) => sum + item.remainingQuantity,
        0,
      );
      for (const item of fulfillmentOrder.lineItems.nodes) {
        expect(item.remainingQuantity, step).toBeGreaterThanOrEqual(0);
        expect(item.remainingQuantity, step).toBeLessThanOrEqual(item.totalQuantity);
        if (!['CLOSED', 'CANCELLED'].includes(fulfillmentOrder.status)) {
          remainingByLine.set(
            item.lineItem.id,
            (remainingByLine.get(item.lineItem.id) ?? 0) + item.remainingQuantity,
          );
        }
      }
      if (remaining === 0) expect(['CLOSED', 'CANCELLED'], step).toContain(fulfillmentOrder.status);
      else expect(['OPEN', 'IN_PROGRESS'], step).toContain(fulfillmentOrder.status);
    }
    let unfulfilled = 0;
    let fulfilled = 0;
    let subtotal = new Decimal(0);
    for (const line of order.lineItems.nodes) {
      expect(line.currentQuantity, step).toBeGreaterThanOrEqual(0);
      expect(line.currentQuantity, step).toBeLessThanOrEqual(line.quantity);
      expect(line.refundableQuantity, step).toBe(line.currentQuantity);
      expect(line.unfulfilledQuantity, step).toBe(remainingByLine.get(line.id) ?? 0);
      expect(line.unfulfilledQuantity, step).toBeLessThanOrEqual(line.currentQuantity);
      unfulfilled += line.unfulfilledQuantity;
      fulfilled += fulfilledByLine.get(line.id) ?? 0;
      subtotal = subtotal.plus(d(line.discountedUnitPriceAfterAllDiscountsSet).times(line.currentQuantity));
    }
    const expectedFulfillment =
      unfulfilled === 0 && fulfilled > 0
        ? 'FULFILLED'
        : fulfilled > 0 && unfulfilled > 0
          ? 'PARTIALLY_FULFILLED'
          : null;
    if (expectedFulfillment) expect(order.displayFulfillmentStatus, step).toBe(expectedFulfillment);
    else if (unfulfilled > 0) expect(order.displayFulfillmentStatus, step).toBe('UNFULFILLED');

    // Unit prices after discounts are rounded per unit, the subtotal per line: a cent per line at most.
    expect(d(order.currentSubtotalPriceSet).minus(subtotal).abs().toNumber(), step).toBeLessThanOrEqual(
      0.01 * order.lineItems.nodes.length,
    );
    expect(d(order.currentTotalPriceSet).toFixed(2), step).toBe(
      d(order.currentSubtotalPriceSet)
        .plus(d(order.currentShippingPriceSet))
        .plus(d(order.currentTotalTaxSet))
        .toFixed(2),
    );
    const succeeded = order.transactions.filter(
      (transaction: { status: string }) => transaction.status === 'SUCCESS',
    );
    const sum = (kinds: string[]) =>
      succeeded
        .filter((transaction: { kind: string }) => kinds.includes(transaction.kind))
        .reduce(
          (total: Decimal, transaction: { amountSet: Money }) => total.plus(d(transaction.amountSet)),
          new Decimal(0),
        );
    const received = sum(['SALE', 'CAPTURE']);
    const refunded = sum(['REFUND']);
    expect(d(order.totalReceivedSet).toFixed(2), step).toBe(received.toFixed(2));
    expect(d(order.totalRefundedSet).toFixed(2), step).toBe(refunded.toFixed(2));
    expect(d(order.netPaymentSet).toFixed(2), step).toBe(received.minus(refunded).toFixed(2));
    if (!order.cancelledAt) {
      expect(d(order.totalOutstandingSet).toFixed(2), step).toBe(
        d(order.currentTotalPriceSet).minus(received.minus(refunded)).toFixed(2),
      );
    }
    const refundTotal = order.refunds.reduce(
      (total: Decimal, refund: { totalRefundedSet: Money }) => total.plus(d(refund.totalRefundedSet)),
      new Decimal(0),
    );
    expect(refundTotal.toFixed(2), step).toBe(refunded.toFixed(2));
    for (const refund of order.refunds) {
      const parts = [
        ...refund.refundLineItems.nodes.flatMap((item: { subtotalSet: Money; totalTaxSet: Money }) => [
          d(item.subtotalSet),
          d(item.totalTaxSet),
        ]),
        ...refund.refundShippingLines.nodes.flatMap(
          (item: { subtotalAmountSet: Money; taxAmountSet: Money }) => [
            d(item.subtotalAmountSet),
            d(item.taxAmountSet),
          ],
        ),
        ...refund.orderAdjustments.nodes.map((item: { amountSet: Money }) => d(item.amountSet)),
      ];
      expect(
        parts.reduce((total: Decimal, part: Decimal) => total.plus(part), new Decimal(0)).toFixed(2),
        step,
      ).toBe(d(refund.totalRefundedSet).toFixed(2));
    }
    if (received.isZero() && refunded.isZero() && !order.cancelledAt)
      expect(['PENDING', 'PAID', 'AUTHORIZED'], step).toContain(order.displayFinancialStatus);
    if (refunded.greaterThan(0))
      expect(['PARTIALLY_REFUNDED', 'REFUNDED'], step).toContain(order.displayFinancialStatus);
  }

  it('holds every invariant after each of 80 random changes over 4 orders', async () => {
    const next = random(20261127);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const orderIds: string[] = [];
    for (let index = 0; index < 4; index++) {
      orderIds.push(
        await createOrder(simulator, {
          lineItems: [
            {
              variantId: catalog.shirtM,
              quantity: 1 + Math.floor(next() * 3),
              taxLines: [{ title: 'VAT', rate: '0.2' }],
            },
            {
              variantId: catalog.mug,
              quantity: 1 + Math.floor(next() * 3),
              taxLines: [{ title: 'VAT', rate: '0.2' }],
            },
          ],
          shippingLines: [
            { title: 'Standard', priceSet: usd('6.00'), taxLines: [{ title: 'VAT', rate: '0.2' }] },
          ],
          financialStatus: index % 2 === 0 ? 'PAID' : 'PENDING',
        }),
      );
    }
    const lastUpdated = new Map<string, string>();
    for (let step = 0; step < 80; step++) {
      clock.advance(Math.floor(next() * 3)); // often the same millisecond
      const id = pick(orderIds);
      const order = simulator.store.order(id)!;
      const action = pick(['fulfil', 'refund', 'edit', 'add', 'pay', 'tag', 'close']);
      const label = `step ${step}: ${action} on ${order.name}`;
      if (action === 'fulfil') {
        const open = order.fulfillmentOrders.filter((fulfillmentOrder) =>
          ['OPEN', 'IN_PROGRESS'].includes(fulfillmentOrder.status),
        );
        const fulfillmentOrder = open.length ? pick(open) : undefined;
        const item = fulfillmentOrder?.lineItems.find((candidate) => candidate.remainingQuantity > 0);
        if (!fulfillmentOrder || !item) continue;
        await gqlData(
          simulator,
          'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }',
          {
            f: {
              lineItemsByFulfillmentOrder: [
                {
                  fulfillmentOrderId: fulfillmentOrder.id,
                  fulfillmentOrderLineItems: [
                    { id: item.id, quantity: 1 + Math.floor(next() * item.remainingQuantity) },
                  ],
                },
              ],
            },
          },
        );
      } else if (action === 'refund') {
        const line = order.lineItems.find((candidate) => candidate.currentQuantity > 0);
        if (!line) continue;
        const net = new Decimal(order.netPaymentSet.shopMoney.amount);
        const amount = Decimal.min(
          net,
          new Decimal(line.discountedUnitPriceAfterAllDiscountsSet.shopMoney.amount),
        );
        await gqlData(
          simulator,
          'mutation($input: RefundInput!) { refundCreate(input: $input) { userErrors { message } } }',
          {
            input: {
              orderId: id,
              refundLineItems: [
                { lineItemId: line.id, quantity: 1, restockType: pick(['CANCEL', 'RETURN', 'NO_RESTOCK']) },
              ],
              ...(next() < 0.3 ? { shipping: { amount: '1.00' } } : {}),
              transactions: amount.greaterThan(0)
                ? [{ orderId: id, kind: 'REFUND', gateway: 'manual', amount: amount.toFixed(2) }]
                : [],
            },
          },
        );
      } else if (action === 'edit' || action === 'add') {
        const begun = await gqlData(
          simulator,
          'mutation($id: ID!) { orderEditBegin(id: $id) { calculatedOrder { id lineItems(first: 20) { nodes { id quantity } } } userErrors { message } } }',
          { id },
        );
        const session = begun.orderEditBegin.calculatedOrder;
        if (!session) continue;
        if (action === 'edit' && session.lineItems.nodes.length) {
          const line = pick(session.lineItems.nodes as { id: string; quantity: number }[]);
          await gqlData(
            simulator,
            'mutation($id: ID!, $line: ID!, $q: Int!) { orderEditSetQuantity(id: $id, lineItemId: $line, quantity: $q) { userErrors { message } } }',
            {
              id: session.id,
              line: line.id,
              q: Math.max(0, line.quantity + pick([-1, 1, 2])),
            },
          );
        } else {
          await gqlData(
            simulator,
            'mutation($id: ID!, $v: ID!) { orderEditAddVariant(id: $id, variantId: $v, quantity: 1, allowDuplicates: true) { userErrors { message } } }',
            { id: session.id, v: catalog.shirtL },
          );
        }
        await gqlData(
          simulator,
          'mutation($id: ID!) { orderEditCommit(id: $id) { userErrors { message } } }',
          { id: session.id },
        );
      } else if (action === 'pay') {
        await gqlData(
          simulator,
          'mutation($id: ID!) { orderMarkAsPaid(input: { id: $id }) { userErrors { message } } }',
          { id },
        );
      } else if (action === 'tag') {
        await gqlData(
          simulator,
          'mutation($id: ID!, $t: [String!]!) { tagsAdd(id: $id, tags: $t) { userErrors { message } } }',
          { id, t: [`t${step}`] },
        );
      } else {
        const mutation = order.closed ? 'orderOpen' : 'orderClose';
        await gqlData(
          simulator,
          `mutation($id: ID!) { ${mutation}(input: { id: $id }) { userErrors { message } } }`,
          { id },
        );
      }
      const state = (await gqlData(simulator, ORDER, { id })).order;
      checkInvariants(state, label);
      const previous = lastUpdated.get(id);
      if (previous) expect(state.updatedAt >= previous, label).toBe(true);
      lastUpdated.set(id, state.updatedAt);
    }
    const stamps = simulator.store.orders.map((order) => order.updatedAt);
    expect(new Set(stamps).size).toBe(stamps.length);
  });
});
