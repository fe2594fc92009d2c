import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderToImport } from '../../erp/entities';
import { createOrder } from '../../simulator/generator/create-order';
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

describe('a step that keeps failing the same way', { timeout: 120_000 }, () => {
  it('shows on its orders-to-import row after a few attempts, keeps retrying, and clears once it passes', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [{ variantId, title: 'Organic T-shirt', sku: 'TSHIRT-M', quantity: 1, unitPrice: '25.00' }],
      customer: { email: 'again@example.com', firstName: 'Again', lastName: 'Again' },
    });
    proxy.dropBeforeShopify('OrderForImport', 4);
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

    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument, 60_000);
    expect(proxy.forwarded('OrderForImport')).toBeGreaterThanOrEqual(1);
    expect(await row()).toBeNull();
  });
});
