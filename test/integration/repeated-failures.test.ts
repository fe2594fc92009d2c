import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderToImport } from '../../erp/entities';
import { createOrder } from '../../simulator/generator/create-order';
import { orderStatusQuery, orderWorkflowId } from '../../workflows/messages';
import { ORDER_HAS_ERROR } from '../../workflows/search-attributes';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startShopifyProxy, type ShopifyProxy } from '../helpers/shopify-proxy';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, runSync, shopifyTarget } from './order-test-kit';

let stack: TestStack;
let proxy: ShopifyProxy;
let variantId: string;

beforeAll(async () => {
  stack = await startTestStack({ workers: 0 });
  proxy = await startShopifyProxy(stack.simulator.baseUrl);
  // One request per activity attempt, so the attempts Temporal counts are the requests dropped.
  await stack.startWorker('proxied-worker', {
    shopifyBaseUrl: () => proxy.baseUrl,
    shopifyRetry: { maxAttempts: 1, baseDelayMs: 20, maxDelayMs: 200 },
  });
  variantId = stack.simulator.store.addProduct({
    title: 'Organic T-shirt',
    variants: [{ title: 'M', sku: 'TSHIRT-M', price: '25.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'WEB', { items: [{ no: 'TSHIRT-M', description: 'Organic T-shirt M' }] });
});

afterAll(async () => {
  await stack?.close();
  await proxy?.close();
});

describe('a step that keeps failing the same way', { timeout: 180_000 }, () => {
  it('shows on its orders-to-import row after a few attempts, keeps retrying, and clears once it passes', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [{ variantId, title: 'Organic T-shirt', sku: 'TSHIRT-M', quantity: 1, unitPrice: '25.00' }],
      customer: { email: 'again@example.com', firstName: 'Again', lastName: 'Again' },
    });
    // Three bounded attempts surface the failure; five more keep it failing for about 30 s.
    proxy.dropBeforeShopify('OrderForImport', 8);
    await runSync(stack, 'WEB');

    const row = () =>
      stack.erp.orm.em
        .fork()
        .findOne(OrderToImport, { store: stack.simulator.shopDomain, shopifyOrderId: order.id });
    const deadline = Date.now() + 60_000;
    let marked: OrderToImport | null = null;
    while (Date.now() < deadline) {
      marked = await row();
      if (marked?.hasError) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(marked?.hasError).toBe(true);
    expect(marked?.errorText).toMatch(/STEP_FAILING/);
    expect(marked?.errorText).toMatch(/still being retried/);

    // The workflow shows it too, search attribute included, while the step is still retried.
    const handle = stack.temporal.client.workflow.getHandle(
      orderWorkflowId(stack.simulator.shopDomain, order.id),
    );
    let flagged = false;
    while (Date.now() < deadline && !flagged) {
      flagged = (await handle.describe()).typedSearchAttributes.get(ORDER_HAS_ERROR) === true;
      if (!flagged) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(flagged).toBe(true);
    const failing = await handle.query(orderStatusQuery);
    expect(failing.hasError).toBe(true);
    expect(failing.problems.map((problem) => [problem.code, problem.field])).toContainEqual([
      'STEP_FAILING',
      'import',
    ]);
    expect(failing.document).toBeUndefined();
    expect(proxy.forwarded('OrderForImport')).toBe(0);

    const done = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      hasDocument,
      90_000,
    );
    expect(proxy.forwarded('OrderForImport')).toBeGreaterThanOrEqual(1);
    expect(await row()).toBeNull();
    expect(done.hasError).toBe(false);
    expect(done.problems.some((problem) => problem.code === 'STEP_FAILING')).toBe(false);
    let cleared = false;
    for (let tries = 0; tries < 50 && !cleared; tries++) {
      cleared = (await handle.describe()).typedSearchAttributes.get(ORDER_HAS_ERROR) === false;
      if (!cleared) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(cleared).toBe(true);
  });
});
