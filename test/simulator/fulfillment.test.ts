import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator';
import { createOrder, gqlData, seedCatalog, startTestSimulator } from './helpers';

const FULFILLMENT_ORDERS = /* GraphQL */ `
  query FulfillmentOrders($id: ID!) {
    order(id: $id) {
      displayFulfillmentStatus
      updatedAt
      lineItems(first: 5) {
        nodes {
          id
          sku
          unfulfilledQuantity
          currentQuantity
        }
      }
      fulfillmentOrders(first: 10) {
        nodes {
          id
          status
          assignedLocation {
            location {
              id
            }
          }
          lineItems(first: 10) {
            nodes {
              id
              totalQuantity
              remainingQuantity
              lineItem {
                sku
              }
            }
          }
        }
      }
      fulfillments {
        id
        name
        status
        trackingInfo {
          company
          number
          url
        }
        location {
          id
        }
        fulfillmentLineItems(first: 10) {
          nodes {
            quantity
            lineItem {
              sku
            }
          }
        }
      }
    }
  }
`;

const FULFILLMENT_CREATE = /* GraphQL */ `
  mutation Fulfil($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        id
        status
        trackingInfo {
          company
          number
          url
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const MOVE = /* GraphQL */ `
  mutation Move($id: ID!, $locationId: ID!, $items: [FulfillmentOrderLineItemInput!]) {
    fulfillmentOrderMove(id: $id, newLocationId: $locationId, fulfillmentOrderLineItems: $items) {
      movedFulfillmentOrder {
        id
        status
        assignedLocation {
          location {
            id
          }
        }
        lineItems(first: 5) {
          nodes {
            totalQuantity
            remainingQuantity
          }
        }
      }
      originalFulfillmentOrder {
        id
        status
        lineItems(first: 5) {
          nodes {
            totalQuantity
            remainingQuantity
          }
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

type Order = {
  displayFulfillmentStatus: string;
  lineItems: { nodes: { id: string; sku: string; unfulfilledQuantity: number }[] };
  fulfillmentOrders: {
    nodes: {
      id: string;
      status: string;
      assignedLocation: { location: { id: string } };
      lineItems: {
        nodes: { id: string; totalQuantity: number; remainingQuantity: number; lineItem: { sku: string } }[];
      };
    }[];
  };
  fulfillments: { name: string; trackingInfo: unknown[] }[];
};

describe('fulfillmentCreate and fulfillmentOrderMove', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  let warehouse: string;
  beforeAll(async () => {
    simulator = await startTestSimulator();
    catalog = seedCatalog(simulator);
    warehouse = simulator.store.addLocation({ name: 'Warehouse', countryCode: 'US' }).id;
  });
  afterAll(() => simulator.stop());
  const read = async (id: string) =>
    (await gqlData<{ order: Order }>(simulator, FULFILLMENT_ORDERS, { id })).order;

  it('fulfils part of a fulfillment order, then the rest, with statuses following', async () => {
    const id = await createOrder(simulator, {
      lineItems: [
        { variantId: catalog.shirtM, quantity: 3 },
        { variantId: catalog.mug, quantity: 1 },
      ],
    });
    const order = await read(id);
    const fulfillmentOrder = order.fulfillmentOrders.nodes[0]!;
    const shirtItem = fulfillmentOrder.lineItems.nodes.find((node) => node.lineItem.sku === 'TSHIRT-M')!;
    const first = await gqlData(simulator, FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          {
            fulfillmentOrderId: fulfillmentOrder.id,
            fulfillmentOrderLineItems: [{ id: shirtItem.id, quantity: 2 }],
          },
        ],
        trackingInfo: { company: 'DHL', number: 'JD0001', url: 'https://dhl.example/JD0001' },
        notifyCustomer: true,
      },
    });
    expect(first.fulfillmentCreate).toMatchObject({
      fulfillment: {
        status: 'SUCCESS',
        trackingInfo: [{ company: 'DHL', number: 'JD0001', url: 'https://dhl.example/JD0001' }],
      },
      userErrors: [],
    });
    const partial = await read(id);
    expect(partial.displayFulfillmentStatus).toBe('PARTIALLY_FULFILLED');
    expect(partial.fulfillmentOrders.nodes[0]).toMatchObject({ status: 'IN_PROGRESS' });
    expect(partial.lineItems.nodes.map((line) => line.unfulfilledQuantity)).toEqual([1, 1]);
    expect(partial.fulfillments[0]!.name).toMatch(/^#\d+-F1$/);

    const rest = await gqlData(simulator, FULFILLMENT_CREATE, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }] },
    });
    expect(rest.fulfillmentCreate.userErrors).toEqual([]);
    const done = await read(id);
    expect(done.displayFulfillmentStatus).toBe('FULFILLED');
    expect(done.fulfillmentOrders.nodes[0]).toMatchObject({
      status: 'CLOSED',
      lineItems: { nodes: [{ remainingQuantity: 0 }, { remainingQuantity: 0 }] },
    });
    expect(done.fulfillments).toHaveLength(2);

    const again = await gqlData(simulator, FULFILLMENT_CREATE, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }] },
    });
    expect(again.fulfillmentCreate.fulfillment).toBeNull();
    expect(again.fulfillmentCreate.userErrors[0].message).toMatch(/unfulfillable status= closed/);
  });

  it('refuses too many units, unknown ids, and fulfillment orders at different locations in one request', async () => {
    const id = await createOrder(simulator, {
      lineItems: [
        { variantId: catalog.shirtM, quantity: 2 },
        { variantId: catalog.mug, quantity: 2 },
      ],
    });
    const order = await read(id);
    const fulfillmentOrder = order.fulfillmentOrders.nodes[0]!;
    const mugItem = fulfillmentOrder.lineItems.nodes.find((node) => node.lineItem.sku === 'MUG')!;
    const tooMany = await gqlData(simulator, FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          {
            fulfillmentOrderId: fulfillmentOrder.id,
            fulfillmentOrderLineItems: [{ id: mugItem.id, quantity: 3 }],
          },
        ],
      },
    });
    expect(tooMany.fulfillmentCreate.userErrors[0]).toMatchObject({
      field: [
        'fulfillment',
        'lineItemsByFulfillmentOrder',
        '0',
        'fulfillmentOrderLineItems',
        '0',
        'quantity',
      ],
    });
    const unknown = await gqlData(simulator, FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/99999' }],
      },
    });
    expect(unknown.fulfillmentCreate.userErrors).toEqual([
      {
        field: ['fulfillment', 'lineItemsByFulfillmentOrder', '0', 'fulfillmentOrderId'],
        message: 'Fulfillment order does not exist.',
      },
    ]);

    // Move the mugs to the warehouse: now the order has two fulfillment orders at two locations.
    const moved = await gqlData(simulator, MOVE, {
      id: fulfillmentOrder.id,
      locationId: warehouse,
      items: [{ id: mugItem.id, quantity: 2 }],
    });
    expect(moved.fulfillmentOrderMove.userErrors).toEqual([]);
    expect(moved.fulfillmentOrderMove.movedFulfillmentOrder).toMatchObject({
      status: 'OPEN',
      assignedLocation: { location: { id: warehouse } },
      lineItems: { nodes: [{ totalQuantity: 2, remainingQuantity: 2 }] },
    });
    expect(moved.fulfillmentOrderMove.movedFulfillmentOrder.id).not.toBe(fulfillmentOrder.id);
    const split = await read(id);
    expect(split.fulfillmentOrders.nodes).toHaveLength(2);
    const both = await gqlData(simulator, FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: split.fulfillmentOrders.nodes.map((node) => ({
          fulfillmentOrderId: node.id,
        })),
      },
    });
    expect(both.fulfillmentCreate.fulfillment).toBeNull();
    expect(both.fulfillmentCreate.userErrors).toEqual([
      {
        field: ['fulfillment', 'lineItemsByFulfillmentOrder'],
        message: 'All fulfillment orders must be assigned to a single location.',
      },
    ]);
    // One request per location works.
    for (const node of split.fulfillmentOrders.nodes) {
      const one = await gqlData(simulator, FULFILLMENT_CREATE, {
        fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: node.id }] },
      });
      expect(one.fulfillmentCreate.userErrors).toEqual([]);
    }
    const done = await read(id);
    expect(done.displayFulfillmentStatus).toBe('FULFILLED');
    expect(done.fulfillments.map((fulfillment) => fulfillment.name.split('-').pop())).toEqual(['F1', 'F2']);
  });

  it('moves a whole untouched fulfillment order in place, and refuses bad moves', async () => {
    const id = await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    const fulfillmentOrder = (await read(id)).fulfillmentOrders.nodes[0]!;
    const moved = await gqlData(simulator, MOVE, { id: fulfillmentOrder.id, locationId: warehouse });
    expect(moved.fulfillmentOrderMove.movedFulfillmentOrder).toMatchObject({
      id: fulfillmentOrder.id,
      assignedLocation: { location: { id: warehouse } },
    });
    const same = await gqlData(simulator, MOVE, { id: fulfillmentOrder.id, locationId: warehouse });
    expect(same.fulfillmentOrderMove.userErrors[0].field).toEqual(['newLocationId']);
    const nowhere = await gqlData(simulator, MOVE, {
      id: fulfillmentOrder.id,
      locationId: 'gid://shopify/Location/999',
    });
    expect(nowhere.fulfillmentOrderMove.userErrors[0].field).toEqual(['newLocationId']);
  });

  it('lists open fulfillment orders across the shop, closed ones on request', async () => {
    const all = await gqlData(
      simulator,
      '{ open: fulfillmentOrders(first: 50) { nodes { status } } all: fulfillmentOrders(first: 50, includeClosed: true) { nodes { status } } }',
    );
    expect(all.open.nodes.every((node: { status: string }) => node.status !== 'CLOSED')).toBe(true);
    expect(all.all.nodes.some((node: { status: string }) => node.status === 'CLOSED')).toBe(true);
  });
});
