import { startPausingWorker } from '../helpers/pausing-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportedOrder, SalesHeader } from '../../erp/entities';
import { createOrder } from '../../simulator/generator/create-order';
import type { ShopifyTarget } from '../../simulator/generator/admin-client';
import { orderWorkflowId } from '../../workflows/messages';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, dispatchOrder, runSync, shopifyTarget } from './order-test-kit';

let stack: TestStack;
let target: ShopifyTarget;
let variantId: string;

beforeAll(async () => {
  stack = await startTestStack({ workers: 0 });
  const product = stack.simulator.store.addProduct({
    title: 'Wool socks',
    variants: [{ title: 'One size', sku: 'SOCKS-1', price: '12.00' }],
  });
  variantId = product.sim.variantIds[0]!;
  await addShopCard(stack, 'WEB', { items: [{ no: 'SOCKS-1', description: 'Wool socks' }] });
  target = shopifyTarget(stack);
});

afterAll(async () => {
  await stack?.close();
});

function newOrder(email: string) {
  return createOrder(target, {
    lines: [{ variantId, title: 'Wool socks', sku: 'SOCKS-1', quantity: 1, unitPrice: '12.00' }],
    customer: { email, firstName: 'Grace', lastName: 'Hopper' },
  });
}

async function documentsOf(shopifyOrderId: string) {
  return stack.erp.orm.em.fork().find(SalesHeader, { shopifyOrderId });
}

describe('exactly one document per Shopify order', () => {
  it('survives duplicate triggers: repeated signals and two overlapping syncs', async () => {
    const worker = await stack.startWorker('dedupe-worker');
    try {
      const order = await newOrder('dup@example.com');
      await Promise.all([
        ...Array.from({ length: 5 }, () => dispatchOrder(stack, order, 'WEB')),
        ...Array.from({ length: 2 }, () => runSync(stack, 'WEB')),
      ]);
      const status = await waitForOrder(
        stack.temporal.client,
        stack.simulator.shopDomain,
        order.id,
        hasDocument,
      );
      expect(await documentsOf(order.id)).toHaveLength(1);
      // The duplicates were recognised as such: one import, not seven.
      expect(status.imports).toBe(1);
      const imported = await stack.erp.orm.em.fork().find(ImportedOrder, { shopifyOrderId: order.id });
      expect(imported).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it('shares twenty orders between two workers with one document each', async () => {
    const workers = [await stack.startWorker('pair-1'), await stack.startWorker('pair-2')];
    try {
      const orders = await Promise.all(
        Array.from({ length: 20 }, (_, index) => newOrder(`pair-${index}@example.com`)),
      );
      await Promise.all(orders.map((order) => dispatchOrder(stack, order, 'WEB')));
      await Promise.all(
        orders.map((order) =>
          waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument),
        ),
      );
      const headers = await stack.erp.orm.em
        .fork()
        .find(SalesHeader, { shopifyOrderId: { $in: orders.map((order) => order.id) } });
      expect(headers).toHaveLength(20);
      expect(new Set(headers.map((header) => header.shopifyOrderId)).size).toBe(20);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });

  for (const step of ['importShopifyOrder', 'processImportedOrder'] as const) {
    it(`keeps one document when a worker is killed right after ${step} committed`, async () => {
      const doomed = startPausingWorker(stack, step);
      try {
        const order = await newOrder(`kill-${step}@example.com`);
        await dispatchOrder(stack, order, 'WEB');
        await doomed.paused();
        doomed.kill();
        // The side effect is committed but Temporal never heard of it: a new worker retries the step.
        const survivor = await stack.startWorker(`survivor-${step}`);
        try {
          await waitForOrder(
            stack.temporal.client,
            stack.simulator.shopDomain,
            order.id,
            hasDocument,
            45_000,
          );
        } finally {
          await survivor.stop();
        }
        expect(await documentsOf(order.id)).toHaveLength(1);
        const history = await stack.temporal.client.workflow
          .getHandle(orderWorkflowId(stack.simulator.shopDomain, order.id))
          .fetchHistory();
        // The step is a local activity of the workflow task the dead worker held: that task timed
        // out and the survivor ran the step again (an activity task would show attempt 2 instead).
        const retried = history.events?.some(
          (event) =>
            event.workflowTaskTimedOutEventAttributes ||
            (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1,
        );
        expect(retried, 'the killed attempt was retried').toBe(true);
      } finally {
        doomed.kill();
      }
    });
  }
});
