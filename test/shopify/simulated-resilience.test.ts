import { afterEach, describe, expect, it } from 'vitest';
import { storeCallCounters } from '../../shopify/call-counters';
import { ShopifyAuthError, ShopifyUncertainOutcomeError, ShopifyUserErrors } from '../../shopify/errors';
import { createFulfillment, moveFulfillmentOrder } from '../../shopify/fulfillments';
import { closeOrder } from '../../shopify/order-close';
import { fetchOrderFulfillmentState } from '../../shopify/order-fulfillment-state';
import { fetchOrderForImport } from '../../shopify/order-import';
import { fetchShop } from '../../shopify/shop';
import { ORDER_FOR_IMPORT_REQUESTED_COST } from './order-for-import-cost';
import {
  placeOrder,
  seedVariants,
  startSimulatedStore,
  type SimulatedStore,
} from './helpers/simulated-store';

let store: SimulatedStore | undefined;
afterEach(async () => {
  await store?.stop();
  store = undefined;
});

describe('a burst larger than the bucket', () => {
  it('completes without a single THROTTLED answer and takes at least what the restore rate needs', async () => {
    // 30 mutations of 10 points = 300 points against a 100-point bucket restoring 200 a second:
    // (300 - 100) / 200 = 1 s at the least.
    store = await startSimulatedStore({ throttle: { maximumAvailable: 100, restoreRate: 200 } });
    const orderId = await placeOrder(store.simulator, seedVariants(store.simulator, 1));
    store.simulator.throttle.setAvailable(100);
    store.simulator.resetStats();
    const clients = [store.newClient(), store.newClient(), store.newClient()];
    const startedAt = Date.now();
    const closed = await Promise.all(
      Array.from({ length: 30 }, (_, index) => closeOrder(clients[index % clients.length]!, orderId)),
    );
    const elapsedMs = Date.now() - startedAt;
    expect(closed.every((order) => order.closed)).toBe(true);
    const stats = store.simulator.stats();
    expect(stats.throttled).toBe(0);
    expect(stats.requestedCost).toBe(300);
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
    const counted = storeCallCounters(store.simulator.shopDomain).snapshot();
    expect(counted).toMatchObject({ requests: 30, retries: 0, requestedCost: 300, actualCost: 300 });
    expect(counted.throttleWaits).toBeGreaterThan(10);
    expect(counted.throttleWaitMs).toBeGreaterThanOrEqual(900);
    // One throttle for the store; each client counts its own share of the calls.
    expect(clients[0]!.throttle).toBe(clients[2]!.throttle);
    expect(clients.map((client) => client.counters.snapshot().requests)).toEqual([10, 10, 10]);
  });

  it('keeps importing orders at the restore rate without THROTTLED answers', async () => {
    // 12 three-line orders with 10 imports in flight against a 1,000-point bucket restoring 500 a
    // second: each import books its requested cost (refunded to its actual cost once answered).
    store = await startSimulatedStore({ throttle: { maximumAvailable: 1000, restoreRate: 500 } });
    const variants = seedVariants(store.simulator, 3);
    const orderIds: string[] = [];
    for (let index = 0; index < 12; index++) orderIds.push(await placeOrder(store.simulator, variants));
    store.simulator.throttle.setAvailable(1000);
    store.simulator.resetStats();
    const client = store.newClient();
    const startedAt = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < orderIds.length) await fetchOrderForImport(client, orderIds[next++]!);
      }),
    );
    const elapsedMs = Date.now() - startedAt;
    const counted = client.counters.snapshot();
    expect(store.simulator.stats().throttled).toBe(0);
    expect(counted.requests).toBe(12);
    // The last import needs its requested cost free when it starts; the eleven before it spent their
    // actual cost; the bucket started full. The restore rate has to cover the difference.
    const actualPerOrder = counted.actualCost / orderIds.length;
    const leastMs =
      ((actualPerOrder * (orderIds.length - 1) + ORDER_FOR_IMPORT_REQUESTED_COST - 1000) / 500) * 1000;
    expect(elapsedMs).toBeGreaterThanOrEqual(leastMs - 50);
  });
});

describe('injected faults', () => {
  it('a query is retried through 5xx, a dropped connection, 429 and THROTTLED', async () => {
    store = await startSimulatedStore({ faults: { retryAfterSeconds: 0.05 } });
    const { faults } = store.simulator;
    faults.failNext(1, 'server-error');
    faults.failNext(1, 'drop');
    faults.failNext(1, 'too-many-requests');
    faults.failNext(1, 'throttled');
    const client = store.newClient();
    await expect(fetchShop(client)).resolves.toMatchObject({ myshopifyDomain: store.simulator.shopDomain });
    expect(faults.injected()).toMatchObject({
      'server-error': 1,
      drop: 1,
      'too-many-requests': 1,
      throttled: 1,
    });
    expect(client.counters.snapshot()).toMatchObject({ requests: 5, retries: 4 });
  });

  it('a mutation is retried after 429 and THROTTLED, which Shopify answers without running it', async () => {
    store = await startSimulatedStore({ faults: { retryAfterSeconds: 0.05 } });
    const orderId = await placeOrder(store.simulator, seedVariants(store.simulator, 1));
    store.simulator.faults.failNext(1, 'too-many-requests');
    store.simulator.faults.failNext(1, 'throttled');
    const client = store.newClient();
    await expect(closeOrder(client, orderId)).resolves.toMatchObject({ id: orderId, closed: true });
    expect(client.counters.snapshot()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('a mutation is not resent after a 5xx or a dropped connection: the outcome is uncertain', async () => {
    store = await startSimulatedStore();
    const orderId = await placeOrder(store.simulator, seedVariants(store.simulator, 1));
    for (const kind of ['server-error', 'drop'] as const) {
      store.simulator.faults.failNext(1, kind);
      const client = store.newClient();
      await expect(closeOrder(client, orderId)).rejects.toBeInstanceOf(ShopifyUncertainOutcomeError);
      expect(client.counters.snapshot().requests).toBe(1);
    }
    expect(store.simulator.stats().byOperation.OrderClose?.requests ?? 0).toBe(0);
  });

  it('a wrong access token is an auth error, not retried', async () => {
    store = await startSimulatedStore();
    const client = store.newClient({ accessToken: 'shpat_wrong' });
    const error = await fetchShop(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShopifyAuthError);
    expect((error as Error).message).not.toContain('shpat_wrong');
    expect(client.counters.snapshot().requests).toBe(1);
  });
});

describe('fulfilment', () => {
  it('reconciles an uncertain fulfillmentCreate before sending it again, and fulfils once', async () => {
    store = await startSimulatedStore();
    const orderId = await placeOrder(store.simulator, seedVariants(store.simulator, 3));
    const client = store.newClient();
    const { order } = await fetchOrderFulfillmentState(client, orderId);
    const fulfillmentOrder = order.fulfillmentOrders.nodes[0]!;
    const request = {
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }],
      trackingInfo: { company: 'UPS', number: '1Z999', url: 'https://ups.example/1Z999' },
      notifyCustomer: true,
      subject: 'shipment S-1',
    };

    store.simulator.faults.failNext(1, 'drop');
    await expect(createFulfillment(client, request)).rejects.toBeInstanceOf(ShopifyUncertainOutcomeError);
    const before = await fetchOrderFulfillmentState(client, orderId);
    expect(before.order.fulfillments).toEqual([]);

    const created = await createFulfillment(client, request);
    expect(created.trackingInfo).toEqual([
      { company: 'UPS', number: '1Z999', url: 'https://ups.example/1Z999' },
    ]);
    const after = await fetchOrderFulfillmentState(client, orderId);
    expect(after.order.fulfillments.map((fulfillment) => fulfillment.id)).toEqual([created.id]);
    expect(after.order.fulfillments[0]?.fulfillmentLineItems.nodes).toHaveLength(3);
    expect(
      after.order.fulfillmentOrders.nodes[0]?.lineItems.nodes.every((line) => line.remainingQuantity === 0),
    ).toBe(true);
  });

  it('turns userErrors into ShopifyUserErrors with field paths and what the call was about', async () => {
    store = await startSimulatedStore();
    const orderId = await placeOrder(store.simulator, seedVariants(store.simulator, 1));
    const client = store.newClient();
    const error = await createFulfillment(client, {
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/987654' }],
      notifyCustomer: false,
      subject: 'shipment S-2 of order #1001',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShopifyUserErrors);
    const userErrors = error as ShopifyUserErrors;
    expect(userErrors.userErrors[0]?.field).toEqual([
      'fulfillment',
      'lineItemsByFulfillmentOrder',
      '0',
      'fulfillmentOrderId',
    ]);
    expect(userErrors.message).toMatch(
      /^Shopify refused FulfillmentCreate for shipment S-2 of order #1001 on /,
    );
    expect(client.counters.snapshot().requests).toBe(1);

    const { order } = await fetchOrderFulfillmentState(client, orderId);
    const currentLocation = order.fulfillmentOrders.nodes[0]!.assignedLocation.location!.id;
    const move = await moveFulfillmentOrder(client, {
      fulfillmentOrderId: order.fulfillmentOrders.nodes[0]!.id,
      newLocationId: currentLocation,
    }).catch((caught: unknown) => caught);
    expect(move).toBeInstanceOf(ShopifyUserErrors);
    expect((move as ShopifyUserErrors).userErrors[0]?.field).toEqual(['newLocationId']);
  });

  it('moves a fulfillment order to another location', async () => {
    store = await startSimulatedStore();
    const warehouse = store.simulator.store.addLocation({
      name: 'Warehouse',
      countryCode: 'CA',
      city: 'Toronto',
    });
    const orderId = await placeOrder(store.simulator, seedVariants(store.simulator, 2));
    const client = store.newClient();
    const { order } = await fetchOrderFulfillmentState(client, orderId);
    const moved = await moveFulfillmentOrder(client, {
      fulfillmentOrderId: order.fulfillmentOrders.nodes[0]!.id,
      newLocationId: warehouse.id,
    });
    expect(moved.movedFulfillmentOrder?.assignedLocation.location?.id).toBe(warehouse.id);
  });
});
