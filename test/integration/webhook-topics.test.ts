import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyRequestReport } from '../../workflows/contracts/shop-webhooks';
import { createOrder } from '../../simulator/generator/create-order';
import type { AddressPlan } from '../../simulator/generator/store-plan';
import { ensureOrderSyncSchedule, orderSyncScheduleId } from '../../temporal/order-sync-schedule';
import {
  appUninstalledWorkflowId,
  privacyRequestWorkflowId,
} from '../../temporal/start-shop-webhook-workflows';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../../webhooks/serve';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { testLogger } from '../helpers/test-logger';
import { startTestStack, TEST_ORDER_TIMINGS, type TestStack } from '../helpers/test-stack';
import { addShopCard, shopifyTarget } from './order-test-kit';

const CLIENT_SECRET = 'topics-test-client-secret';
// Schedule ids hold the card's code and the dev server is shared: a code of this file's own.
const SHOP_CODE = `T${randomBytes(3).toString('hex').toUpperCase()}`;

const ILLINOIS: AddressPlan = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  address1: '1 Analytical Way',
  city: 'Springfield',
  zip: '62701',
  provinceCode: 'IL',
  countryCode: 'US',
};

let stack: TestStack;
let receiver: RunningWebhookReceiver;
let capVariantId: string;

beforeAll(async () => {
  stack = await startTestStack({ simulator: { webhookSecret: CLIENT_SECRET } });
  capVariantId = stack.simulator.store.addProduct({
    title: 'Cap',
    variants: [{ title: 'One size', sku: 'CAP-1', price: '15.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, SHOP_CODE, { items: [{ no: 'CAP-1', description: 'Cap' }] });
  receiver = await startWebhookReceiver({
    orm: stack.erp.orm,
    temporalClient: stack.temporal.client,
    taskQueue: stack.temporal.taskQueue,
    logger: testLogger,
    host: '127.0.0.1',
    port: 0,
    bodyLimitBytes: 64 * 1024,
    clientSecretsOf: async () => [CLIENT_SECRET],
    orderTimings: TEST_ORDER_TIMINGS,
  });
});

afterAll(async () => {
  await receiver?.close();
  await stack?.close();
});

/** Posts a signed delivery of `topic`; returns the HTTP status and the event id. */
async function deliver(topic: string, payload: unknown): Promise<{ status: number; eventId: string }> {
  const body = JSON.stringify(payload);
  const eventId = randomUUID();
  const response = await fetch(receiver.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': topic,
      'X-Shopify-Hmac-Sha256': createHmac('sha256', CLIENT_SECRET).update(body).digest('base64'),
      'X-Shopify-Shop-Domain': stack.simulator.shopDomain,
      'X-Shopify-Event-Id': eventId,
    },
    body,
  });
  await response.arrayBuffer();
  return { status: response.status, eventId };
}

const numeric = (gid: string) => Number(gid.split('/').pop());

async function sql<T>(query: string, parameters: unknown[] = []): Promise<T[]> {
  return stack.erp.orm.em.fork().execute<T[]>(query, parameters);
}

/** An order of a customer with an address, imported with its sales document. */
async function importedCustomerOrder(email: string) {
  const order = await createOrder(shopifyTarget(stack), {
    lines: [{ variantId: capVariantId, title: 'Cap', sku: 'CAP-1', quantity: 1, unitPrice: '15.00' }],
    customer: { email, firstName: 'Ada', lastName: 'Lovelace', phone: '+12175550100', addresses: [ILLINOIS] },
    shippingAddress: ILLINOIS,
    billingAddress: ILLINOIS,
    note: 'leave at the back door',
  });
  const record = stack.simulator.store.order(order.id)!;
  const { status } = await deliver('orders/create', {
    id: numeric(order.id),
    updated_at: record.updatedAt,
  });
  expect(status).toBe(200);
  await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument, 30_000);
  return { shopifyOrderId: order.id, shopifyCustomerId: record.sim.customerId! };
}

function privacyResult(eventId: string): Promise<PrivacyRequestReport> {
  return stack.temporal.client.workflow
    .getHandle(privacyRequestWorkflowId(stack.simulator.shopDomain, eventId))
    .result();
}

describe('privacy topics', () => {
  it('customers/data_request lists what the ERP holds on the customer, naming fields, not values', async () => {
    const { shopifyOrderId, shopifyCustomerId } = await importedCustomerOrder('ada.request@example.com');
    const { status, eventId } = await deliver('customers/data_request', {
      shop_domain: stack.simulator.shopDomain,
      customer: { id: numeric(shopifyCustomerId), email: 'ada.request@example.com' },
      orders_requested: [numeric(shopifyOrderId)],
      data_request: { id: 9999 },
    });
    expect(status).toBe(200);
    const report = await privacyResult(eventId);
    expect(report.counts).toMatchObject({ importedOrders: 1, salesDocuments: 1 });
    const [row] = await sql<{ topic: string; completed_at: Date | null; outcome: string }>(
      'select topic, completed_at, outcome::text as outcome from privacy_request where id = ?',
      [report.privacyRequestId],
    );
    expect(row!.topic).toBe('customers/data_request');
    expect(row!.completed_at).not.toBeNull();
    const { held } = JSON.parse(row!.outcome) as {
      held: { importedOrders: { shopifyOrderId: string; personalFields: string[] }[] };
    };
    expect(held.importedOrders).toEqual([
      {
        name: expect.stringMatching(/^#/),
        shopifyOrderId,
        personalFields: ['email', 'phone', 'customer', 'billing_address', 'shipping_address', 'note'],
      },
    ]);
    expect(row!.outcome).not.toContain('ada.request@example.com');
    expect(row!.outcome).not.toContain('Analytical');
  });

  it('customers/redact empties the imported copies and keeps the ERP documents', async () => {
    const { shopifyOrderId, shopifyCustomerId } = await importedCustomerOrder('ada.redact@example.com');
    const [documentBefore] = await sql<{ no: string; sell_to_address: string }>(
      'select no, sell_to_address::text from sales_header where store = ? and shopify_order_id = ?',
      [stack.simulator.shopDomain, shopifyOrderId],
    );
    const { eventId } = await deliver('customers/redact', {
      shop_domain: stack.simulator.shopDomain,
      customer: { id: numeric(shopifyCustomerId), email: 'ada.redact@example.com' },
      orders_to_redact: [numeric(shopifyOrderId)],
    });
    const report = await privacyResult(eventId);
    expect(report.counts.ordersRedacted).toBe(1);
    const [order] = await sql<Record<string, unknown>>(
      `select email, phone, customer, billing_address, shipping_address, note, attributes::text as attributes,
              shopify_customer_id, name
         from imported_order where store = ? and shopify_order_id = ?`,
      [stack.simulator.shopDomain, shopifyOrderId],
    );
    expect(order).toMatchObject({
      email: null,
      phone: null,
      customer: null,
      billing_address: null,
      shipping_address: null,
      note: null,
      attributes: '[]',
      shopify_customer_id: null,
    });
    expect(order!.name).toMatch(/^#/);
    const [documentAfter] = await sql<{ no: string; sell_to_address: string }>(
      'select no, sell_to_address::text from sales_header where store = ? and shopify_order_id = ?',
      [stack.simulator.shopDomain, shopifyOrderId],
    );
    expect(documentAfter).toEqual(documentBefore);
    const links = await sql(
      'select 1 from shopify_customer_link where store = ? and shopify_customer_id = ?',
      [stack.simulator.shopDomain, shopifyCustomerId],
    );
    expect(links).toEqual([]);
  });

  it('shop/redact removes what was imported from the store and keeps the ERP documents', async () => {
    const { shopifyOrderId } = await importedCustomerOrder('ada.shop@example.com');
    const documents = await sql<{ count: string }>('select count(*) from sales_header where store = ?', [
      stack.simulator.shopDomain,
    ]);
    const { eventId } = await deliver('shop/redact', { shop_id: 1, shop_domain: stack.simulator.shopDomain });
    const report = await privacyResult(eventId);
    expect(report.counts.importedOrders).toBeGreaterThanOrEqual(1);
    for (const table of [
      'imported_order',
      'order_to_import',
      'shopify_customer_link',
      'shopify_variant_link',
    ]) {
      const rows = await sql(`select 1 from ${table} where store = ?`, [stack.simulator.shopDomain]);
      expect(rows, table).toEqual([]);
    }
    const lines = await sql(
      `select 1 from imported_order_line l where not exists (select 1 from imported_order o where o.id = l.order_id)`,
    );
    expect(lines).toEqual([]);
    expect(
      await sql<{ count: string }>('select count(*) from sales_header where store = ?', [
        stack.simulator.shopDomain,
      ]),
    ).toEqual(documents);
    expect(shopifyOrderId).toBeTruthy();
  });
});

describe('app/uninstalled', () => {
  afterAll(async () => {
    await stack.temporal.client.schedule
      .getHandle(orderSyncScheduleId(SHOP_CODE))
      .delete()
      .catch(() => undefined);
  });

  it('disables the shop card and pauses its schedule, with the reason shown', async () => {
    await ensureOrderSyncSchedule(stack.temporal.client, {
      shopCode: SHOP_CODE,
      taskQueue: stack.temporal.taskQueue,
      every: '1 hour',
      paused: false,
    });
    const { status, eventId } = await deliver('app/uninstalled', {
      id: 1,
      domain: stack.simulator.shopDomain,
      myshopify_domain: stack.simulator.shopDomain,
    });
    expect(status).toBe(200);
    const report = await stack.temporal.client.workflow
      .getHandle(appUninstalledWorkflowId(stack.simulator.shopDomain, eventId))
      .result();
    expect(report).toEqual({
      disabledShopCodes: [SHOP_CODE],
      pausedScheduleIds: [orderSyncScheduleId(SHOP_CODE)],
    });
    const [card] = await sql<{ enabled: boolean; disabled_reason: string }>(
      'select enabled, disabled_reason from shop_card where code = ?',
      [SHOP_CODE],
    );
    expect(card!.enabled).toBe(false);
    expect(card!.disabled_reason).toContain('uninstalled');
    const schedule = await stack.temporal.client.schedule
      .getHandle(orderSyncScheduleId(SHOP_CODE))
      .describe();
    expect(schedule.state.paused).toBe(true);
    expect(schedule.state.note).toContain('uninstalled');
  });
});
