import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator';
import { createOrder, gql, gqlData, seedCatalog, startTestSimulator, usd } from './helpers';

/**
 * Every operation the connector's Shopify client sends (shopify/operations/*.graphql) runs against
 * the simulator without errors, and the simulator prices it as the file says.
 */
const operationsDir = fileURLToPath(new URL('../../shopify/operations/', import.meta.url));
const files = readdirSync(operationsDir).filter((file) => file.endsWith('.graphql'));
const allText = files.map((file) => readFileSync(`${operationsDir}${file}`, 'utf8')).join('\n');
const operations = files.flatMap((file) => {
  const text = readFileSync(`${operationsDir}${file}`, 'utf8');
  const statedCost = /Requested cost:\s*([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '');
  return parse(text)
    .definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )
    .map((definition) => ({
      file,
      name: definition.name!.value,
      kind: definition.operation,
      statedCost: statedCost ? Number(statedCost) : undefined,
    }));
});

const BULK_ORDER_IDS = '{ orders { edges { node { id } } } }';
const BULK_RUN = `mutation { bulkOperationRunQuery(query: "${BULK_ORDER_IDS}") { bulkOperation { id } } }`;

describe('the connector operations against the simulator', () => {
  let simulator: RunningSimulator;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    simulator = await startTestSimulator();
    const catalog = seedCatalog(simulator);
    const warehouse = simulator.store.addLocation({ name: 'Warehouse', countryCode: 'US' });
    ids.warehouse = warehouse.id;
    ids.order = await createOrder(simulator, {
      email: 'ops@example.com',
      customer: {
        toUpsert: {
          email: 'ops@example.com',
          firstName: 'Op',
          lastName: 'Erator',
          addresses: [{ city: 'Oslo', country: 'NO' }],
        },
      },
      shippingAddress: {
        firstName: 'Op',
        lastName: 'Erator',
        address1: 'Gate 1',
        city: 'Oslo',
        zip: '0150',
        countryCode: 'NO',
      },
      billingAddress: {
        firstName: 'Op',
        lastName: 'Erator',
        address1: 'Gate 1',
        city: 'Oslo',
        zip: '0150',
        countryCode: 'NO',
      },
      lineItems: [
        { variantId: catalog.shirtM, quantity: 2, taxLines: [{ title: 'MVA', rate: '0.25' }] },
        { variantId: catalog.mug, quantity: 3, taxLines: [{ title: 'MVA', rate: '0.25' }] },
      ],
      shippingLines: [
        { title: 'Standard', priceSet: usd('10.00'), taxLines: [{ title: 'MVA', rate: '0.25' }] },
      ],
      discountCode: { itemPercentageDiscountCode: { code: 'SPRING', percentage: 5 } },
      financialStatus: 'PAID',
      tags: ['ops'],
    });
    const order = simulator.store.order(ids.order)!;
    const fulfillmentOrder = order.fulfillmentOrders[0]!;
    const shirtItem = fulfillmentOrder.lineItems[0]!;
    await gqlData(
      simulator,
      'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }',
      {
        f: {
          lineItemsByFulfillmentOrder: [
            {
              fulfillmentOrderId: fulfillmentOrder.id,
              fulfillmentOrderLineItems: [{ id: shirtItem.id, quantity: 2 }],
            },
          ],
          trackingInfo: { company: 'Posten', number: 'P1' },
        },
      },
    );
    const fulfillment = order.fulfillments[0]!;
    await gqlData(
      simulator,
      'mutation($input: ReturnInput!) { returnCreate(returnInput: $input) { userErrors { message } } }',
      {
        input: {
          orderId: ids.order,
          returnLineItems: [{ fulfillmentLineItemId: fulfillment.fulfillmentLineItems[0]!.id, quantity: 1 }],
        },
      },
    );
    await gqlData(
      simulator,
      'mutation($input: RefundInput!) { refundCreate(input: $input) { userErrors { message } } }',
      {
        input: {
          orderId: ids.order,
          refundLineItems: [
            {
              lineItemId: order.lineItems[0]!.id,
              quantity: 1,
              restockType: 'RETURN',
              locationId: warehouse.id,
            },
          ],
          shipping: { amount: '2.00' },
          transactions: [{ orderId: ids.order, kind: 'REFUND', gateway: 'manual', amount: '20.00' }],
        },
      },
    );
    ids.fulfillmentOrder = fulfillmentOrder.id;
    ids.fulfillment = fulfillment.id;
    ids.refund = order.refunds[0]!.id;
    ids.return = order.returns[0]!.id;
    ids.profile = simulator.store.deliveryProfiles[0]!.id;
    ids.locationGroup = simulator.store.deliveryProfiles[0]!.profileLocationGroups[0]!.locationGroup.id;
    // orderClose runs on an order without an open return (Shopify keeps one with it open).
    ids.closable = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.giftCard, quantity: 1 }],
      financialStatus: 'PAID',
    });
  });
  // Bulk operations that stay running, so each bulk operation has one to read and one to cancel.
  beforeAll(async () => {
    simulator.bulk.configure({ startDelayMs: 600_000 });
    for (const key of ['bulkOperation', 'bulkToCancel']) {
      const answer = await gql(simulator, BULK_RUN, {});
      ids[key] = (
        answer.body.data as { bulkOperationRunQuery: { bulkOperation: { id: string } } }
      ).bulkOperationRunQuery.bulkOperation.id;
    }
  });

  afterAll(() => simulator.stop());

  function variablesFor(name: string): Record<string, unknown> {
    if (name === 'OrdersToImport') return { query: "updated_at:>='2020-01-01T00:00:00Z' status:any" };
    if (name.startsWith('DeliveryProfile') || name.startsWith('DeliveryZone'))
      return { profileId: ids.profile, locationGroupId: ids.locationGroup };
    if (name === 'FulfillmentOrderLineItemsPage') return { id: ids.fulfillmentOrder };
    if (name === 'FulfillmentLineItemsPage') return { id: ids.fulfillment };
    if (name.startsWith('Refund')) return { id: ids.refund };
    if (name.startsWith('ReturnLineItems')) return { id: ids.return };
    if (name === 'GiftCards') return { query: null };
    if (name === 'IssuedGiftCards') return { query: "created_at:>='2020-01-01T00:00:00Z'" };
    if (name === 'OrderClose') return { id: ids.closable };
    if (name === 'BulkOperationRunQuery') return { query: BULK_ORDER_IDS };
    if (name === 'BulkOperation') return { id: ids.bulkOperation };
    if (name === 'BulkOperationCancel') return { id: ids.bulkToCancel };
    if (name === 'WebhookSubscriptionCreate')
      return {
        topic: 'ORDERS_CREATE',
        subscription: { uri: 'https://127.0.0.1:9/webhooks', name: 'orderbridge' },
      };
    if (name === 'WebhookSubscriptionUpdate' || name === 'WebhookSubscriptionDelete') {
      const subscription = simulator.store.webhookSubscriptions[0]!;
      return { id: subscription.id, subscription: { uri: 'https://localhost:9/webhooks' } };
    }
    if (name === 'FulfillmentOrderMove') return { id: ids.fulfillmentOrder, newLocationId: ids.warehouse };
    if (name === 'FulfillmentCreate') {
      const open = simulator.store
        .order(ids.order)!
        .fulfillmentOrders.find((fulfillmentOrder) =>
          ['OPEN', 'IN_PROGRESS'].includes(fulfillmentOrder.status),
        )!;
      return { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: open.id }] } };
    }
    return { id: ids.order };
  }

  it('has operations to check', () => {
    expect(operations.length).toBeGreaterThan(15);
  });

  // Queries first, then the mutations (which change the order the queries read): move, fulfil, close;
  // a webhook subscription is created before it is updated and deleted.
  const mutationOrder = [
    'FulfillmentOrderMove',
    'FulfillmentCreate',
    'OrderClose',
    'WebhookSubscriptionCreate',
    'WebhookSubscriptionUpdate',
    'WebhookSubscriptionDelete',
  ];
  const rank = (name: string) =>
    mutationOrder.includes(name) ? mutationOrder.indexOf(name) : mutationOrder.length;
  const ordered = [
    ...operations.filter((operation) => operation.kind === 'query'),
    ...operations
      .filter((operation) => operation.kind === 'mutation')
      .sort((a, b) => rank(a.name) - rank(b.name)),
  ];
  for (const operation of ordered) {
    it(`${operation.name} (${operation.file}) runs without errors at its stated cost`, async () => {
      const answer = await gql(simulator, allText, variablesFor(operation.name), {
        operationName: operation.name,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
      const payload = Object.values(answer.body.data ?? {})[0] as { userErrors?: unknown[] } | null;
      if (operation.kind === 'mutation') expect(payload?.userErrors, JSON.stringify(payload)).toEqual([]);
      else expect(payload, operation.name).not.toBeNull();
      if (operation.statedCost !== undefined)
        expect(answer.body.extensions?.cost?.requestedQueryCost).toBe(operation.statedCost);
      expect(answer.body.extensions?.cost?.actualQueryCost).toBeLessThanOrEqual(
        answer.body.extensions!.cost!.requestedQueryCost,
      );
    });
  }

  it('OrderForImport returns the whole order in one request', async () => {
    const answer = await gql(simulator, allText, { id: ids.order }, { operationName: 'OrderForImport' });
    const order = (answer.body.data as { order: Record<string, unknown> }).order;
    expect(order).toMatchObject({
      id: ids.order,
      email: 'ops@example.com',
      tags: ['ops'],
      returnStatus: 'IN_PROGRESS',
    });
    expect(JSON.stringify(order)).toContain('Posten');
  });
});
