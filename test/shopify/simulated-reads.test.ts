import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverOrderPages, discoverOrders, updatedWindowQuery } from '../../shopify/order-discovery';
import { fetchOrderForImport } from '../../shopify/order-import';
import { orderChannel, toOrderSnapshot } from '../../shopify/order-snapshot';
import { fetchShop } from '../../shopify/shop';
import { ORDER_FOR_IMPORT_REQUESTED_COST } from './order-for-import-cost';
import { listLocations } from '../../shopify/locations';
import { ShopifyNotFoundError } from '../../shopify/errors';
import type { OrderRecord } from '../../simulator/records';
import {
  placeOrder,
  seedVariants,
  startSimulatedStore,
  type SimulatedStore,
} from './helpers/simulated-store';

let store: SimulatedStore;
let variantIds: string[];
const ORDER_COUNT = 131;

beforeAll(async () => {
  store = await startSimulatedStore();
  variantIds = seedVariants(store.simulator, 47);
  for (let index = 0; index < ORDER_COUNT; index++) {
    await placeOrder(store.simulator, [variantIds[index % variantIds.length]!], {
      tags: [`batch-${index % 2}`],
    });
  }
});

afterAll(async () => {
  await store.stop();
});

/** A setup call outside the client under test; fails on any error or userError. */
async function adminCall(query: string, variables: Record<string, unknown>): Promise<void> {
  const response = await fetch(store.simulator.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': store.simulator.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  if (!response.ok || /"errors"|"userErrors":\[\{/.test(text)) throw new Error(`setup call failed: ${text}`);
}

/** The simulated shop's first location, where orders are placed. */
function shopLocationId(): string {
  return store.simulator.store.locations[0]!.id;
}

const everything = updatedWindowQuery({
  updatedFrom: '2000-01-01T00:00:00Z',
  updatedTo: '2100-01-01T00:00:00Z',
});

describe('discovery against the simulator', () => {
  it('pages to the last order (125 a page)', async () => {
    const client = store.newClient();
    const names: string[] = [];
    for await (const order of discoverOrders(client, everything)) names.push(order.name);
    expect(names).toHaveLength(ORDER_COUNT);
    expect(new Set(names).size).toBe(ORDER_COUNT);
    expect(client.counters.snapshot().byOperation.OrdersToImport?.requests).toBe(2);
  });

  it('returns the lean row with the shop-currency total, both currency codes and updatedAt in ascending order', async () => {
    const pages = [];
    for await (const page of discoverOrderPages(store.newClient(), everything)) pages.push(page);
    const first = pages[0]!.nodes[0]!;
    expect(first.currentTotalPriceSet).toEqual({
      shopMoney: { amount: expect.stringMatching(/^\d+\.\d+$/), currencyCode: 'USD' },
    });
    expect(first).toMatchObject({ currencyCode: 'USD', presentmentCurrencyCode: 'USD' });
    expect(first.id).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
    const updatedAts = pages.flatMap((page) => page.nodes.map((order) => order.updatedAt));
    expect([...updatedAts].sort()).toEqual(updatedAts);
  });

  it('narrows with the filter and the window bounds', async () => {
    const client = store.newClient();
    const tagged: string[] = [];
    for await (const order of discoverOrders(
      client,
      updatedWindowQuery({
        updatedFrom: '2000-01-01T00:00:00Z',
        updatedTo: '2100-01-01T00:00:00Z',
        filter: 'tag:batch-1',
      }),
    )) {
      tagged.push(order.name);
    }
    expect(tagged).toHaveLength(Math.floor(ORDER_COUNT / 2));
    const none: string[] = [];
    for await (const order of discoverOrders(
      client,
      updatedWindowQuery({ updatedFrom: '2100-01-01T00:00:00Z', updatedTo: '2100-01-02T00:00:00Z' }),
    )) {
      none.push(order.name);
    }
    expect(none).toEqual([]);
  });
});

describe('the full order for import', () => {
  it('carries the channel discovery filtered on (attribution handle, else source name; not the app)', async () => {
    const discovered = new Map<string, string | null>();
    for await (const node of discoverOrders(store.newClient(), everything))
      discovered.set(node.id, orderChannel(node));
    const orderIds = [...discovered.keys()].slice(0, 5);
    for (const orderId of orderIds) {
      const { order } = await fetchOrderForImport(store.newClient(), orderId);
      expect(order.sourceName).toBeTruthy();
      expect(toOrderSnapshot(order).channel).toBe(discovered.get(orderId));
      expect(toOrderSnapshot(order).channel).toBe(order.attribution?.handle ?? order.sourceName);
    }
  });

  it('arrives in one request when it has up to 20 lines, its only fulfillment order read without lines', async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 20));
    const client = store.newClient();
    const { order, requestCount } = await fetchOrderForImport(client, orderId);
    expect(requestCount).toBe(1);
    expect(order.lineItems.nodes).toHaveLength(20);
    expect(order.fulfillmentOrders.nodes).toHaveLength(1);
    expect(order.fulfillmentOrders.nodes[0]?.lineItems).toBeUndefined();
    expect(client.counters.snapshot().requests).toBe(1);

    const snapshot = toOrderSnapshot(order);
    expect(snapshot.fulfillmentOrders).toEqual([
      expect.objectContaining({ assignedLocationId: shopLocationId(), lines: null }),
    ]);
    expect(new Set(snapshot.lines.map((line) => line.fulfillmentLocationId))).toEqual(
      new Set([shopLocationId()]),
    );
  });

  it('pages every overflowing connection and returns all lines of a 47-line order', async () => {
    const orderId = await placeOrder(store.simulator, variantIds);
    const client = store.newClient();
    const { order, requestCount } = await fetchOrderForImport(client, orderId);
    expect(order.lineItems.nodes.map((line) => line.sku)).toEqual(
      variantIds.map((_, index) => `SKU-${index + 1}`),
    );
    expect(order.lineItems.pageInfo.hasNextPage).toBe(false);
    // The order and one more page of lines: the only fulfillment order's lines are not needed.
    expect(requestCount).toBe(2);
    const counted = client.counters.snapshot();
    expect(counted.requests).toBe(2);
    expect(Object.keys(counted.byOperation).sort()).toEqual(['OrderForImport', 'OrderLineItemsPage']);
    expect(counted.byOperation.OrderForImport?.requestedCost).toBe(ORDER_FOR_IMPORT_REQUESTED_COST);
    expect(counted.actualCost).toBeLessThan(counted.requestedCost);
  });

  it('reads the lines of every fulfillment order, to the end, when the order ships from two locations', async () => {
    const orderId = await placeOrder(store.simulator, variantIds);
    const warehouse = store.simulator.store.addLocation({ name: 'Second warehouse', countryCode: 'US' });
    const original = store.simulator.store.order(orderId)!.fulfillmentOrders[0]!;
    await adminCall(
      `mutation Move($id: ID!, $to: ID!, $items: [FulfillmentOrderLineItemInput!]) {
        fulfillmentOrderMove(id: $id, newLocationId: $to, fulfillmentOrderLineItems: $items) {
          movedFulfillmentOrder { id } userErrors { message } } }`,
      {
        id: original.id,
        to: warehouse.id,
        items: original.lineItems.slice(0, 25).map((item) => ({ id: item.id, quantity: 2 })),
      },
    );
    const client = store.newClient();
    const { order, requestCount } = await fetchOrderForImport(client, orderId);
    // The order, one more page of lines, both fulfillment orders with their first 20 lines, and one
    // more page of lines for each (the original still lists the 25 moved lines, at quantity 0).
    expect(requestCount).toBe(5);
    expect(client.counters.snapshot().byOperation).toMatchObject({
      OrderForImport: { requests: 1 },
      OrderLineItemsPage: { requests: 1 },
      OrderFulfillmentOrdersForImport: { requests: 1 },
      FulfillmentOrderLineItemsPage: { requests: 2 },
    });
    const snapshot = toOrderSnapshot(order);
    expect(snapshot.fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.lines?.length)).toEqual([
      47, 25,
    ]);
    const locations = snapshot.lines.map((line) => line.fulfillmentLocationId);
    expect(locations.slice(0, 25)).toEqual(Array(25).fill(warehouse.id));
    expect(locations.slice(25)).toEqual(Array(22).fill(shopLocationId()));
  });

  it('leaves the lines of three fulfillment orders out, in one request, when the caller does not need them', async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 4));
    const warehouse = store.simulator.store.addLocation({ name: 'Third warehouse', countryCode: 'US' });
    const backroom = store.simulator.store.addLocation({ name: 'Backroom', countryCode: 'US' });
    const original = store.simulator.store.order(orderId)!.fulfillmentOrders[0]!;
    for (const [to, line] of [
      [warehouse.id, 3],
      [backroom.id, 2],
    ] as const) {
      await adminCall(
        `mutation Move($id: ID!, $to: ID!, $items: [FulfillmentOrderLineItemInput!]) {
          fulfillmentOrderMove(id: $id, newLocationId: $to, fulfillmentOrderLineItems: $items) {
            movedFulfillmentOrder { id } userErrors { message } } }`,
        { id: original.id, to, items: [{ id: original.lineItems[line]!.id, quantity: 2 }] },
      );
    }
    const asked: (string | null)[][] = [];
    const client = store.newClient();
    const { order, requestCount } = await fetchOrderForImport(client, orderId, {
      fulfillmentOrderLinesNeeded: async (locationIds) => {
        asked.push(locationIds);
        return false;
      },
    });
    // All three come in OrderForImport's first page of five, so the caller decides on them.
    expect(asked).toEqual([[shopLocationId(), warehouse.id, backroom.id]]);
    expect(requestCount).toBe(1);
    expect(Object.keys(client.counters.snapshot().byOperation)).toEqual(['OrderForImport']);
    const snapshot = toOrderSnapshot(order);
    expect(snapshot.fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.lines)).toEqual([
      null,
      null,
      null,
    ]);
    // Every line at the oldest fulfillment order's location, the moved ones included.
    expect(snapshot.lines.map((line) => line.fulfillmentLocationId)).toEqual(Array(4).fill(shopLocationId()));

    const needed = store.newClient();
    const precise = await fetchOrderForImport(needed, orderId, {
      fulfillmentOrderLinesNeeded: async () => true,
    });
    expect(precise.requestCount).toBe(2);
    expect(toOrderSnapshot(precise.order).lines.map((line) => line.fulfillmentLocationId)).toEqual([
      shopLocationId(),
      shopLocationId(),
      backroom.id,
      warehouse.id,
    ]);
  });

  it("reads each line's discounts as amounts, without the discount application each comes from", async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 2), {
      discountCode: { itemPercentageDiscountCode: { code: 'TEN', percentage: 10 } },
    });
    const { order } = await fetchOrderForImport(store.newClient(), orderId);
    const snapshot = toOrderSnapshot(order);
    const usd = (amount: string) => ({
      shop: { amount, currencyCode: 'USD' },
      presentment: { amount, currencyCode: 'USD' },
    });
    // Two units of 10.00 a line, 10 % off: 2.00 a line, and nothing else on the allocation (the
    // application's index pointed into the order's discount applications, which nothing reads).
    expect(snapshot.lines.map((line) => line.discountAllocations)).toEqual([
      [{ amount: usd('2.0') }],
      [{ amount: usd('2.0') }],
    ]);
    const shopifyLines = store.simulator.store.order(orderId)!.lineItems;
    expect(shopifyLines.map((line) => line.totalDiscountSet.shopMoney.amount)).toEqual(['2.0', '2.0']);
  });

  it("reads the customer without its default address, which nothing uses (the order's bill-to is)", async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 1), {
      customer: {
        toUpsert: {
          email: 'addressed-buyer@example.com',
          firstName: 'Ada',
          lastName: 'Byron',
          addresses: [{ address1: '1 Main St', city: 'Springfield', country: 'US', zip: '62701' }],
        },
      },
    });
    const { order } = await fetchOrderForImport(store.newClient(), orderId);
    const customer = toOrderSnapshot(order).customer;
    expect(customer).toEqual({
      shopifyCustomerId: expect.stringMatching(/^gid:\/\/shopify\/Customer\/\d+$/),
      legacyResourceId: expect.any(String),
      // The order has an e-mail of its own (buyer@example.com): the customer's does not stand in.
      email: null,
      phone: null,
      firstName: 'Ada',
      lastName: 'Byron',
    });
  });

  it('pages refund lines and return lines past their first pages', async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 8), {
      fulfillmentStatus: 'FULFILLED',
    });
    const client = store.newClient();
    const { order: fulfilled } = await fetchOrderForImport(client, orderId);
    const fulfillmentLines = fulfilled.fulfillments.flatMap(
      (fulfillment) => fulfillment.fulfillmentLineItems.nodes,
    );
    expect(fulfillmentLines).toHaveLength(8);
    await adminCall(
      `mutation Return($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id } userErrors { message } } }`,
      {
        input: {
          orderId,
          returnLineItems: fulfillmentLines
            .slice(0, 7)
            .map((line) => ({ fulfillmentLineItemId: line.id, quantity: 1 })),
        },
      },
    );
    await adminCall(
      `mutation Refund($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }`,
      {
        input: {
          orderId,
          refundLineItems: fulfilled.lineItems.nodes
            .slice(0, 7)
            .map((line) => ({ lineItemId: line.id, quantity: 1, restockType: 'NO_RESTOCK' })),
        },
      },
    );

    const counting = store.newClient();
    const { order, requestCount } = await fetchOrderForImport(counting, orderId);
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds[0]?.refundLineItems.nodes).toHaveLength(7);
    expect(order.refunds[0]?.refundLineItems.nodes[0]).toMatchObject({
      quantity: 1,
      restockType: 'NO_RESTOCK',
    });
    expect(order.returns.nodes).toHaveLength(1);
    expect(order.returns.nodes[0]?.returnLineItems.nodes).toHaveLength(7);
    expect(requestCount).toBe(3);
    expect(Object.keys(counting.counters.snapshot().byOperation).sort()).toEqual([
      'OrderForImport',
      'RefundLineItemsPage',
      'ReturnLineItemsPage',
    ]);
  });

  it('leaves presentment money out of an order in the shop currency (one request), and the snapshot repeats shop money', async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 2));
    const client = store.newClient();
    const { order, requestCount } = await fetchOrderForImport(client, orderId);
    expect(requestCount).toBe(1);
    expect(order.currentTotalPriceSet.shopMoney.amount).toMatch(/^\d+\.\d+$/);
    expect(order.lineItems.nodes[0]?.originalUnitPriceSet).toEqual({
      shopMoney: { amount: '10.0', currencyCode: 'USD' },
    });
    expect(toOrderSnapshot(order).lines[0]?.originalUnitPrice).toEqual({
      shop: { amount: '10.0', currencyCode: 'USD' },
      presentment: { amount: '10.0', currencyCode: 'USD' },
    });
    // The trimmed query is charged as trimmed.
    expect(client.counters.snapshot().requestedCost).toBe(ORDER_FOR_IMPORT_REQUESTED_COST);
  });

  it('fetches an order in another currency again with presentment money, or at once when discovery told', async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 2), { presentmentCurrency: 'EUR' });
    const optimistic = store.newClient();
    const { order, requestCount } = await fetchOrderForImport(optimistic, orderId);
    expect(requestCount).toBe(2);
    expect(optimistic.counters.snapshot().byOperation.OrderForImport?.requests).toBe(2);
    expect(order.lineItems.nodes[0]?.originalUnitPriceSet.presentmentMoney?.currencyCode).toBe('EUR');
    expect(toOrderSnapshot(order).totals.currentTotal.presentment.currencyCode).toBe('EUR');

    const told = store.newClient();
    const hinted = await fetchOrderForImport(told, orderId, {
      currencies: { currencyCode: 'USD', presentmentCurrencyCode: 'EUR' },
    });
    expect(hinted.requestCount).toBe(1);
    expect(hinted.order).toEqual(order);
  });

  it('fetches again when the currencies it was told are wrong, and never converts a two-currency order without presentment money', async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 1), { presentmentCurrency: 'EUR' });
    const { order, requestCount } = await fetchOrderForImport(store.newClient(), orderId, {
      currencies: { currencyCode: 'USD', presentmentCurrencyCode: 'USD' },
    });
    expect(requestCount).toBe(2);
    expect(order.currentTotalPriceSet.presentmentMoney?.currencyCode).toBe('EUR');

    const sameCurrency = await placeOrder(store.simulator, variantIds.slice(0, 1));
    const { order: withoutPresentment } = await fetchOrderForImport(store.newClient(), sameCurrency);
    expect(() => toOrderSnapshot({ ...withoutPresentment, presentmentCurrencyCode: 'EUR' })).toThrow(
      /in USD and EUR, but its presentment money was not fetched/,
    );
  });

  it("reads the customer's default e-mail and phone only for what the order lacks, and the snapshot does not depend on it", async () => {
    const buyer = { toUpsert: { email: 'dana@example.com', phone: '+4722334455', firstName: 'Dana' } };
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 1), { customer: buyer });
    // Own e-mail, no phone of its own (checkout did not ask): the customer's phone stands in for it.
    store.simulator.store.nodeOfType<OrderRecord>(orderId, 'Order')!.phone = null;
    const unhinted = store.newClient();
    const full = await fetchOrderForImport(unhinted, orderId);
    expect(full.order.customer?.defaultEmailAddress?.emailAddress).toBe('dana@example.com');
    expect(toOrderSnapshot(full.order).customer).toMatchObject({ email: null, phone: '+4722334455' });

    const hinted = store.newClient();
    const told = await fetchOrderForImport(hinted, orderId, { contact: { hasEmail: true, hasPhone: false } });
    expect(told.requestCount).toBe(1);
    expect(told.order.customer?.defaultEmailAddress).toBeUndefined();
    expect(told.order.customer?.defaultPhoneNumber?.phoneNumber).toBe('+4722334455');
    expect(toOrderSnapshot(told.order)).toEqual(toOrderSnapshot(full.order));
    // The default e-mail is an object of its own: one point less.
    expect(hinted.counters.snapshot().actualCost).toBe(unhinted.counters.snapshot().actualCost - 1);
  });

  it('reads the order again with the customer defaults when it lacks what it was said to have', async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 1), {
      customer: { toUpsert: { email: 'eli@example.com', firstName: 'Eli' } },
    });
    // Edited after discovery looked: the order's own e-mail is gone.
    store.simulator.store.nodeOfType<OrderRecord>(orderId, 'Order')!.email = null;
    const { order, requestCount } = await fetchOrderForImport(store.newClient(), orderId, {
      contact: { hasEmail: true, hasPhone: true },
    });
    expect(requestCount).toBe(2);
    expect(toOrderSnapshot(order).customer?.email).toBe('eli@example.com');
  });

  it('accepts a numeric id and names a missing order', async () => {
    const orderId = await placeOrder(store.simulator, variantIds.slice(0, 1));
    const numericId = orderId.split('/').pop()!;
    await expect(fetchOrderForImport(store.newClient(), numericId)).resolves.toMatchObject({
      order: { id: orderId },
    });
    await expect(fetchOrderForImport(store.newClient(), '999999999')).rejects.toThrow(ShopifyNotFoundError);
  });
});

describe('shop and locations', () => {
  it('reads the shop and every location', async () => {
    store.simulator.store.addLocation({ name: 'Warehouse', countryCode: 'CA', city: 'Toronto' });
    const shop = await fetchShop(store.client);
    expect(shop).toMatchObject({ myshopifyDomain: store.simulator.shopDomain, currencyCode: 'USD' });
    const locations = await listLocations(store.client);
    expect(locations.map((location) => location.name)).toEqual(
      expect.arrayContaining(['Shop location', 'Warehouse']),
    );
  });
});
