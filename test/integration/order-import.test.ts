import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportedFulfillmentOrder, ImportedOrder, Item, SalesHeader, SalesLine } from '../../erp/entities';
import { mapItem } from '../../erp/services/items';
import { recordShopifyLocations, setLocationMapping } from '../../erp/services/shipments';
import { retrySignal } from '../../workflows/messages';
import { createOrder } from '../../simulator/generator/create-order';
import type { ShopifyTarget } from '../../simulator/generator/admin-client';
import { hasDocument, needsAttention, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import {
  addShopCard,
  dispatchOrder,
  documentOf,
  orderHandle,
  runSync,
  shopifyTarget,
} from './order-test-kit';

let stack: TestStack;
let target: ShopifyTarget;
let variantId: string;
let mugVariantId: string;
/** Two more Shopify locations: one mapped to the shop location's code MAIN, one to WH2. */
let backroomLocationId: string;
let warehouseLocationId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const product = stack.simulator.store.addProduct({
    title: 'Organic T-shirt',
    variants: [{ title: 'M', sku: 'TSHIRT-M', barcode: '4006381333931', price: '25.00' }],
  });
  variantId = product.sim.variantIds[0]!;
  mugVariantId = stack.simulator.store.addProduct({
    title: 'Enamel mug',
    variants: [{ title: 'Default', sku: 'MUG-1', barcode: '4006381333948', price: '12.00' }],
  }).sim.variantIds[0]!;
  backroomLocationId = stack.simulator.store.addLocation({ name: 'Backroom', countryCode: 'US' }).id;
  warehouseLocationId = stack.simulator.store.addLocation({ name: 'Warehouse 2', countryCode: 'US' }).id;
  await addShopCard(stack, 'WEB', {
    items: [
      { no: 'TSHIRT-M', description: 'Organic T-shirt M' },
      { no: 'MUG-1', description: 'Enamel mug' },
    ],
    locations: [
      {
        shopifyLocationId: stack.simulator.store.defaultLocation()!.id,
        name: 'Shop location',
        locationCode: 'MAIN',
      },
      { shopifyLocationId: backroomLocationId, name: 'Backroom', locationCode: 'MAIN' },
      { shopifyLocationId: warehouseLocationId, name: 'Warehouse 2', locationCode: 'WH2' },
    ],
  });
  target = shopifyTarget(stack);
});

afterAll(async () => {
  await stack?.close();
});

describe('a Shopify order becomes a sales document through sync and its order workflow', () => {
  it('imports the order and creates exactly one sales order with item, shipping and comment lines', async () => {
    const order = await createOrder(target, {
      lines: [{ variantId, title: 'Organic T-shirt', sku: 'TSHIRT-M', quantity: 2, unitPrice: '25.00' }],
      shippingLines: [{ title: 'Standard', price: '5.00' }],
      customer: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
    });
    const report = await runSync(stack, 'WEB');
    expect(report.dispatched).toBeGreaterThanOrEqual(1);

    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      hasDocument,
    );
    expect(status.hasError).toBe(false);
    expect(status.document?.documentType).toBe('order');

    const em = stack.erp.orm.em.fork();
    const imported = await em.findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
    expect(imported.name).toBe(order.name);
    const headers = await em.find(SalesHeader, { shopifyOrderId: order.id });
    expect(headers).toHaveLength(1);
    const lines = await em.find(SalesLine, { headerId: headers[0]!.id }, { orderBy: { lineNo: 'asc' } });
    expect(lines.map((line) => line.type)).toEqual(expect.arrayContaining(['comment', 'item', 'gl_account']));
    const itemLine = lines.find((line) => line.type === 'item')!;
    expect(itemLine.no).toBe('TSHIRT-M');
    expect(Number(itemLine.quantity)).toBe(2);
    expect(itemLine.locationCode).toBe('MAIN');
  });
});

describe('an order shipping from two locations', () => {
  const requests = () => {
    const byOperation = stack.simulator.stats().byOperation;
    return {
      order: byOperation.OrderForImport?.requests ?? 0,
      fulfillmentOrders: byOperation.OrderFulfillmentOrdersForImport?.requests ?? 0,
    };
  };

  /** A T-shirt from the shop location and one unit of `second` from `secondLocationId`: two fulfillment orders. */
  function createTwoLocationOrder(
    second: { variantId: string; title: string; sku: string; unitPrice: string },
    secondLocationId: string,
  ) {
    return createOrder(target, {
      lines: [
        { variantId, title: 'Organic T-shirt', sku: 'TSHIRT-M', quantity: 1, unitPrice: '25.00' },
        { ...second, quantity: 1, shipFromLocationId: secondLocationId },
      ],
      shippingLines: [{ title: 'Standard', price: '5.00' }],
      customer: { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' },
    });
  }

  /** A T-shirt from the shop location and a mug from `mugLocationId`, imported to its document. */
  async function importTwoLocationOrder(mugLocationId: string) {
    const order = await createTwoLocationOrder(
      { variantId: mugVariantId, title: 'Enamel mug', sku: 'MUG-1', unitPrice: '12.00' },
      mugLocationId,
    );
    const fulfillmentOrders = stack.simulator.store.order(order.id)!.fulfillmentOrders;
    expect(fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.sim.locationId)).toEqual([
      stack.simulator.store.defaultLocation()!.id,
      mugLocationId,
    ]);
    const before = requests();
    await dispatchOrder(stack, order, 'WEB');
    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      hasDocument,
    );
    expect(status.hasError).toBe(false);
    const after = requests();
    const { lines } = await documentOf(stack, order.id);
    const storedFulfillmentOrders = await stack.erp.orm.em
      .fork()
      .find(ImportedFulfillmentOrder, { orderId: status.importedOrderId! }, { orderBy: { id: 'asc' } });
    return {
      orderRequests: after.order - before.order,
      fulfillmentOrderRequests: after.fulfillmentOrders - before.fulfillmentOrders,
      itemLines: lines
        .filter((line) => line.type === 'item')
        .map((line) => ({ no: line.no, locationCode: line.locationCode })),
      storedLines: storedFulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.lines?.length ?? null),
    };
  }

  it('takes one Shopify request when both locations map to one ERP location code', async () => {
    const imported = await importTwoLocationOrder(backroomLocationId);
    expect(imported.orderRequests).toBe(1);
    expect(imported.fulfillmentOrderRequests).toBe(0);
    expect(imported.itemLines).toEqual([
      { no: 'TSHIRT-M', locationCode: 'MAIN' },
      { no: 'MUG-1', locationCode: 'MAIN' },
    ]);
    // Honest about what it did not read: neither fulfillment order's lines.
    expect(imported.storedLines).toEqual([null, null]);
  });

  it("reads the fulfillment orders' lines when the locations map to two codes, and each line gets its own", async () => {
    const imported = await importTwoLocationOrder(warehouseLocationId);
    expect(imported.orderRequests).toBe(1);
    expect(imported.fulfillmentOrderRequests).toBe(1);
    expect(imported.itemLines).toEqual([
      { no: 'TSHIRT-M', locationCode: 'MAIN' },
      { no: 'MUG-1', locationCode: 'WH2' },
    ]);
    // The original fulfillment order still lists the moved mug, at quantity 0.
    expect(imported.storedLines).toEqual([2, 1]);
  });

  it('reads the lines after all when the mapping splits the locations before the document is made', async () => {
    const annexLocationId = stack.simulator.store.addLocation({ name: 'Annex', countryCode: 'US' }).id;
    await recordShopifyLocations(stack.erp.orm, 'WEB', [
      { shopifyLocationId: annexLocationId, name: 'Annex' },
    ]);
    await setLocationMapping(stack.erp.orm, 'WEB', annexLocationId, 'MAIN');
    const teapotVariantId = stack.simulator.store.addProduct({
      title: 'Teapot',
      variants: [{ title: 'Default', sku: 'TEAPOT-1', price: '40.00' }],
    }).sim.variantIds[0]!;
    const order = await createTwoLocationOrder(
      { variantId: teapotVariantId, title: 'Teapot', sku: 'TEAPOT-1', unitPrice: '40.00' },
      annexLocationId,
    );
    const before = requests();
    await dispatchOrder(stack, order, 'WEB', {
      recheckProblemsAfter: '10 minutes',
      maxRecheckInterval: '1 hour',
      activityAttemptTimeout: '5 seconds',
    });
    // Both locations map to MAIN: imported without the fulfillment orders' lines; the teapot is no item yet.
    const blocked = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      needsAttention,
    );
    expect(blocked.problems.map((problem) => problem.code)).toEqual(['ITEM_NOT_MAPPED']);
    expect(requests().fulfillmentOrders - before.fulfillmentOrders).toBe(0);

    // The operator maps the Annex to WH2 and the teapot to an item, then retries.
    await setLocationMapping(stack.erp.orm, 'WEB', annexLocationId, 'WH2');
    const em = stack.erp.orm.em.fork();
    em.create(Item, { no: 'TEAPOT-1', description: 'Teapot' });
    await em.flush();
    await mapItem(stack.erp.orm, stack.simulator.shopDomain, teapotVariantId, 'TEAPOT-1');
    await orderHandle(stack, order.id).signal(retrySignal);
    const done = await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument);
    expect(done.hasError).toBe(false);

    expect(requests().fulfillmentOrders - before.fulfillmentOrders).toBe(1);
    const { lines } = await documentOf(stack, order.id);
    expect(
      lines
        .filter((line) => line.type === 'item')
        .map((line) => ({ no: line.no, locationCode: line.locationCode })),
    ).toEqual([
      { no: 'TSHIRT-M', locationCode: 'MAIN' },
      { no: 'TEAPOT-1', locationCode: 'WH2' },
    ]);
  });
});
