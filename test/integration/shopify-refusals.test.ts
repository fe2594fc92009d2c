import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPostedShipments } from '../../erp/services/shipments';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { gqlData } from '../simulator/helpers';
import {
  importToSalesOrder,
  placeOrder,
  setUpShipmentShop,
  ship,
  shopifyOrder,
  waitForShipment,
  type ShipmentShop,
} from './shipment-test-kit';

let stack: TestStack;
let shop: ShipmentShop;

beforeAll(async () => {
  stack = await startTestStack();
  shop = await setUpShipmentShop(stack);
});

afterAll(async () => {
  await stack?.close();
});

const HOLD = /* GraphQL */ `
  mutation Hold($id: ID!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: INCORRECT_ADDRESS }) {
      userErrors {
        message
      }
    }
  }
`;

describe('what Shopify will not do, set up through real mutations', () => {
  it('a shipment of a held fulfillment order sends nothing, records why, and calls fulfillmentCreate never', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 2 }]);
    await importToSalesOrder(stack, order);
    const held = await gqlData(stack.simulator, HOLD, {
      id: shopifyOrder(stack, order).fulfillmentOrders[0]!.id,
    });
    expect(held.fulfillmentOrderHold.userErrors).toEqual([]);
    const fulfillmentCreates = () => stack.simulator.stats().byOperation.FulfillmentCreate?.requests ?? 0;
    const before = fulfillmentCreates();
    const posted = await ship(stack, order, {});
    const settled = await waitForShipment(stack, order, posted.shipmentId);
    expect(settled.shipments?.find((entry) => entry.shipmentId === posted.shipmentId)?.status).toBe(
      'not-synced',
    );
    const [shipment] = await listPostedShipments(stack.erp.orm.em.fork(), {
      store: stack.simulator.shopDomain,
      shopifyOrderId: order.id,
    });
    expect(shipment!.lines[0]!.notSent.join('; ')).toContain('cannot be fulfilled now (on_hold)');
    expect(fulfillmentCreates() - before).toBe(0);
    expect(shopifyOrder(stack, order).fulfillments).toEqual([]);
  });
});
