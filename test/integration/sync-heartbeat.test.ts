import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder } from '../../simulator/generator/create-order';
import { syncOrdersWorkflow } from '../../workflows/sync-orders';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, shopifyTarget } from './order-test-kit';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  const variantId = stack.simulator.store.addProduct({
    title: 'Organic T-shirt',
    variants: [{ title: 'M', sku: 'TSHIRT-M', price: '25.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'WEB', { items: [{ no: 'TSHIRT-M', description: 'Organic T-shirt M' }] });
  await createOrder(shopifyTarget(stack), {
    lines: [{ variantId, title: 'Organic T-shirt', sku: 'TSHIRT-M', quantity: 1, unitPrice: '25.00' }],
  });
});

afterAll(async () => {
  await stack?.close();
});

describe('an order sync whose worker dies', { timeout: 120_000 }, () => {
  it('is noticed within seconds: a 10 s heartbeat timeout, beaten while a page waits on Shopify', async () => {
    // The first page answers after 6 s: longer than a heartbeat interval, shorter than the timeout.
    stack.simulator.faults.failNext(1, 'slow', { latencyMs: 6_000 });
    const handle = await stack.temporal.client.workflow.start(syncOrdersWorkflow, {
      taskQueue: stack.temporal.taskQueue,
      workflowId: `sync-orders:WEB:heartbeat:${Date.now()}`,
      args: [{ shopCode: 'WEB' }],
    });
    let heartbeatWhileWaiting = false;
    const deadline = Date.now() + 5_500;
    while (Date.now() < deadline && !heartbeatWhileWaiting) {
      const description = await handle.describe();
      const pending = description.raw.pendingActivities ?? [];
      heartbeatWhileWaiting = pending.some((activity) => activity.lastHeartbeatTime != null);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(heartbeatWhileWaiting).toBe(true);
    await handle.result();

    const history = await handle.fetchHistory();
    const scheduled = (history.events ?? []).find(
      (event) =>
        event.activityTaskScheduledEventAttributes?.activityType?.name === 'discoverAndDispatchOrders',
    )?.activityTaskScheduledEventAttributes;
    expect(Number(scheduled?.heartbeatTimeout?.seconds ?? 0)).toBeLessThanOrEqual(10);
  });
});
