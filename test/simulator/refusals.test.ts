import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator';
import { createOrder, gqlData, seedCatalog, startTestSimulator } from './helpers';

const HOLD = /* GraphQL */ `
  mutation Hold($id: ID!, $hold: FulfillmentOrderHoldInput!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {
      fulfillmentHold {
        id
        reason
        displayReason
      }
      fulfillmentOrder {
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const RELEASE = /* GraphQL */ `
  mutation Release($id: ID!) {
    fulfillmentOrderReleaseHold(id: $id) {
      fulfillmentOrder {
        status
      }
      userErrors {
        message
      }
    }
  }
`;
const FULFIL = /* GraphQL */ `
  mutation Fulfil($f: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $f) {
      fulfillment {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;
const CLOSE = /* GraphQL */ `
  mutation Close($id: ID!) {
    orderClose(input: { id: $id }) {
      order {
        closed
      }
      userErrors {
        field
        message
      }
    }
  }
`;

describe('Shopify refusals the simulator gives', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  beforeAll(async () => {
    simulator = await startTestSimulator();
    catalog = seedCatalog(simulator);
  });
  afterAll(() => simulator.stop());

  it('fulfillmentCreate refuses a fulfillment order on hold until the hold is released', async () => {
    const id = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 1 }],
      financialStatus: 'PAID',
    });
    const fulfillmentOrder = simulator.store.order(id)!.fulfillmentOrders[0]!;
    const held = await gqlData(simulator, HOLD, {
      id: fulfillmentOrder.id,
      hold: { reason: 'INCORRECT_ADDRESS', reasonNotes: 'Street is missing' },
    });
    expect(held.fulfillmentOrderHold).toMatchObject({
      fulfillmentHold: { reason: 'INCORRECT_ADDRESS', displayReason: 'Incorrect address' },
      fulfillmentOrder: { status: 'ON_HOLD' },
      userErrors: [],
    });
    const request = { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }] } };
    const refused = await gqlData(simulator, FULFIL, request);
    expect(refused.fulfillmentCreate).toEqual({
      fulfillment: null,
      userErrors: [
        {
          field: ['fulfillment', 'lineItemsByFulfillmentOrder', '0', 'fulfillmentOrderId'],
          message: `Fulfillment order ${fulfillmentOrder.id} has an unfulfillable status= on_hold.`,
        },
      ],
    });
    const released = await gqlData(simulator, RELEASE, { id: fulfillmentOrder.id });
    expect(released.fulfillmentOrderReleaseHold).toEqual({
      fulfillmentOrder: { status: 'OPEN' },
      userErrors: [],
    });
    expect((await gqlData(simulator, FULFIL, request)).fulfillmentCreate.userErrors).toEqual([]);
    // Fulfilled, it is closed: it can be neither held nor fulfilled again.
    const closedHold = await gqlData(simulator, HOLD, { id: fulfillmentOrder.id, hold: { reason: 'OTHER' } });
    expect(closedHold.fulfillmentOrderHold.userErrors[0].message).toMatch(
      /cannot be held: its status is closed/,
    );
    expect((await gqlData(simulator, FULFIL, request)).fulfillmentCreate.userErrors[0].message).toMatch(
      /unfulfillable status= closed/,
    );
  });

  it('orderClose refuses an order with an open return, and closes it once the return is closed', async () => {
    const id = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 1 }],
      financialStatus: 'PAID',
      fulfillmentStatus: 'FULFILLED',
    });
    const order = simulator.store.order(id)!;
    const opened = await gqlData(
      simulator,
      'mutation($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id } userErrors { message } } }',
      {
        input: {
          orderId: id,
          returnLineItems: [
            { fulfillmentLineItemId: order.fulfillments[0]!.fulfillmentLineItems[0]!.id, quantity: 1 },
          ],
        },
      },
    );
    const refused = await gqlData(simulator, CLOSE, { id });
    expect(refused.orderClose).toEqual({
      order: { closed: false },
      userErrors: [{ field: ['input', 'id'], message: 'Order has an open return and cannot be archived' }],
    });
    await gqlData(simulator, 'mutation($id: ID!) { returnClose(id: $id) { userErrors { message } } }', {
      id: opened.returnCreate.return.id,
    });
    expect((await gqlData(simulator, CLOSE, { id })).orderClose).toEqual({
      order: { closed: true },
      userErrors: [],
    });
  });
});
