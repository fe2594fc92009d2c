import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/money';
import { ImportedOrder, ImportedOrderLine, type SalesLine } from '../../erp/entities';
import { createShopifyClient } from '../../shopify/client';
import { moveFulfillmentOrder } from '../../shopify/fulfillments';
import { createOrder, type GeneratedOrder } from '../../simulator/generator/create-order';
import { editOrder } from '../../simulator/generator/edit-order';
import { fulfillOrder } from '../../simulator/generator/fulfill-order';
import { cancelOrder, markOrderAsPaid } from '../../simulator/generator/order-lifecycle';
import type { CreateOrderRequest } from '../../simulator/generator/order-request';
import type { OrderStatus } from '../../workflows/messages';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import {
  addShopCard,
  documentCount,
  documentOf,
  importedVersion,
  queryOrder,
  runSync,
  shopifyTarget,
} from './order-test-kit';

/**
 * SPEC §3 "Effect of edits made in Shopify", row by row and in both columns, through real order
 * edits in the simulator and the order sync. The RELEASED card releases documents at once, so an
 * "already imported" order's document can no longer follow Shopify; the OPEN card shows what
 * happens while the document is still open (SPEC §10).
 */

let stack: TestStack;
let itemA: string;
let itemB: string;
let mainLocationId: string;
let warehouseLocationId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const { store } = stack.simulator;
  itemA = store.addProduct({
    title: 'Item A',
    variants: [{ title: 'Default', sku: 'ITEM-A', price: '10.00' }],
  }).sim.variantIds[0]!;
  itemB = store.addProduct({
    title: 'Item B',
    variants: [{ title: 'Default', sku: 'ITEM-B', price: '20.00' }],
  }).sim.variantIds[0]!;
  mainLocationId = store.defaultLocation()!.id;
  warehouseLocationId = store.addLocation({ name: 'Warehouse 2', city: 'Reno', countryCode: 'US' }).id;
  const setup = {
    items: [
      { no: 'ITEM-A', description: 'Item A' },
      { no: 'ITEM-B', description: 'Item B' },
    ],
    locations: [
      { shopifyLocationId: mainLocationId, name: 'Shop location', locationCode: 'MAIN' },
      { shopifyLocationId: warehouseLocationId, name: 'Warehouse 2', locationCode: 'WH2' },
    ],
  };
  await addShopCard(
    stack,
    'RELEASED',
    { ...setup, autoReleaseOrders: true },
    { orderSyncFilters: { tagFilter: 'released' } },
  );
  await addShopCard(
    stack,
    'OPEN',
    { ...setup, autoReleaseOrders: false },
    { orderSyncFilters: { tagFilter: 'open' } },
  );
});

afterAll(async () => {
  await stack?.close();
});

const target = () => shopifyTarget(stack);
const em = () => stack.erp.orm.em.fork();

/** 2 × Item A, and optionally 1 × Item B, tagged for the card that imports it. */
function newOrder(
  tag: 'released' | 'open',
  overrides: Partial<CreateOrderRequest> & { withB?: boolean } = {},
) {
  const { withB, ...request } = overrides;
  return createOrder(target(), {
    lines: [
      { variantId: itemA, title: 'Item A', sku: 'ITEM-A', quantity: 2, unitPrice: '10.00' },
      ...(withB
        ? [{ variantId: itemB, title: 'Item B', sku: 'ITEM-B', quantity: 1, unitPrice: '20.00' }]
        : []),
    ],
    customer: null,
    tags: [tag],
    taxRate: '0',
    ...request,
  });
}

/** The edits of the table, each as Shopify's admin would make it. */
const edits = {
  async moveLocation(order: GeneratedOrder): Promise<void> {
    const client = createShopifyClient({
      shopDomain: stack.simulator.shopDomain,
      accessToken: stack.simulator.accessToken,
      baseUrl: stack.simulator.baseUrl,
    });
    const fulfillmentOrder = stack.simulator.store.order(order.id)!.fulfillmentOrders[0]!;
    await moveFulfillmentOrder(client, {
      fulfillmentOrderId: fulfillmentOrder.id,
      newLocationId: warehouseLocationId,
    });
  },
  increase: (order: GeneratedOrder) =>
    editOrder(target(), order.id, [{ kind: 'setQuantity', lineItemId: order.lineItemIds[0]!, quantity: 3 }]),
  decrease: (order: GeneratedOrder) =>
    editOrder(target(), order.id, [{ kind: 'setQuantity', lineItemId: order.lineItemIds[0]!, quantity: 1 }]),
  removeB: (order: GeneratedOrder) =>
    editOrder(target(), order.id, [{ kind: 'removeLine', lineItemId: order.lineItemIds[1]! }]),
  addB: (order: GeneratedOrder) =>
    editOrder(target(), order.id, [{ kind: 'addVariant', variantId: itemB, quantity: 1 }]),
  async fulfilAndPay(order: GeneratedOrder): Promise<void> {
    await markOrderAsPaid(target(), order.id);
    await fulfillOrder(target(), order.id);
  },
  cancel: (order: GeneratedOrder) => cancelOrder(target(), order.id, { refund: false }),
};

async function importedLines(order: GeneratedOrder) {
  const imported = await em().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
  const lines = await em().find(
    ImportedOrderLine,
    { orderId: imported.id },
    { orderBy: { position: 'asc' } },
  );
  return { imported, lines };
}

const itemLines = (lines: SalesLine[]) =>
  lines
    .filter((line) => line.type === 'item')
    .map((line) => ({ no: line.no, quantity: Number(line.quantity), locationCode: line.locationCode }));

const waitForDocument = (order: GeneratedOrder) =>
  waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument);

describe('edit table, "order imported for the first time" column (edited before the first sync)', () => {
  const orders = {} as Record<keyof typeof edits, GeneratedOrder>;

  beforeAll(async () => {
    orders.moveLocation = await newOrder('released');
    orders.increase = await newOrder('released');
    orders.decrease = await newOrder('released');
    orders.removeB = await newOrder('released', { withB: true });
    orders.addB = await newOrder('released');
    orders.fulfilAndPay = await newOrder('released', { financialStatus: 'PENDING' });
    orders.cancel = await newOrder('released');
    for (const [edit, order] of Object.entries(orders)) await edits[edit as keyof typeof edits](order);
    const report = await runSync(stack, 'RELEASED');
    expect(report.dispatched).toBe(6);
    await Promise.all(
      Object.entries(orders)
        .filter(([edit]) => edit !== 'cancel')
        .map(([, order]) => waitForDocument(order)),
    );
  });

  it('change fulfillment location: the fulfillment location is used', async () => {
    const { lines } = await importedLines(orders.moveLocation);
    expect(lines[0]!.fulfillmentLocationId).toBe(warehouseLocationId);
    expect(itemLines((await documentOf(stack, orders.moveLocation.id)).lines)).toEqual([
      { no: 'ITEM-A', quantity: 2, locationCode: 'WH2' },
    ]);
  });

  it('increase quantity: the new quantity is used', async () => {
    const { lines } = await importedLines(orders.increase);
    expect(lines[0]).toMatchObject({ quantity: 3, currentQuantity: 3, quantityToFulfill: 3 });
    expect(itemLines((await documentOf(stack, orders.increase.id)).lines)).toEqual([
      { no: 'ITEM-A', quantity: 3, locationCode: 'MAIN' },
    ]);
  });

  it('decrease quantity: the original quantity is imported, quantity to fulfil holds the new value', async () => {
    const { lines } = await importedLines(orders.decrease);
    expect(lines[0]).toMatchObject({ quantity: 2, currentQuantity: 1, quantityToFulfill: 1 });
    // The document bills what the customer still buys.
    expect(itemLines((await documentOf(stack, orders.decrease.id)).lines)).toEqual([
      { no: 'ITEM-A', quantity: 1, locationCode: 'MAIN' },
    ]);
  });

  it('remove an item: the removed item is still imported, with quantity to fulfil 0', async () => {
    const { lines } = await importedLines(orders.removeB);
    expect(lines.map((line) => line.sku)).toEqual(['ITEM-A', 'ITEM-B']);
    expect(lines[1]).toMatchObject({ quantity: 1, currentQuantity: 0, quantityToFulfill: 0 });
    expect(itemLines((await documentOf(stack, orders.removeB.id)).lines)).toEqual([
      { no: 'ITEM-A', quantity: 2, locationCode: 'MAIN' },
    ]);
  });

  it('add an item: original and added items are imported', async () => {
    const { lines } = await importedLines(orders.addB);
    expect(lines.map((line) => [line.sku, line.quantity])).toEqual([
      ['ITEM-A', 2],
      ['ITEM-B', 1],
    ]);
    expect(itemLines((await documentOf(stack, orders.addB.id)).lines)).toEqual([
      { no: 'ITEM-A', quantity: 2, locationCode: 'MAIN' },
      { no: 'ITEM-B', quantity: 1, locationCode: 'MAIN' },
    ]);
  });

  it('fulfil, update payment: no special effect (statuses as Shopify has them, lines as ordered)', async () => {
    const { imported, lines } = await importedLines(orders.fulfilAndPay);
    expect(imported.financialStatus).toBe('PAID');
    expect(imported.fulfillmentStatus).toBe('FULFILLED');
    expect(lines[0]).toMatchObject({ quantity: 2, currentQuantity: 2, quantityToFulfill: 0 });
    const { header, lines: documentLines } = await documentOf(stack, orders.fulfilAndPay.id);
    // Already fulfilled in Shopify: the document is an invoice (SPEC §4.1).
    expect(header.documentType).toBe('invoice');
    expect(itemLines(documentLines)).toEqual([{ no: 'ITEM-A', quantity: 2, locationCode: 'MAIN' }]);
  });

  it('cancel: not imported', async () => {
    expect(await em().count(ImportedOrder, { shopifyOrderId: orders.cancel.id })).toBe(0);
    expect(await documentCount(stack, orders.cancel.id)).toBe(0);
  });
});

describe('edit table, "already imported order" column (released document)', () => {
  const orders = {} as Record<keyof typeof edits, GeneratedOrder>;
  const before = new Map<string, Awaited<ReturnType<typeof documentOf>>>();
  const statuses = new Map<string, OrderStatus>();

  beforeAll(async () => {
    orders.moveLocation = await newOrder('released');
    orders.increase = await newOrder('released');
    orders.decrease = await newOrder('released');
    orders.removeB = await newOrder('released', { withB: true });
    orders.addB = await newOrder('released');
    orders.fulfilAndPay = await newOrder('released', { financialStatus: 'PENDING' });
    orders.cancel = await newOrder('released');
    await runSync(stack, 'RELEASED');
    for (const order of Object.values(orders)) {
      await waitForDocument(order);
      const document = await documentOf(stack, order.id);
      expect(document.header.status).toBe('released');
      before.set(order.id, document);
    }
    for (const [edit, order] of Object.entries(orders)) await edits[edit as keyof typeof edits](order);
    await runSync(stack, 'RELEASED');
    for (const order of Object.values(orders)) {
      statuses.set(
        order.id,
        await waitForOrder(
          stack.temporal.client,
          stack.simulator.shopDomain,
          order.id,
          importedVersion(stack, order.id),
        ),
      );
    }
  });

  /** The document is exactly as it was before the edit. */
  async function expectDocumentUnchanged(order: GeneratedOrder): Promise<void> {
    const now = await documentOf(stack, order.id);
    const was = before.get(order.id)!;
    expect(now.header.id).toBe(was.header.id);
    expect(now.header.amountIncludingTax).toBe(was.header.amountIncludingTax);
    const summary = (lines: SalesLine[]) =>
      lines.map((line) => [line.lineNo, line.type, line.no, line.quantity, line.amount, line.locationCode]);
    expect(summary(now.lines)).toEqual(summary(was.lines));
  }

  /** The header follows Shopify: the imported total is Shopify's current total. */
  async function expectHeaderUpdated(order: GeneratedOrder) {
    const { imported } = await importedLines(order);
    const shopifyOrder = stack.simulator.store.order(order.id)!;
    expect(imported.shopifyUpdatedAt.getTime()).toBe(Date.parse(shopifyOrder.updatedAt));
    expect(
      new Decimal(imported.currentTotalShop).equals(shopifyOrder.currentTotalPriceSet.shopMoney.amount),
    ).toBe(true);
    return imported;
  }

  it('change fulfillment location: the original location stays on the lines', async () => {
    await expectHeaderUpdated(orders.moveLocation);
    const { lines } = await importedLines(orders.moveLocation);
    expect(lines[0]!.fulfillmentLocationId).toBe(mainLocationId);
    expect(lines[0]!.currentFulfillmentLocationId).toBe(warehouseLocationId);
    await expectDocumentUnchanged(orders.moveLocation);
    expect(statuses.get(orders.moveLocation.id)!.conflict).toBeUndefined();
    expect(statuses.get(orders.moveLocation.id)!.hasError).toBe(false);
  });

  it('increase quantity: header and supplementary data updated, the document flagged', async () => {
    const imported = await expectHeaderUpdated(orders.increase);
    expect(new Decimal(imported.currentTotalShop).equals(30)).toBe(true);
    const { lines } = await importedLines(orders.increase);
    expect(lines[0]).toMatchObject({ quantity: 2, currentQuantity: 3, quantityToFulfill: 3 });
    await expectDocumentUnchanged(orders.increase);
    const status = statuses.get(orders.increase.id)!;
    expect(status.conflict).toContain('quantity increased from 2 to 3');
    expect(status.conflict).toContain(before.get(orders.increase.id)!.header.no);
    expect(status.hasError).toBe(true);
  });

  it('decrease quantity: header and supplementary data updated, the document flagged', async () => {
    await expectHeaderUpdated(orders.decrease);
    const { lines } = await importedLines(orders.decrease);
    expect(lines[0]).toMatchObject({ quantity: 2, currentQuantity: 1, quantityToFulfill: 1 });
    await expectDocumentUnchanged(orders.decrease);
    expect(statuses.get(orders.decrease.id)!.conflict).toContain('quantity decreased from 2 to 1');
  });

  it('remove an item: header and supplementary data updated, the document flagged', async () => {
    await expectHeaderUpdated(orders.removeB);
    const { lines } = await importedLines(orders.removeB);
    expect(lines.map((line) => line.sku)).toEqual(['ITEM-A', 'ITEM-B']);
    expect(lines[1]).toMatchObject({ quantity: 1, currentQuantity: 0, quantityToFulfill: 0 });
    await expectDocumentUnchanged(orders.removeB);
    expect(statuses.get(orders.removeB.id)!.conflict).toContain('(SKU ITEM-B) removed');
  });

  it('add an item: header updated, lines not, the document flagged', async () => {
    await expectHeaderUpdated(orders.addB);
    const { lines } = await importedLines(orders.addB);
    expect(lines.map((line) => line.sku)).toEqual(['ITEM-A']);
    await expectDocumentUnchanged(orders.addB);
    expect(statuses.get(orders.addB.id)!.conflict).toContain('(SKU ITEM-B) added');
  });

  it('fulfil, update payment: header updated, lines not, nothing to flag', async () => {
    const imported = await expectHeaderUpdated(orders.fulfilAndPay);
    expect(imported.financialStatus).toBe('PAID');
    expect(imported.fulfillmentStatus).toBe('FULFILLED');
    const { lines } = await importedLines(orders.fulfilAndPay);
    expect(lines[0]).toMatchObject({ quantity: 2, currentQuantity: 2, quantityToFulfill: 0 });
    await expectDocumentUnchanged(orders.fulfilAndPay);
    expect(statuses.get(orders.fulfilAndPay.id)!.conflict).toBeUndefined();
    expect(statuses.get(orders.fulfilAndPay.id)!.hasError).toBe(false);
  });

  it('cancel: header updated, lines not, the document flagged', async () => {
    const imported = await expectHeaderUpdated(orders.cancel);
    expect(imported.cancelledAt).toBeInstanceOf(Date);
    const { lines } = await importedLines(orders.cancel);
    expect(lines[0]).toMatchObject({ quantity: 2 });
    await expectDocumentUnchanged(orders.cancel);
    expect(statuses.get(orders.cancel.id)!.conflict).toContain('cancelled');
    expect(imported.hasError).toBe(true);
  });
});

describe('an open document follows Shopify (SPEC §10)', () => {
  it('rebuilds the lines with the new quantity and keeps the original location, without a conflict', async () => {
    const order = await newOrder('open');
    await runSync(stack, 'OPEN');
    await waitForDocument(order);
    const was = await documentOf(stack, order.id);
    expect(was.header.status).toBe('open');

    await edits.increase(order);
    await edits.moveLocation(order);
    await runSync(stack, 'OPEN');
    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      importedVersion(stack, order.id),
    );
    expect(status.conflict).toBeUndefined();
    expect(status.hasError).toBe(false);
    const now = await documentOf(stack, order.id);
    expect(now.header.id).toBe(was.header.id);
    expect(itemLines(now.lines)).toEqual([{ no: 'ITEM-A', quantity: 3, locationCode: 'MAIN' }]);
    expect(new Decimal(now.header.amountIncludingTax).equals(30)).toBe(true);
    expect(new Decimal(now.header.totalDifference).isZero()).toBe(true);
    expect((await queryOrder(stack, order.id)).document?.documentNo).toBe(was.header.no);
  });
});
