import { createHmac, randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrder } from '../../simulator/generator/create-order';
import { orderWorkflowId } from '../../workflows/messages';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../../webhooks/serve';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startTcpGate, type TcpGate } from '../helpers/tcp-gate';
import { testLogger } from '../helpers/test-logger';
import { startTestStack, TEST_ORDER_TIMINGS, type TestStack } from '../helpers/test-stack';
import { addShopCard, shopifyTarget } from './order-test-kit';

const CLIENT_SECRET = 'hooks-test-client-secret';

let stack: TestStack;
let receiver: RunningWebhookReceiver;
let capVariantId: string;

beforeAll(async () => {
  stack = await startTestStack({
    simulator: { webhookSecret: CLIENT_SECRET, webhooks: { initialRetryDelayMs: 200, maxAttempts: 9 } },
  });
  capVariantId = stack.simulator.store.addProduct({
    title: 'Cap',
    variants: [{ title: 'One size', sku: 'CAP-1', price: '15.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'HOOKS', { items: [{ no: 'CAP-1', description: 'Cap' }] });
  receiver = await startReceiver(stack.temporal.client);
});

afterAll(async () => {
  await receiver?.close();
  await stack?.close();
});

function startReceiver(temporalClient: Client): Promise<RunningWebhookReceiver> {
  return startWebhookReceiver({
    orm: stack.erp.orm,
    temporalClient,
    taskQueue: stack.temporal.taskQueue,
    logger: testLogger,
    host: '127.0.0.1',
    port: 0,
    bodyLimitBytes: 64 * 1024,
    clientSecretsOf: async () => [CLIENT_SECRET],
    acceptTimeoutMs: 2000,
    orderTimings: TEST_ORDER_TIMINGS,
  });
}

function capOrder() {
  return createOrder(shopifyTarget(stack), {
    lines: [{ variantId: capVariantId, title: 'Cap', sku: 'CAP-1', quantity: 1, unitPrice: '15.00' }],
    customer: null,
  });
}

function sign(body: string, secret = CLIENT_SECRET): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/** A delivery as Shopify sends it: orders/updated for an order id, signed with the client secret. */
function orderDelivery(shopifyOrderId: string, updatedAt = new Date().toISOString()): Delivery {
  const numeric = shopifyOrderId.split('/').pop()!;
  const body = JSON.stringify({
    id: Number(numeric),
    admin_graphql_api_id: shopifyOrderId,
    updated_at: updatedAt,
  });
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': 'orders/updated',
      'X-Shopify-Hmac-Sha256': sign(body),
      'X-Shopify-Shop-Domain': stack.simulator.shopDomain,
      'X-Shopify-Event-Id': randomUUID(),
      'X-Shopify-Webhook-Id': randomUUID(),
      'X-Shopify-API-Version': '2026-10',
    },
  };
}

async function post(delivery: Delivery, url = receiver.url): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  await response.arrayBuffer();
  return response.status;
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

async function signalsReceived(shopifyOrderId: string): Promise<number> {
  const history = await stack.temporal.client.workflow
    .getHandle(orderWorkflowId(stack.simulator.shopDomain, shopifyOrderId))
    .fetchHistory();
  return (history.events ?? []).filter((event) => event.workflowExecutionSignaledEventAttributes).length;
}

/** Subscribes the simulated store to the receiver through Shopify's own mutation. */
async function subscribe(topic: string, uri: string): Promise<void> {
  const response = await fetch(stack.simulator.graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': stack.simulator.accessToken },
    body: JSON.stringify({
      query: `mutation($topic: WebhookSubscriptionTopic!, $uri: String!) {
        webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri }) {
          webhookSubscription { id } userErrors { message } } }`,
      variables: { topic, uri },
    }),
  });
  const answer = (await response.json()) as {
    data: { webhookSubscriptionCreate: { userErrors: { message: string }[] } };
  };
  expect(answer.data.webhookSubscriptionCreate.userErrors).toEqual([]);
}

const unusedOrderId = () => `gid://shopify/Order/${900_000_000 + Math.floor(Math.random() * 1e6)}`;

describe('webhook receiver: verification', () => {
  it('accepts a valid signature: the order is imported through its workflow', async () => {
    const order = await capOrder();
    const accepted = receiver.counters.get('accepted');
    expect(await post(orderDelivery(order.id, stack.simulator.store.order(order.id)!.updatedAt))).toBe(200);
    expect(receiver.counters.get('accepted')).toBe(accepted + 1);
    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      hasDocument,
    );
    expect(status.shopCode).toBe('HOOKS');
  });

  const refusals: [string, (delivery: Delivery) => Delivery, 'invalid_signature' | 'unknown_shop'][] = [
    [
      'an invalid signature',
      (delivery) => ({
        ...delivery,
        headers: { ...delivery.headers, 'X-Shopify-Hmac-Sha256': 'bm90IGEgc2lnbmF0dXJl' },
      }),
      'invalid_signature',
    ],
    [
      'a missing signature header',
      (delivery) => {
        const headers = { ...delivery.headers };
        delete headers['X-Shopify-Hmac-Sha256'];
        return { ...delivery, headers };
      },
      'invalid_signature',
    ],
    [
      'a body changed by one byte',
      (delivery) => ({ ...delivery, body: delivery.body.replace('"updated_at":"2', '"updated_at":"3') }),
      'invalid_signature',
    ],
    [
      'a signature under another secret',
      (delivery) => ({
        ...delivery,
        headers: { ...delivery.headers, 'X-Shopify-Hmac-Sha256': sign(delivery.body, 'another-apps-secret') },
      }),
      'invalid_signature',
    ],
    [
      'an unknown shop',
      (delivery) => ({
        ...delivery,
        headers: { ...delivery.headers, 'X-Shopify-Shop-Domain': 'someone-else.myshopify.com' },
      }),
      'unknown_shop',
    ],
  ];

  it.each(refusals)('refuses %s with 401 and does nothing else', async (_name, spoil, counter) => {
    const shopifyOrderId = unusedOrderId();
    const before = receiver.counters.snapshot();
    const delivery = spoil(orderDelivery(shopifyOrderId));
    expect(delivery.body.length).toBe(orderDelivery(shopifyOrderId).body.length);
    expect(await post(delivery)).toBe(401);
    expect(receiver.counters.get(counter)).toBe(before[counter] + 1);
    expect(receiver.counters.get('accepted')).toBe(before.accepted);
    expect(await workflowExists(shopifyOrderId)).toBe(false);
  });

  it('refuses a body over the limit with 413', async () => {
    const delivery = orderDelivery(unusedOrderId());
    const body = JSON.stringify({ padding: 'x'.repeat(70 * 1024) });
    const status = await post({
      body,
      headers: { ...delivery.headers, 'X-Shopify-Hmac-Sha256': sign(body) },
    });
    expect(status).toBe(413);
  });
});

describe('webhook receiver: one event, one effect', () => {
  it('signals the workflow once for an event delivered three times', async () => {
    const order = await capOrder();
    const delivery = orderDelivery(order.id, stack.simulator.store.order(order.id)!.updatedAt);
    const statuses = await Promise.all([post(delivery), post(delivery)]);
    statuses.push(await post(delivery));
    expect(statuses).toEqual([200, 200, 200]);
    expect(receiver.counters.get('duplicate')).toBeGreaterThanOrEqual(2);
    // The same change under a new event id is another event: it reaches the workflow (which
    // recognises the version it has). Signals that arrive during a workflow task are written to
    // history after it, in order, so once this one shows, any duplicate would show too.
    const another = { ...delivery, headers: { ...delivery.headers, 'X-Shopify-Event-Id': randomUUID() } };
    expect(await post(another)).toBe(200);
    let signals = 0;
    for (let waited = 0; signals < 2 && waited < 20_000; waited += 100) {
      signals = await signalsReceived(order.id);
      if (signals < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(signals).toBe(2);
  });
});

describe('webhook receiver: bursts', () => {
  it('answers every delivery of a burst larger than the database pool', async () => {
    // The ERP pool holds 10 connections; each delivery also looks its order's shop card up.
    const orders = await Promise.all([capOrder(), capOrder()]);
    const deliveries = orders.flatMap((order) => Array.from({ length: 15 }, () => orderDelivery(order.id)));
    const statuses = await Promise.all(deliveries.map((delivery) => post(delivery)));
    expect(statuses).toEqual(deliveries.map(() => 200));
    for (const order of orders) expect(await workflowExists(order.id)).toBe(true);
  });
});

describe('webhook receiver: Temporal is the durable queue', () => {
  let gate: TcpGate;
  let gatedConnection: Connection;
  let gatedReceiver: RunningWebhookReceiver;

  beforeAll(async () => {
    gate = await startTcpGate(inject('temporalAddress'));
    gatedConnection = Connection.lazy({ address: gate.address });
    gatedReceiver = await startReceiver(new Client({ connection: gatedConnection, namespace: 'default' }));
  });

  afterAll(async () => {
    await gatedReceiver?.close();
    await gatedConnection?.close();
    await gate?.dispose();
  });

  it('answers 503 while Temporal is down; Shopify retries and the order is imported', async () => {
    await gate.close();
    await subscribe('ORDERS_CREATE', gatedReceiver.url);
    const order = await capOrder();
    const delivered = () =>
      stack.simulator.webhooks.deliveries.find((delivery) =>
        delivery.body.includes(order.id.split('/').pop()!),
      );
    for (let waited = 0; !delivered()?.responseStatuses.length && waited < 20_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(delivered()!.responseStatuses[0]).toBe(503);
    expect(gatedReceiver.counters.get('temporal_unavailable')).toBeGreaterThan(0);
    expect(await workflowExists(order.id)).toBe(false);
    await gate.open();
    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      hasDocument,
      60_000,
    );
    expect(status.document).toBeDefined();
    expect(delivered()!.status).toBe('delivered');
    expect(delivered()!.responseStatuses.at(-1)).toBe(200);
  });
});
