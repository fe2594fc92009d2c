import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportedOrder } from '../../erp/entities';
import { createOrder, type GeneratedOrder } from '../../simulator/generator/create-order';
import { orderWorkflowId } from '../../workflows/messages';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../../webhooks/serve';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { testLogger } from '../helpers/test-logger';
import { startTestStack, TEST_ORDER_TIMINGS, type TestStack } from '../helpers/test-stack';
import { addShopCard, documentCount, queryOrder, runSync, shopifyTarget } from './order-test-kit';

const CLIENT_SECRET = 'reconciler-test-client-secret';
const ORDERS = 20;

let stack: TestStack;
let receiver: RunningWebhookReceiver;
let capVariantId: string;

beforeAll(async () => {
  stack = await startTestStack({
    simulator: {
      webhookSecret: CLIENT_SECRET,
      // Seeded: the same deliveries are dropped and duplicated on every run; this seed drops
      // exactly a tenth of them.
      webhooks: {
        initialRetryDelayMs: 200,
        maxAttempts: 9,
        faultShares: { drop: 0.1, duplicate: 0.1 },
        faultSeed: 7,
      },
    },
  });
  capVariantId = stack.simulator.store.addProduct({
    title: 'Cap',
    variants: [{ title: 'One size', sku: 'CAP-1', price: '15.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'HOOKS', { items: [{ no: 'CAP-1', description: 'Cap' }] });
  receiver = await startWebhookReceiver({
    orm: stack.erp.orm,
    temporalClient: stack.temporal.client,
    taskQueue: stack.temporal.taskQueue,
    logger: testLogger,
    host: '127.0.0.1',
    port: 0,
    bodyLimitBytes: 64 * 1024,
    clientSecretsOf: async () => [CLIENT_SECRET],
    acceptTimeoutMs: 2000,
    orderTimings: TEST_ORDER_TIMINGS,
  });
  await subscribeOrdersCreate(receiver.url);
});

afterAll(async () => {
  await receiver?.close();
  await stack?.close();
});

/** Subscribes the simulated store to the receiver through Shopify's own mutation. */
async function subscribeOrdersCreate(uri: string): Promise<void> {
  const response = await fetch(stack.simulator.graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': stack.simulator.accessToken },
    body: JSON.stringify({
      query: `mutation($uri: String!) {
        webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: $uri }) {
          userErrors { message } } }`,
      variables: { uri },
    }),
  });
  const answer = (await response.json()) as {
    data: { webhookSubscriptionCreate: { userErrors: { message: string }[] } };
  };
  expect(answer.data.webhookSubscriptionCreate.userErrors).toEqual([]);
}

async function workflowExists(shopifyOrderId: string): Promise<boolean> {
  try {
    await stack.temporal.client.workflow
      .getHandle(orderWorkflowId(stack.simulator.shopDomain, shopifyOrderId))
      .describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** The fault the order's orders/create delivery met (undefined: delivered once). */
function deliveryFaultOf(order: GeneratedOrder) {
  const numericId = `"id":${order.id.split('/').pop()},`;
  const delivery = stack.simulator.webhooks.deliveries.find((entry) => entry.body.includes(numericId));
  expect(delivery, `no delivery for ${order.id}`).toBeDefined();
  return delivery!.fault;
}

describe('webhooks as doorbell, polling as the reconciler', () => {
  it('imports every order exactly once when a tenth of the webhooks is dropped', async () => {
    const orders: GeneratedOrder[] = [];
    for (let index = 0; index < ORDERS; index++) {
      orders.push(
        await createOrder(shopifyTarget(stack), {
          lines: [{ variantId: capVariantId, title: 'Cap', sku: 'CAP-1', quantity: 1, unitPrice: '15.00' }],
          customer: null,
        }),
      );
    }
    await stack.simulator.webhooks.idle();
    const dropped = orders.filter((order) => deliveryFaultOf(order) === 'drop');
    const duplicated = orders.filter((order) => deliveryFaultOf(order) === 'duplicate');
    const announced = orders.filter((order) => deliveryFaultOf(order) !== 'drop');
    // The seed gives both faults; without them this test would prove nothing.
    expect(dropped.length).toBe(ORDERS / 10);
    expect(duplicated.length).toBeGreaterThan(0);
    expect(receiver.counters.get('duplicate')).toBeGreaterThanOrEqual(duplicated.length);

    for (const order of announced) {
      await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument, 60_000);
    }
    // No doorbell rang for the dropped ones: nothing has started them yet.
    for (const order of dropped) expect(await workflowExists(order.id)).toBe(false);

    const reconciled = await runSync(stack, 'HOOKS');
    // The report says how many orders only the reconciler found: the ones whose webhook was dropped.
    expect(reconciled.foundWithoutWebhook).toBe(dropped.length);
    for (const order of dropped) {
      await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument, 60_000);
    }
    // A second reconciler pass finds everything imported and imports nothing again.
    const second = await runSync(stack, 'HOOKS');
    expect(second.foundWithoutWebhook).toBe(0);

    const em = stack.erp.orm.em.fork();
    for (const order of orders) {
      const status = await queryOrder(stack, order.id);
      expect(status.document, order.id).toBeDefined();
      expect(status.imports, order.id).toBe(1);
      expect(await documentCount(stack, order.id), order.id).toBe(1);
      expect(await em.count(ImportedOrder, { shopifyOrderId: order.id }), order.id).toBe(1);
    }
  });
});
