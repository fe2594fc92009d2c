import type { Client, WorkflowHandle } from '@temporalio/client';
import { dispatchOrderChange } from '../../temporal/dispatch-order';
import { seedDemoShop, type DemoShopOptions } from '../../erp/demo-setup';
import { SalesHeader, SalesLine, ShopCard } from '../../erp/entities';
import type { ShopifyTarget } from '../../simulator/generator/admin-client';
import { orderStatusQuery, orderWorkflowId, type OrderStatus } from '../../workflows/messages';
import type { orderWorkflow } from '../../workflows/order';
import type { OrderTimings } from '../../workflows/order-timings';
import { syncOrdersWorkflow } from '../../workflows/sync-orders';
import { TEST_ORDER_TIMINGS, type TestStack } from '../helpers/test-stack';

/**
 * Shared moves of the order integration tests: shop cards on the simulator's store, syncs,
 * direct dispatches, and reading back what the ERP made. Not a test file itself.
 */

export function shopifyTarget(stack: TestStack): ShopifyTarget {
  return {
    graphqlUrl: stack.simulator.graphqlUrl,
    accessToken: stack.simulator.accessToken,
    // For what the simulator has no mutation for (a risk level).
    seedApi: stack.simulator.store,
  };
}

/** Shop card settings a test changes after the demo set-up (the set-up itself leaves existing rows alone). */
export type ShopCardChanges = Partial<
  Pick<
    ShopCard,
    | 'defaultCustomerNo'
    | 'currencyCode'
    | 'orderSyncFilters'
    | 'autoCreateOrders'
    | 'autoReleaseOrders'
    | 'customerImport'
    | 'customerMappingType'
    | 'shopifyOrderNoOnDocumentLine'
    | 'createInvoicesForFulfilledOrders'
  >
>;

/**
 * A shop card on the test store with the demo set-up (accounts, location and shipment mappings,
 * customer template per country), then `changes` applied to the card.
 */
export async function addShopCard(
  stack: TestStack,
  shopCode: string,
  options: Omit<DemoShopOptions, 'shopDomain' | 'shopCode' | 'accessToken'> = {},
  changes: ShopCardChanges = {},
): Promise<void> {
  await seedDemoShop(stack.erp.orm, {
    shopDomain: stack.simulator.shopDomain,
    accessToken: stack.simulator.accessToken,
    shopCode,
    locations: [
      {
        shopifyLocationId: stack.simulator.store.defaultLocation()!.id,
        name: 'Shop location',
        locationCode: 'MAIN',
      },
    ],
    ...options,
  });
  if (Object.keys(changes).length > 0) {
    await stack.erp.orm.em.fork().nativeUpdate(ShopCard, { code: shopCode }, changes);
  }
}

/** Runs one order sync of a shop card to its end, as the schedule would. */
export function runSync(stack: TestStack, shopCode: string) {
  return stack.temporal.client.workflow.execute(syncOrdersWorkflow, {
    taskQueue: stack.temporal.taskQueue,
    workflowId: `sync-orders:${shopCode}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`,
    args: [{ shopCode }],
  });
}

/** Wakes an order's workflow as sync does (signal-with-start), with chosen waits. */
export async function dispatchOrder(
  stack: TestStack,
  order: { id: string; name: string },
  shopCode: string,
  timings: OrderTimings = TEST_ORDER_TIMINGS,
): Promise<void> {
  await dispatchOrderChange(
    stack.temporal.client,
    stack.temporal.taskQueue,
    {
      store: stack.simulator.shopDomain,
      shopifyOrderId: order.id,
      orderName: order.name,
      change: {
        shopCode,
        shopifyUpdatedAt: stack.simulator.store.order(order.id)!.updatedAt,
        source: 'sync',
      },
    },
    timings,
  );
}

export function orderHandle(stack: TestStack, shopifyOrderId: string): WorkflowHandle<typeof orderWorkflow> {
  return stack.temporal.client.workflow.getHandle(
    orderWorkflowId(stack.simulator.shopDomain, shopifyOrderId),
  );
}

export function queryOrder(stack: TestStack, shopifyOrderId: string): Promise<OrderStatus> {
  return orderHandle(stack, shopifyOrderId).query(orderStatusQuery);
}

/** The order's workflow imported Shopify's current version of the order (and finished with it). */
export function importedVersion(stack: TestStack, shopifyOrderId: string) {
  const wanted = Date.parse(stack.simulator.store.order(shopifyOrderId)!.updatedAt);
  return (status: OrderStatus) =>
    status.lastShopifyUpdatedAt !== undefined &&
    Date.parse(status.lastShopifyUpdatedAt) >= wanted &&
    status.stage !== 'importing' &&
    status.stage !== 'mapping';
}

/**
 * Polls the visibility store until `workflowId` is among the workflows matching `query` (the
 * visibility store is eventually consistent). Returns how long it took.
 */
export async function waitForVisibility(
  client: Client,
  query: string,
  workflowId: string,
  timeoutMs = 15_000,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    for await (const execution of client.workflow.list({ query })) {
      if (execution.workflowId === workflowId) return Date.now() - started;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Workflow ${workflowId} did not match "${query}" within ${timeoutMs} ms`);
}

/** The order's one sales document and its lines (in line order); throws when there is none or more. */
export async function documentOf(stack: TestStack, shopifyOrderId: string) {
  const em = stack.erp.orm.em.fork();
  const headers = await em.find(SalesHeader, {
    store: stack.simulator.shopDomain,
    shopifyOrderId,
    documentType: { $in: ['order', 'invoice'] },
  });
  if (headers.length !== 1) {
    throw new Error(`Order ${shopifyOrderId} has ${headers.length} sales documents, expected exactly one`);
  }
  const header = headers[0]!;
  const lines = await em.find(SalesLine, { headerId: header.id }, { orderBy: { lineNo: 'asc' } });
  return { header, lines };
}

export async function documentCount(stack: TestStack, shopifyOrderId: string): Promise<number> {
  return stack.erp.orm.em.fork().count(SalesHeader, { store: stack.simulator.shopDomain, shopifyOrderId });
}
