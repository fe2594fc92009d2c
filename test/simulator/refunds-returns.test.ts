import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator';
import { createOrder, gqlData, seedCatalog, startTestSimulator, usd } from './helpers';

const REFUND_CREATE = /* GraphQL */ `
  mutation Refund($input: RefundInput!) {
    refundCreate(input: $input) {
      refund {
        id
        note
        createdAt
        totalRefundedSet {
          shopMoney {
            amount
          }
          presentmentMoney {
            amount
          }
        }
        refundLineItems(first: 10) {
          nodes {
            quantity
            restockType
            restocked
            location {
              id
            }
            lineItem {
              id
            }
            priceSet {
              shopMoney {
                amount
              }
            }
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
            shippingLine {
              title
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
            reason
          }
        }
        transactions(first: 5) {
          nodes {
            kind
            status
            gateway
            amountSet {
              shopMoney {
                amount
              }
            }
            parentTransaction {
              kind
            }
          }
        }
      }
      order {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      displayFinancialStatus
      displayFulfillmentStatus
      returnStatus
      currentTotalPriceSet {
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
      currentShippingPriceSet {
        shopMoney {
          amount
        }
      }
      lineItems(first: 5) {
        nodes {
          id
          quantity
          currentQuantity
          refundableQuantity
          unfulfilledQuantity
        }
      }
      fulfillmentOrders(first: 5) {
        nodes {
          id
          status
          lineItems(first: 5) {
            nodes {
              totalQuantity
              remainingQuantity
            }
          }
        }
      }
      fulfillments {
        fulfillmentLineItems(first: 5) {
          nodes {
            id
            quantity
          }
        }
      }
      transactions {
        id
        kind
      }
      refunds {
        id
      }
      returns(first: 5) {
        nodes {
          id
          name
          status
          totalQuantity
          returnLineItems(first: 5) {
            nodes {
              quantity
              ... on ReturnLineItem {
                fulfillmentLineItem {
                  id
                }
                returnReasonNote
              }
            }
          }
        }
      }
    }
  }
`;

describe('refundCreate and returnCreate', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  beforeAll(async () => {
    simulator = await startTestSimulator();
    catalog = seedCatalog(simulator);
  });
  afterAll(() => simulator.stop());
  const read = async (id: string) => (await gqlData(simulator, ORDER, { id })).order;

  /** 2 shirts at 20 + 10 % tax, shipping 5 + 10 % tax: total 49.5, paid. */
  const paidOrder = () =>
    createOrder(simulator, {
      lineItems: [{ variantId: catalog.shirtM, quantity: 2, taxLines: [{ title: 'GST', rate: '0.1' }] }],
      shippingLines: [{ title: 'Express', priceSet: usd('5.00'), taxLines: [{ title: 'GST', rate: '0.1' }] }],
      financialStatus: 'PAID',
    });

  it('refunds one unfulfilled unit with restock CANCEL: quantities, fulfillment order and totals follow', async () => {
    const id = await paidOrder();
    const order = await read(id);
    const line = order.lineItems.nodes[0];
    const answer = await gqlData(simulator, REFUND_CREATE, {
      input: {
        orderId: id,
        note: 'Customer changed mind',
        refundLineItems: [
          { lineItemId: line.id, quantity: 1, restockType: 'CANCEL', locationId: 'gid://shopify/Location/1' },
        ],
        transactions: [
          {
            orderId: id,
            kind: 'REFUND',
            gateway: 'manual',
            amount: '22.00',
            parentId: order.transactions[0].id,
          },
        ],
      },
    });
    expect(answer.refundCreate.userErrors).toEqual([]);
    expect(answer.refundCreate.refund).toMatchObject({
      note: 'Customer changed mind',
      totalRefundedSet: { shopMoney: { amount: '22.0' }, presentmentMoney: { amount: '22.0' } },
      refundLineItems: {
        nodes: [
          {
            quantity: 1,
            restockType: 'CANCEL',
            restocked: true,
            location: { id: 'gid://shopify/Location/1' },
            priceSet: { shopMoney: { amount: '20.0' } },
            subtotalSet: { shopMoney: { amount: '20.0' } },
            totalTaxSet: { shopMoney: { amount: '2.0' } },
          },
        ],
      },
      refundShippingLines: { nodes: [] },
      orderAdjustments: { nodes: [] },
      transactions: {
        nodes: [
          {
            kind: 'REFUND',
            status: 'SUCCESS',
            gateway: 'manual',
            amountSet: { shopMoney: { amount: '22.0' } },
            parentTransaction: { kind: 'SALE' },
          },
        ],
      },
    });
    const after = await read(id);
    expect(after).toMatchObject({
      displayFinancialStatus: 'PARTIALLY_REFUNDED',
      currentTotalPriceSet: { shopMoney: { amount: '27.5' } },
      totalRefundedSet: { shopMoney: { amount: '22.0' } },
      netPaymentSet: { shopMoney: { amount: '27.5' } },
      totalOutstandingSet: { shopMoney: { amount: '0.0' } },
      lineItems: {
        nodes: [{ quantity: 2, currentQuantity: 1, refundableQuantity: 1, unfulfilledQuantity: 1 }],
      },
      fulfillmentOrders: {
        nodes: [{ status: 'OPEN', lineItems: { nodes: [{ totalQuantity: 1, remainingQuantity: 1 }] } }],
      },
    });
  });

  it('refunds shipping and the rest; a money-only difference becomes an order adjustment; REFUNDED at the end', async () => {
    const id = await paidOrder();
    const order = await read(id);
    const line = order.lineItems.nodes[0];
    const answer = await gqlData(simulator, REFUND_CREATE, {
      input: {
        orderId: id,
        refundLineItems: [{ lineItemId: line.id, quantity: 2, restockType: 'NO_RESTOCK' }],
        shipping: { fullRefund: true },
        transactions: [{ orderId: id, kind: 'REFUND', gateway: 'manual', amount: '45.00' }],
      },
    });
    expect(answer.refundCreate.userErrors).toEqual([]);
    const refund = answer.refundCreate.refund;
    expect(refund.refundShippingLines.nodes).toEqual([
      {
        subtotalAmountSet: { shopMoney: { amount: '5.0' } },
        taxAmountSet: { shopMoney: { amount: '0.5' } },
        shippingLine: { title: 'Express' },
      },
    ]);
    // Items 40 + tax 4 + shipping 5 + 0.5 = 49.5 computed; 45 refunded: −4.5 adjustment.
    expect(refund.orderAdjustments.nodes).toEqual([
      { amountSet: { shopMoney: { amount: '-4.5' } }, reason: 'REFUND_DISCREPANCY' },
    ]);
    const after = await read(id);
    expect(after.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
    expect(after.currentShippingPriceSet.shopMoney.amount).toBe('0.0');
    expect(after.lineItems.nodes[0]).toMatchObject({ currentQuantity: 0, unfulfilledQuantity: 0 });
    const rest = await gqlData(simulator, REFUND_CREATE, {
      input: {
        orderId: id,
        transactions: [{ orderId: id, kind: 'REFUND', gateway: 'manual', amount: '4.50' }],
      },
    });
    expect(rest.refundCreate.userErrors).toEqual([]);
    expect(rest.refundCreate.refund.orderAdjustments.nodes).toEqual([
      { amountSet: { shopMoney: { amount: '4.5' } }, reason: 'REFUND_DISCREPANCY' },
    ]);
    expect((await read(id)).displayFinancialStatus).toBe('REFUNDED');
  });

  it('answers impossible refunds with userErrors and changes nothing', async () => {
    const id = await paidOrder();
    const order = await read(id);
    const line = order.lineItems.nodes[0];
    const cases: [Record<string, unknown>, string[]][] = [
      [{ refundLineItems: [{ lineItemId: line.id, quantity: 3 }] }, ['refundLineItems', '0', 'quantity']],
      [
        { refundLineItems: [{ lineItemId: 'gid://shopify/LineItem/99999', quantity: 1 }] },
        ['refundLineItems', '0', 'lineItemId'],
      ],
      [
        { transactions: [{ orderId: id, kind: 'REFUND', gateway: 'manual', amount: '100.00' }] },
        ['transactions', '0', 'amount'],
      ],
      [{ shipping: { amount: '50.00' } }, ['shipping', 'amount']],
      [
        { refundLineItems: [{ lineItemId: line.id, quantity: 1, locationId: 'gid://shopify/Location/404' }] },
        ['refundLineItems', '0', 'locationId'],
      ],
    ];
    for (const [input, field] of cases) {
      const answer = await gqlData(simulator, REFUND_CREATE, { input: { orderId: id, ...input } });
      expect(answer.refundCreate.refund, JSON.stringify(input)).toBeNull();
      expect(answer.refundCreate.userErrors[0].field).toEqual(field);
    }
    const unknown = await gqlData(simulator, REFUND_CREATE, {
      input: { orderId: 'gid://shopify/Order/88888' },
    });
    expect(unknown.refundCreate.userErrors).toEqual([
      { field: ['orderId'], message: 'Order does not exist' },
    ]);
    const after = await read(id);
    expect(after.refunds).toEqual([]);
    expect(after.displayFinancialStatus).toBe('PAID');
  });

  it('returns fulfilled units, refuses more than were fulfilled; a RETURN refund keeps unfulfilled work', async () => {
    const id = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 3 }],
      financialStatus: 'PAID',
    });
    let order = await read(id);
    await gqlData(
      simulator,
      'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }',
      {
        f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrders.nodes[0].id }] },
      },
    );
    order = await read(id);
    const fulfillmentLineItem = order.fulfillments[0].fulfillmentLineItems.nodes[0];
    const mutation = `mutation($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id name status totalQuantity } userErrors { field message code } } }`;
    const tooMany = await gqlData(simulator, mutation, {
      input: {
        orderId: id,
        returnLineItems: [{ fulfillmentLineItemId: fulfillmentLineItem.id, quantity: 4 }],
      },
    });
    expect(tooMany.returnCreate.userErrors[0]).toMatchObject({
      field: ['returnInput', 'returnLineItems', '0', 'quantity'],
      code: 'INVALID',
    });
    const created = await gqlData(simulator, mutation, {
      input: {
        orderId: id,
        returnLineItems: [
          { fulfillmentLineItemId: fulfillmentLineItem.id, quantity: 2, returnReasonNote: 'Chipped' },
        ],
      },
    });
    expect(created.returnCreate).toMatchObject({
      return: { status: 'OPEN', totalQuantity: 2 },
      userErrors: [],
    });
    expect(created.returnCreate.return.name).toMatch(/^#\d+-R1$/);
    order = await read(id);
    expect(order.returnStatus).toBe('IN_PROGRESS');
    expect(order.returns.nodes[0].returnLineItems.nodes).toEqual([
      { quantity: 2, fulfillmentLineItem: { id: fulfillmentLineItem.id }, returnReasonNote: 'Chipped' },
    ]);
    const unknownLine = await gqlData(simulator, mutation, {
      input: {
        orderId: id,
        returnLineItems: [{ fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/9999', quantity: 1 }],
      },
    });
    expect(unknownLine.returnCreate.userErrors[0].code).toBe('NOT_FOUND');

    const refund = await gqlData(simulator, REFUND_CREATE, {
      input: {
        orderId: id,
        refundLineItems: [{ lineItemId: order.lineItems.nodes[0].id, quantity: 2, restockType: 'RETURN' }],
        transactions: [{ orderId: id, kind: 'REFUND', gateway: 'manual', amount: '17.00' }],
      },
    });
    expect(refund.refundCreate.userErrors).toEqual([]);
    order = await read(id);
    expect(order.lineItems.nodes[0]).toMatchObject({ currentQuantity: 1, unfulfilledQuantity: 0 });
    expect(order.displayFulfillmentStatus).toBe('FULFILLED');
    const closed = await gqlData(
      simulator,
      'mutation($id: ID!) { returnClose(id: $id) { return { status } userErrors { message } } }',
      { id: created.returnCreate.return.id },
    );
    expect(closed.returnClose.return.status).toBe('CLOSED');
    expect((await read(id)).returnStatus).toBe('RETURNED');
  });
});
