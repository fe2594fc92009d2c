import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator';
import { createOrder, gql, gqlData, seedCatalog, startTestSimulator, usd } from './helpers';

const STATE = /* GraphQL */ `
  query State($id: ID!) {
    order(id: $id) {
      updatedAt
      closed
      closedAt
      cancelledAt
      cancelReason
      displayFinancialStatus
      displayFulfillmentStatus
      tags
      totalOutstandingSet {
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
      lineItems(first: 5) {
        nodes {
          currentQuantity
          unfulfilledQuantity
          refundableQuantity
        }
      }
      fulfillmentOrders(first: 5) {
        nodes {
          status
          lineItems(first: 5) {
            nodes {
              remainingQuantity
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
        parentTransaction {
          id
          kind
        }
      }
      refunds {
        refundLineItems(first: 5) {
          nodes {
            quantity
            restockType
          }
        }
      }
    }
  }
`;

describe('order lifecycle mutations', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  beforeAll(async () => {
    simulator = await startTestSimulator();
    catalog = seedCatalog(simulator);
  });
  afterAll(() => simulator.stop());
  const state = async (id: string) => (await gqlData(simulator, STATE, { id })).order;

  it('orderClose and orderOpen archive and un-archive, moving updatedAt each time', async () => {
    const id = await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    const before = await state(id);
    const closed = await gqlData(
      simulator,
      'mutation($id: ID!) { orderClose(input: { id: $id }) { order { closed closedAt } userErrors { field message } } }',
      { id },
    );
    expect(closed.orderClose).toMatchObject({ order: { closed: true }, userErrors: [] });
    const afterClose = await state(id);
    expect(afterClose.updatedAt > before.updatedAt).toBe(true);
    const opened = await gqlData(
      simulator,
      'mutation($id: ID!) { orderOpen(input: { id: $id }) { order { closed closedAt } userErrors { message } } }',
      { id },
    );
    expect(opened.orderOpen.order).toEqual({ closed: false, closedAt: null });
    expect((await state(id)).updatedAt > afterClose.updatedAt).toBe(true);
    const missing = await gqlData(
      simulator,
      'mutation { orderClose(input: { id: "gid://shopify/Order/424242" }) { order { id } userErrors { field message } } }',
    );
    expect(missing.orderClose).toEqual({
      order: null,
      userErrors: [{ field: ['input', 'id'], message: 'Order does not exist' }],
    });
  });

  it('orderMarkAsPaid pays what is outstanding, once', async () => {
    const id = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.shirtM, quantity: 2 }],
      transactions: [{ amountSet: usd('15.00') }],
    });
    expect((await state(id)).displayFinancialStatus).toBe('PARTIALLY_PAID');
    const mutation =
      'mutation($id: ID!) { orderMarkAsPaid(input: { id: $id }) { order { displayFinancialStatus totalOutstandingSet { shopMoney { amount } } } userErrors { field message } } }';
    const paid = await gqlData(simulator, mutation, { id });
    expect(paid.orderMarkAsPaid).toEqual({
      order: { displayFinancialStatus: 'PAID', totalOutstandingSet: { shopMoney: { amount: '0.0' } } },
      userErrors: [],
    });
    const again = await gqlData(simulator, mutation, { id });
    expect(again.orderMarkAsPaid.userErrors).toEqual([
      { field: ['input', 'id'], message: 'Order cannot be marked as paid.' },
    ]);
    const order = await state(id);
    expect(
      order.transactions.map(
        (transaction: { amountSet: { shopMoney: { amount: string } } }) =>
          transaction.amountSet.shopMoney.amount,
      ),
    ).toEqual(['15.0', '25.0']);
  });

  it('orderCancel with refund and restock voids nothing it should not, refunds the payment and closes', async () => {
    const id = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 2 }],
      financialStatus: 'PAID',
    });
    const answer = await gqlData(
      simulator,
      `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: true, notifyCustomer: false) {
        job { id done } orderCancelUserErrors { field message code } } }`,
      { id },
    );
    expect(answer.orderCancel).toMatchObject({ job: { done: true }, orderCancelUserErrors: [] });
    const order = await state(id);
    expect(order).toMatchObject({
      closed: true,
      cancelReason: 'CUSTOMER',
      displayFinancialStatus: 'REFUNDED',
      totalRefundedSet: { shopMoney: { amount: '17.0' } },
      netPaymentSet: { shopMoney: { amount: '0.0' } },
      totalOutstandingSet: { shopMoney: { amount: '0.0' } },
      lineItems: { nodes: [{ currentQuantity: 0, unfulfilledQuantity: 0, refundableQuantity: 0 }] },
      fulfillmentOrders: { nodes: [{ status: 'CANCELLED' }] },
      refunds: [{ refundLineItems: { nodes: [{ quantity: 2, restockType: 'CANCEL' }] } }],
    });
    expect(order.cancelledAt).not.toBeNull();
    expect(order.transactions[1]).toMatchObject({
      kind: 'REFUND',
      status: 'SUCCESS',
      parentTransaction: { kind: 'SALE' },
    });
    const twice = await gqlData(
      simulator,
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: OTHER, restock: false) { job { id } orderCancelUserErrors { field message code } } }',
      { id },
    );
    expect(twice.orderCancel).toEqual({
      job: null,
      orderCancelUserErrors: [
        { field: ['orderId'], message: 'Order has already been cancelled', code: 'INVALID' },
      ],
    });
  });

  it('orderCancel voids an authorization and refuses fulfilled orders', async () => {
    const authorized = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 1 }],
      financialStatus: 'AUTHORIZED',
    });
    expect((await state(authorized)).displayFinancialStatus).toBe('AUTHORIZED');
    await gqlData(
      simulator,
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: FRAUD, restock: true) { orderCancelUserErrors { message } } }',
      { id: authorized },
    );
    const voided = await state(authorized);
    expect(voided.displayFinancialStatus).toBe('VOIDED');
    expect(voided.transactions.map((transaction: { kind: string }) => transaction.kind)).toEqual([
      'AUTHORIZATION',
      'VOID',
    ]);
    const fulfilled = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 1 }],
      fulfillmentStatus: 'FULFILLED',
    });
    const refused = await gqlData(
      simulator,
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: OTHER, restock: false) { orderCancelUserErrors { field code } } }',
      { id: fulfilled },
    );
    expect(refused.orderCancel.orderCancelUserErrors).toEqual([{ field: ['orderId'], code: 'INVALID' }]);
    const unknown = await gqlData(
      simulator,
      'mutation { orderCancel(orderId: "gid://shopify/Order/9999", reason: OTHER, restock: false) { orderCancelUserErrors { field code } } }',
    );
    expect(unknown.orderCancel.orderCancelUserErrors).toEqual([{ field: ['orderId'], code: 'NOT_FOUND' }]);
  });

  it('tagsAdd and tagsRemove merge tags without duplicates (case-insensitively) and bump updatedAt', async () => {
    const id = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 1 }],
      tags: ['erp'],
    });
    const before = await state(id);
    const added = await gqlData(
      simulator,
      'mutation($id: ID!) { tagsAdd(id: $id, tags: ["imported", "ERP", " b2b "]) { node { ... on Order { tags } } userErrors { message } } }',
      { id },
    );
    expect(added.tagsAdd).toEqual({ node: { tags: ['erp', 'imported', 'b2b'] }, userErrors: [] });
    expect((await state(id)).updatedAt > before.updatedAt).toBe(true);
    const removed = await gqlData(
      simulator,
      'mutation($id: ID!) { tagsRemove(id: $id, tags: ["ERP"]) { node { ... on Order { tags } } } }',
      { id },
    );
    expect(removed.tagsRemove.node.tags).toEqual(['imported', 'b2b']);
    const missing = await gql(
      simulator,
      'mutation { tagsAdd(id: "gid://shopify/Order/777777", tags: ["x"]) { node { id } userErrors { field message } } }',
    );
    expect((missing.body.data as { tagsAdd: unknown }).tagsAdd).toEqual({
      node: null,
      userErrors: [{ field: ['id'], message: 'Node does not exist' }],
    });
  });
});
