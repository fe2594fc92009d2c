import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySimulator, type RunningSimulator } from '../../simulator';
import { createOrder, gqlData, seedCatalog } from './helpers';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const SECRET = 'shpss_test_secret';

function verify(body: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(createHmac('sha256', SECRET).update(body, 'utf8').digest('base64'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe('webhooks', () => {
  let simulator: RunningSimulator;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  /** Status to answer per path, consumed one per request; 200 when empty. */
  const plannedStatuses = new Map<string, number[]>();
  let catalog: ReturnType<typeof seedCatalog>;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = plannedStatuses.get(path)?.shift() ?? 200;
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    simulator = await startShopifySimulator({
      throttle: 'unthrottled',
      shopDomain: 'hooks.myshopify.com',
      webhookSecret: SECRET,
      webhooks: { initialRetryDelayMs: 5, maxAttempts: 4 },
    });
    catalog = seedCatalog(simulator);
  });
  afterAll(async () => {
    await simulator.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const subscribe = (topic: string, uri: string) =>
    gqlData(
      simulator,
      `mutation($topic: WebhookSubscriptionTopic!, $uri: String!) {
        webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
          webhookSubscription { id topic uri format } userErrors { field message } } }`,
      { topic, uri },
    );

  it('registers subscriptions for loopback callbacks only', async () => {
    for (const topic of [
      'ORDERS_CREATE',
      'ORDERS_UPDATED',
      'ORDERS_CANCELLED',
      'REFUNDS_CREATE',
      'FULFILLMENTS_CREATE',
    ]) {
      const answer = await subscribe(topic, `${receiverUrl}/${topic.toLowerCase()}`);
      expect(answer.webhookSubscriptionCreate).toMatchObject({
        webhookSubscription: { topic, format: 'JSON' },
        userErrors: [],
      });
    }
    const outside = await subscribe('ORDERS_CREATE', 'https://example.com/hooks');
    expect(outside.webhookSubscriptionCreate.webhookSubscription).toBeNull();
    expect(outside.webhookSubscriptionCreate.userErrors[0].field).toEqual(['webhookSubscription', 'uri']);
    const duplicate = await subscribe('ORDERS_CREATE', `${receiverUrl}/orders_create`);
    expect(duplicate.webhookSubscriptionCreate.userErrors[0].message).toMatch(/already been taken/);
    const listed = await gqlData(simulator, '{ webhookSubscriptions(first: 10) { nodes { topic uri } } }');
    expect(listed.webhookSubscriptions.nodes).toHaveLength(5);
  });

  it("delivers orders/create and orders/updated, signed, with Shopify's headers", async () => {
    received.length = 0;
    const orderId = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 2 }],
      financialStatus: 'PAID',
      email: 'hook@example.com',
    });
    await simulator.webhooks.idle();
    const create = received.find((entry) => entry.path === '/orders_create')!;
    const update = received.find((entry) => entry.path === '/orders_updated')!;
    expect(create).toBeDefined();
    expect(update).toBeDefined();
    expect(verify(create.body, create.headers['x-shopify-hmac-sha256'] as string)).toBe(true);
    expect(verify(create.body + ' ', create.headers['x-shopify-hmac-sha256'] as string)).toBe(false);
    expect(create.headers).toMatchObject({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': 'hooks.myshopify.com',
      'x-shopify-api-version': '2026-10',
    });
    expect(create.headers['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(create.headers['x-shopify-event-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(update.headers['x-shopify-topic']).toBe('orders/updated');
    const body = JSON.parse(create.body);
    expect(body).toMatchObject({
      id: Number(orderId.split('/').pop()),
      admin_graphql_api_id: orderId,
      email: 'hook@example.com',
      financial_status: 'paid',
      fulfillment_status: null,
      total_price: '17.0',
      line_items: [{ sku: 'MUG', quantity: 2, price: '8.5' }],
    });
  });

  it('delivers fulfillments/create, refunds/create and orders/cancelled', async () => {
    received.length = 0;
    const fulfilled = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 1 }],
      financialStatus: 'PAID',
    });
    const fulfillmentOrderId = simulator.store.order(fulfilled)!.fulfillmentOrders[0]!.id;
    await gqlData(
      simulator,
      'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }',
      {
        f: {
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId }],
          trackingInfo: { company: 'UPS', number: '1Z1' },
        },
      },
    );
    const cancelled = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.shirtM, quantity: 1 }],
      financialStatus: 'PAID',
    });
    await gqlData(
      simulator,
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: true) { orderCancelUserErrors { message } } }',
      { id: cancelled },
    );
    await simulator.webhooks.idle();
    const fulfillment = JSON.parse(received.find((entry) => entry.path === '/fulfillments_create')!.body);
    expect(fulfillment).toMatchObject({
      order_id: Number(fulfilled.split('/').pop()),
      status: 'success',
      tracking_company: 'UPS',
      tracking_number: '1Z1',
    });
    const refund = JSON.parse(received.find((entry) => entry.path === '/refunds_create')!.body);
    expect(refund).toMatchObject({
      order_id: Number(cancelled.split('/').pop()),
      transactions: [{ kind: 'refund', status: 'success', amount: '20.0' }],
    });
    const cancelledHook = received.find((entry) => entry.path === '/orders_cancelled')!;
    expect(cancelledHook.headers['x-shopify-topic']).toBe('orders/cancelled');
    expect(JSON.parse(cancelledHook.body)).toMatchObject({
      cancel_reason: 'customer',
      financial_status: 'refunded',
    });
  });

  it('delivers orders/paid, orders/partially_fulfilled, orders/fulfilled and orders/edited on those transitions', async () => {
    for (const topic of ['ORDERS_PAID', 'ORDERS_PARTIALLY_FULFILLED', 'ORDERS_FULFILLED', 'ORDERS_EDITED']) {
      expect(
        (await subscribe(topic, `${receiverUrl}/${topic.toLowerCase()}`)).webhookSubscriptionCreate
          .userErrors,
      ).toEqual([]);
    }
    received.length = 0;
    const id = await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 2 }] });
    await gqlData(
      simulator,
      'mutation($id: ID!) { orderMarkAsPaid(input: { id: $id }) { userErrors { message } } }',
      { id },
    );
    const fulfillmentOrder = simulator.store.order(id)!.fulfillmentOrders[0]!;
    const fulfil = (quantity: number) =>
      gqlData(
        simulator,
        'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }',
        {
          f: {
            lineItemsByFulfillmentOrder: [
              {
                fulfillmentOrderId: fulfillmentOrder.id,
                fulfillmentOrderLineItems: [{ id: fulfillmentOrder.lineItems[0]!.id, quantity }],
              },
            ],
          },
        },
      );
    await fulfil(1);
    await fulfil(1);
    const session = await gqlData(
      simulator,
      'mutation($id: ID!) { orderEditBegin(id: $id) { calculatedOrder { id } } }',
      { id },
    );
    await gqlData(
      simulator,
      'mutation($id: ID!, $v: ID!) { orderEditAddVariant(id: $id, variantId: $v, quantity: 1) { userErrors { message } } }',
      {
        id: session.orderEditBegin.calculatedOrder.id,
        v: catalog.shirtM,
      },
    );
    await gqlData(
      simulator,
      'mutation($id: ID!) { orderEditCommit(id: $id, staffNote: "added a shirt") { userErrors { message } } }',
      { id: session.orderEditBegin.calculatedOrder.id },
    );
    await simulator.webhooks.idle();
    const topics = received
      .map((entry) => entry.headers['x-shopify-topic'])
      .filter(
        (topic) => topic !== 'orders/updated' && topic !== 'orders/create' && topic !== 'fulfillments/create',
      );
    expect(topics).toEqual([
      'orders/paid',
      'orders/partially_fulfilled',
      'orders/fulfilled',
      'orders/edited',
      'orders/partially_fulfilled',
    ]);
    const edited = JSON.parse(received.find((entry) => entry.path === '/orders_edited')!.body);
    expect(edited.order_edit).toMatchObject({
      order_id: Number(id.split('/').pop()),
      staff_note: 'added a shirt',
    });
    expect(simulator.store.order(id)!.note).toBeNull();
  });

  it('retries a failing callback with backoff, keeping the webhook id and the body', async () => {
    received.length = 0;
    plannedStatuses.set('/orders_create', [500, 503]);
    await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    await simulator.webhooks.idle();
    const attempts = received.filter((entry) => entry.path === '/orders_create');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((entry) => entry.headers['x-shopify-webhook-id'])).size).toBe(1);
    expect(new Set(attempts.map((entry) => entry.body)).size).toBe(1);
    expect(
      attempts.every((entry) => verify(entry.body, entry.headers['x-shopify-hmac-sha256'] as string)),
    ).toBe(true);
    const delivery = simulator.webhooks.deliveries.filter((entry) => entry.topic === 'ORDERS_CREATE').at(-1)!;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseStatuses: [500, 503, 200] });
  });

  it('gives up after the configured number of attempts', async () => {
    received.length = 0;
    plannedStatuses.set('/orders_create', [500, 500, 500, 500, 500]);
    await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    await simulator.webhooks.idle();
    expect(received.filter((entry) => entry.path === '/orders_create')).toHaveLength(4);
    expect(
      simulator.webhooks.deliveries.filter((entry) => entry.topic === 'ORDERS_CREATE').at(-1),
    ).toMatchObject({ status: 'failed', attempts: 4 });
    plannedStatuses.clear();
  });
});
