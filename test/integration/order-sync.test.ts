import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Customer, ImportedOrder, OrderToImport, type SalesLine, ShopCard } from '../../erp/entities';
import { createOrder, type GeneratedOrder } from '../../simulator/generator/create-order';
import { addOrderTags, cancelOrder, closeOrder } from '../../simulator/generator/order-lifecycle';
import type { CreateOrderRequest } from '../../simulator/generator/order-request';
import { createShopifyClient } from '../../shopify/client';
import { fetchOrderForImport } from '../../shopify/order-import';
import { toOrderSnapshot } from '../../shopify/order-snapshot';
import { orderWorkflowId } from '../../workflows/messages';
import { syncOrdersWorkflow } from '../../workflows/sync-orders';
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
  waitForVisibility,
} from './order-test-kit';

let stack: TestStack;
let capVariantId: string;

beforeAll(async () => {
  stack = await startTestStack();
  capVariantId = stack.simulator.store.addProduct({
    title: 'Cap',
    variants: [{ title: 'One size', sku: 'CAP-1', price: '15.00' }],
  }).sim.variantIds[0]!;
  const items = [{ no: 'CAP-1', description: 'Cap' }];
  // Two cards on one store, split by channel (SPEC §7): the web shop creates customers, the
  // point of sale books every sale on one walk-in customer.
  await addShopCard(stack, 'WEBSHOP', { items }, { orderSyncFilters: { excludedChannels: ['pos'] } });
  const em = stack.erp.orm.em.fork();
  em.create(Customer, { no: 'POS-WALKIN', name: 'Walk-in customer', countryCode: 'US' });
  await em.flush();
  await addShopCard(
    stack,
    'POS',
    { customerImport: 'none', customerMappingType: 'default_customer' },
    { defaultCustomerNo: 'POS-WALKIN', orderSyncFilters: { channels: ['pos'] } },
  );
  // Cards that only the filter tests sync.
  await addShopCard(
    stack,
    'EXPORT',
    {},
    { orderSyncFilters: { financialStatuses: ['PAID'], riskLevels: ['NONE', 'LOW'], tagFilter: 'Export*' } },
  );
  await addShopCard(stack, 'ANYCASE', {}, { orderSyncFilters: { tagFilter: '@export*' } });
});

afterAll(async () => {
  await stack?.close();
});

function capOrder(overrides: Partial<CreateOrderRequest> = {}): Promise<GeneratedOrder> {
  return createOrder(shopifyTarget(stack), {
    lines: [{ variantId: capVariantId, title: 'Cap', sku: 'CAP-1', quantity: 1, unitPrice: '15.00' }],
    customer: null,
    ...overrides,
  });
}

function posOrder(): Promise<GeneratedOrder> {
  return capOrder({ pos: { locationId: stack.simulator.store.defaultLocation()!.id } });
}

const em = () => stack.erp.orm.em.fork();

/** A shop card with the cap item that takes only orders tagged `tag`: its syncs see those alone. */
function addTagCard(shopCode: string, tag: string): Promise<void> {
  return addShopCard(
    stack,
    shopCode,
    { items: [{ no: 'CAP-1', description: 'Cap' }] },
    { orderSyncFilters: { tagFilter: tag } },
  );
}

async function importedBy(order: GeneratedOrder): Promise<string[]> {
  const rows = await em().find(ImportedOrder, {
    store: stack.simulator.shopDomain,
    shopifyOrderId: order.id,
  });
  return rows.map((row) => row.shopCode);
}

async function workflowExists(order: GeneratedOrder): Promise<boolean> {
  try {
    await queryOrder(stack, order.id);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

async function watermarkOf(shopCode: string): Promise<Date | null> {
  return (await em().findOneOrFail(ShopCard, shopCode)).lastOrderSyncAt ?? null;
}

describe('two shop cards on one store', () => {
  it('split by channel: each order is imported by exactly one card, once, however often both sync', async () => {
    const webOrders = await Promise.all([capOrder(), capOrder(), capOrder()]);
    const posOrders = await Promise.all([posOrder(), posOrder()]);

    for (let round = 0; round < 2; round += 1) {
      const [web, pos] = await Promise.all([runSync(stack, 'WEBSHOP'), runSync(stack, 'POS')]);
      if (round === 0) {
        expect(web.dispatched).toBe(3);
        expect(pos.dispatched).toBe(2);
      }
    }
    const all = [...webOrders, ...posOrders];
    await Promise.all(
      all.map((order) =>
        waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument),
      ),
    );
    for (const order of webOrders) expect(await importedBy(order)).toEqual(['WEBSHOP']);
    for (const order of posOrders) expect(await importedBy(order)).toEqual(['POS']);
    for (const order of all) {
      expect(await documentCount(stack, order.id)).toBe(1);
      const status = await queryOrder(stack, order.id);
      expect(status.imports).toBe(1);
    }
    for (const order of posOrders) {
      const { header } = await documentOf(stack, order.id);
      expect(header.sellToCustomerNo).toBe('POS-WALKIN');
      expect(header.shopCode).toBe('POS');
    }
    for (const order of webOrders) {
      const { header } = await documentOf(stack, order.id);
      expect(header.shopCode).toBe('WEBSHOP');
      expect(header.sellToCustomerNo).not.toBe('POS-WALKIN');
    }
  });
});

describe('discovery windows', () => {
  it('an order edited after the sync fixed its upper bound is imported by the next sync', async () => {
    const order = await capOrder({ tags: ['first'] });
    await runSync(stack, 'WEBSHOP');
    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument);

    const running = await stack.temporal.client.workflow.start(syncOrdersWorkflow, {
      taskQueue: stack.temporal.taskQueue,
      workflowId: `sync-orders:WEBSHOP:mid-edit-${Date.now()}`,
      args: [{ shopCode: 'WEBSHOP' }],
    });
    const upperBound = (await running.describe()).startTime;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await addOrderTags(shopifyTarget(stack), order.id, ['late']);
    const editedAt = stack.simulator.store.order(order.id)!.updatedAt;
    expect(Date.parse(editedAt)).toBeGreaterThan(upperBound.getTime());

    const report = await running.result();
    expect(report.updatedAtMax).toBe(upperBound.toISOString());
    expect(report.watermarkCommitted).toBe(true);
    expect((await watermarkOf('WEBSHOP'))?.toISOString()).toBe(upperBound.toISOString());
    // This run's window ended before the edit: the order is as it was.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await em().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id })).tags).toEqual(['first']);

    const next = await runSync(stack, 'WEBSHOP');
    // The next window starts before the watermark (overlap), so it reaches back over the edit.
    expect(Date.parse(next.updatedAtMin)).toBeLessThan(upperBound.getTime());
    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      importedVersion(stack, order.id),
    );
    expect(status.imports).toBe(2);
    expect((await em().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id })).tags).toEqual([
      'first',
      'late',
    ]);
  });
});

describe('cancelled and archived orders', () => {
  it('a cancelled order is not imported the first time, an archived one never', async () => {
    const cancelled = await capOrder();
    await cancelOrder(shopifyTarget(stack), cancelled.id, { refund: true });
    const archived = await capOrder();
    await closeOrder(shopifyTarget(stack), archived.id);
    const report = await runSync(stack, 'WEBSHOP');
    expect(report.found).toBeGreaterThanOrEqual(2);

    // Touch the archived order again: it is still archived, so still not imported.
    await addOrderTags(shopifyTarget(stack), archived.id, ['touched']);
    await runSync(stack, 'WEBSHOP');
    await new Promise((resolve) => setTimeout(resolve, 500));

    for (const order of [cancelled, archived]) {
      expect(await importedBy(order)).toEqual([]);
      expect(await workflowExists(order)).toBe(false);
      expect(await em().count(OrderToImport, { shopifyOrderId: order.id })).toBe(0);
      expect(await documentCount(stack, order.id)).toBe(0);
    }
  });

  it('an imported order cancelled later gets its header updated and a conflict, its document untouched', async () => {
    const order = await capOrder({ financialStatus: 'PENDING' });
    await runSync(stack, 'WEBSHOP');
    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument);
    const before = await documentOf(stack, order.id);

    await cancelOrder(shopifyTarget(stack), order.id, { refund: false });
    await runSync(stack, 'WEBSHOP');
    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      importedVersion(stack, order.id),
    );
    const imported = await em().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
    expect(imported.cancelledAt).toBeInstanceOf(Date);
    expect(imported.hasError).toBe(true);
    expect(imported.problems.map((problem) => problem.code)).toContain('DOCUMENT_CONFLICT');
    expect(status.conflict).toContain('cancelled');
    expect(status.conflict).toContain(before.header.no);
    expect(status.hasError).toBe(true);
    await waitForVisibility(
      stack.temporal.client,
      `OrderHasError = true AND ShopDomain = '${stack.simulator.shopDomain}'`,
      orderWorkflowId(stack.simulator.shopDomain, order.id),
    );

    const after = await documentOf(stack, order.id);
    expect(after.header.id).toBe(before.header.id);
    const lineSummary = (lines: SalesLine[]) =>
      lines.map((line) => [line.type, line.no, line.quantity, line.amount]);
    expect(lineSummary(after.lines)).toEqual(lineSummary(before.lines));
  });
});

describe('shop card filters', () => {
  it('financial status, risk and case-sensitive wildcard tags decide which card imports an order', async () => {
    const paidExport = await capOrder({ tags: ['Export-EU'] });
    const pendingExport = await capOrder({ tags: ['Export-EU'], financialStatus: 'PENDING' });
    const riskyExport = await capOrder({ tags: ['Export-EU'], risk: 'HIGH' });
    const lowerCaseExport = await capOrder({ tags: ['export-eu'] });
    const domestic = await capOrder({ tags: ['Domestic'] });
    const bareExport = await capOrder({ tags: ['Export'], risk: 'LOW' });

    const exportReport = await runSync(stack, 'EXPORT');
    expect(exportReport.dispatched).toBe(2);
    for (const order of [paidExport, bareExport]) {
      await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument);
      expect(await importedBy(order)).toEqual(['EXPORT']);
    }
    for (const order of [pendingExport, riskyExport, lowerCaseExport, domestic]) {
      expect(await workflowExists(order)).toBe(false);
    }

    // Listed by Shopify but refused by the card: an orders-to-import row, unclaimed, with what the
    // operator filters on. (Risk and financial status were already narrowed by Shopify's search.)
    const domesticRow = await em().findOneOrFail(OrderToImport, { shopifyOrderId: domestic.id });
    expect(domesticRow).toMatchObject({
      name: domestic.name,
      claimedByShopCode: null,
      tags: ['Domestic'],
      financialStatus: 'PAID',
      channel: 'web',
      hasError: false,
    });
    expect(Number(domesticRow.totalAmount)).toBe(15);
    // Shopify's search ignores case, so the lower-case tag was listed too; the card's own check refused it.
    const lowerCaseRow = await em().findOneOrFail(OrderToImport, { shopifyOrderId: lowerCaseExport.id });
    expect(lowerCaseRow).toMatchObject({ tags: ['export-eu'], claimedByShopCode: null });
    // Imported orders leave the list.
    expect(await em().count(OrderToImport, { shopifyOrderId: paidExport.id })).toBe(0);

    // A card that ignores case ('@') takes the rest of the export orders; the first card keeps its own.
    const anyCaseReport = await runSync(stack, 'ANYCASE');
    expect(anyCaseReport.dispatched).toBe(3);
    for (const order of [pendingExport, riskyExport, lowerCaseExport]) {
      await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument);
      expect(await importedBy(order)).toEqual(['ANYCASE']);
    }
    for (const order of [paidExport, bareExport]) expect(await importedBy(order)).toEqual(['EXPORT']);
    expect(await workflowExists(domestic)).toBe(false);
    expect(await em().count(OrderToImport, { shopifyOrderId: domestic.id, claimedByShopCode: null })).toBe(1);
  });
});

describe('duplicate triggers', () => {
  it('a sync listing an order again before its import is done sends nothing: the workflow already holds that change', async () => {
    await addTagCard('DISPATCHONCE', 'dispatch-once');
    const order = await capOrder({ tags: ['dispatch-once'] });
    const workflowId = orderWorkflowId(stack.simulator.shopDomain, order.id);
    // The import waits for the order's advisory lock, held here: the order stays dispatched and
    // not imported for as long as the test needs.
    await em().transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
        `order:${stack.simulator.shopDomain}:${order.id}`,
      ]);
      expect(await runSync(stack, 'DISPATCHONCE')).toMatchObject({ dispatched: 1, alreadyDispatched: 0 });
      expect(await runSync(stack, 'DISPATCHONCE')).toMatchObject({ dispatched: 0, alreadyDispatched: 1 });
      expect(await importedBy(order)).toEqual([]);
    });
    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, (status) =>
      Boolean(status.importedOrderId),
    );
    const history = await stack.temporal.client.workflow.getHandle(workflowId).fetchHistory();
    const signals = history.events?.filter((event) => event.workflowExecutionSignaledEventAttributes);
    expect(signals).toHaveLength(1);
    // Imported now: listed again, it is up to date.
    expect(await runSync(stack, 'DISPATCHONCE')).toMatchObject({ dispatched: 0, alreadyImported: 1 });

    // A new change in Shopify is a new version: sent again.
    await addOrderTags(shopifyTarget(stack), order.id, ['edited']);
    expect(await runSync(stack, 'DISPATCHONCE')).toMatchObject({ dispatched: 1, alreadyDispatched: 0 });
  });
});

describe('Shopify requests of an import', () => {
  it('a foreign-currency order is fetched once: the sync passes the currencies discovery read', async () => {
    // A card of its own, so that this sync dispatches this order alone.
    await addTagCard('FXCHECK', 'fx-check');
    const importRequests = () => stack.simulator.stats().byOperation.OrderForImport?.requests ?? 0;
    const order = await capOrder({ presentmentCurrency: 'EUR', tags: ['fx-check'] });
    const before = importRequests();
    const report = await runSync(stack, 'FXCHECK');
    expect(report.dispatched).toBe(1);
    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, (status) =>
      Boolean(status.importedOrderId),
    );
    // Without the hint the import would read the order in shop money, see two currencies and read
    // it again with presentment money: two requests.
    expect(importRequests() - before).toBe(1);
    const imported = await em().findOneOrFail(ImportedOrder, {
      store: stack.simulator.shopDomain,
      shopifyOrderId: order.id,
    });
    expect(imported.presentmentCurrencyCode).toBe('EUR');
  });

  it("an order with its own e-mail is imported without the customer's default e-mail: the sync says the order has one", async () => {
    await addTagCard('CONTACTCHECK', 'contact-check');
    const importStats = () =>
      stack.simulator.stats().byOperation.OrderForImport ?? { requests: 0, actualCost: 0 };
    const order = await capOrder({
      customer: { email: 'kim@example.com', firstName: 'Kim', lastName: 'Lee' },
      tags: ['contact-check'],
    });
    const beforeSync = importStats();
    expect((await runSync(stack, 'CONTACTCHECK')).dispatched).toBe(1);
    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, (status) =>
      Boolean(status.importedOrderId),
    );
    const afterSync = importStats();
    expect(afterSync.requests - beforeSync.requests).toBe(1);

    // The same order read without the hint, as an operator's re-import does: the customer's default
    // e-mail costs one point more, and the stored snapshot stays the same.
    const unhinted = await fetchOrderForImport(
      createShopifyClient({
        shopDomain: stack.simulator.shopDomain,
        accessToken: stack.simulator.accessToken,
        baseUrl: stack.simulator.baseUrl,
      }),
      order.id,
    );
    expect(unhinted.order.customer?.defaultEmailAddress?.emailAddress).toBe('kim@example.com');
    const unhintedCost = importStats().actualCost - afterSync.actualCost;
    expect(afterSync.actualCost - beforeSync.actualCost).toBe(unhintedCost - 1);
    const imported = await em().findOneOrFail(ImportedOrder, {
      store: stack.simulator.shopDomain,
      shopifyOrderId: order.id,
    });
    expect(imported.snapshot).toEqual(toOrderSnapshot(unhinted.order));
  });
});
