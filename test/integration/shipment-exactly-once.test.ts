import { startPausingWorker } from '../helpers/pausing-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyShipmentPosted } from '../../temporal/dispatch-shipment';
import { postSalesShipment } from '../../erp/services/shipments';
import { shipmentPostedSignal } from '../../workflows/messages';
import { syncShipmentsWorkflow } from '../../workflows/sync-shipments';
import { startShopifyProxy, type ShopifyProxy } from '../helpers/shopify-proxy';
import {
  startTestStack,
  TEST_ORDER_TIMINGS,
  type RunningTestWorker,
  type TestStack,
} from '../helpers/test-stack';
import { dispatchOrder, documentOf, orderHandle } from './order-test-kit';
import {
  importToSalesOrder,
  placeOrder,
  setUpShipmentShop,
  ship,
  shopifyOrder,
  syncRecordOf,
  waitForShipment,
  SHOP,
  type ShipmentShop,
} from './shipment-test-kit';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import type { GeneratedOrder } from '../../simulator/generator/create-order';

let stack: TestStack;
let shop: ShipmentShop;
let proxy: ShopifyProxy;
let worker: RunningTestWorker | undefined;

const RESEND_AFTER_MS = 700;

beforeAll(async () => {
  stack = await startTestStack({ workers: 0 });
  proxy = await startShopifyProxy(stack.simulator.baseUrl);
  shop = await setUpShipmentShop(stack);
});

afterAll(async () => {
  await worker?.stop();
  await stack?.close();
  await proxy?.close();
});

async function proxiedWorker(): Promise<RunningTestWorker> {
  worker ??= await stack.startWorker('exactly-once-worker', {
    shopifyBaseUrl: (domain) => (domain === stack.simulator.shopDomain ? proxy.baseUrl : undefined),
    shipmentResendAfterMs: RESEND_AFTER_MS,
  });
  return worker;
}

/** fulfillmentCreate calls Shopify executed for this order's fulfillments (whatever path they took). */
const executedFulfillmentCreates = () => stack.simulator.stats().byOperation.FulfillmentCreate?.requests ?? 0;

async function attemptsOf(order: GeneratedOrder, activityType: string): Promise<number> {
  const history = await orderHandle(stack, order.id).fetchHistory();
  const scheduled = new Map<string, string>();
  let highest = 0;
  for (const event of history.events ?? []) {
    const scheduledEvent = event.activityTaskScheduledEventAttributes;
    if (scheduledEvent?.activityType?.name)
      scheduled.set(String(event.eventId), scheduledEvent.activityType.name);
    const started = event.activityTaskStartedEventAttributes;
    if (started && scheduled.get(String(started.scheduledEventId)) === activityType)
      highest = Math.max(highest, started.attempt ?? 1);
  }
  return highest;
}

describe('a shipment is fulfilled at most once', () => {
  it('an answer lost after Shopify created the fulfillment: reconciled, never sent again', async () => {
    await proxiedWorker();
    const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 2 }]);
    await importToSalesOrder(stack, order);
    const before = executedFulfillmentCreates();
    proxy.loseAnswers('FulfillmentCreate');
    const posted = await ship(stack, order, { shippingAgentCode: 'DHL', packageTrackingNo: 'LOST-1' });
    const status = await waitForShipment(stack, order, posted.shipmentId);
    expect(executedFulfillmentCreates() - before).toBe(1);
    const fulfillments = shopifyOrder(stack, order).fulfillments;
    expect(fulfillments).toHaveLength(1);
    expect(status.shipments?.[0]).toMatchObject({
      status: 'fulfilled',
      shopifyFulfillmentIds: [fulfillments[0]!.id],
    });
    // The first attempt failed with the uncertain outcome; the second found the fulfillment.
    expect(await attemptsOf(order, 'syncShipmentToShopify')).toBeGreaterThan(1);
    expect((await syncRecordOf(stack, posted.shipmentId)).attempts).toBeGreaterThan(1);
  });

  it('a request dropped before it reached Shopify: nothing found, sent again after the settle time, fulfilled once', async () => {
    await proxiedWorker();
    const order = await placeOrder(stack, shop, [{ sku: 'CAP-1', quantity: 1 }]);
    await importToSalesOrder(stack, order);
    const before = executedFulfillmentCreates();
    proxy.dropBeforeShopify('FulfillmentCreate');
    const posted = await ship(stack, order, {});
    await waitForShipment(stack, order, posted.shipmentId);
    expect(executedFulfillmentCreates() - before).toBe(1);
    expect(shopifyOrder(stack, order).fulfillments).toHaveLength(1);
    expect(await attemptsOf(order, 'syncShipmentToShopify')).toBeGreaterThan(1);
  });

  it('a duplicate signal and a shipment sync run on top: one fulfillment', async () => {
    await proxiedWorker();
    const order = await placeOrder(stack, shop, [{ sku: 'SCARF-1', quantity: 1 }]);
    await importToSalesOrder(stack, order);
    const before = executedFulfillmentCreates();
    const posted = await ship(stack, order, { packageTrackingNo: 'DUP-1' });
    const dispatch = { ...posted.shopify!, shipmentId: posted.shipmentId };
    await Promise.all([
      notifyShipmentPosted(stack.temporal.client, stack.temporal.taskQueue, dispatch, TEST_ORDER_TIMINGS),
      orderHandle(stack, order.id).signal(shipmentPostedSignal, {
        shipmentId: posted.shipmentId,
        shopCode: SHOP,
      }),
      stack.temporal.client.workflow.execute(syncShipmentsWorkflow, {
        taskQueue: stack.temporal.taskQueue,
        workflowId: `sync-shipments:${SHOP}:dup-${Date.now()}`,
        args: [{ shopCode: SHOP, waitSeconds: 10 }],
      }),
    ]);
    await waitForShipment(stack, order, posted.shipmentId);
    // The order closed and its run ended. A late duplicate starts a new run, which imports the order
    // and finds the shipment settled: it reports the stored outcome and sends nothing.
    await orderHandle(stack, order.id).result();
    await notifyShipmentPosted(stack.temporal.client, stack.temporal.taskQueue, dispatch, TEST_ORDER_TIMINGS);
    const rerun = await orderHandle(stack, order.id).result();
    expect(rerun).toMatchObject({ stage: 'closed', imports: 1 });
    expect(rerun.shipments).toEqual([
      expect.objectContaining({ shipmentId: posted.shipmentId, status: 'fulfilled' }),
    ]);
    expect(executedFulfillmentCreates() - before).toBe(1);
    expect(shopifyOrder(stack, order).fulfillments).toHaveLength(1);
  });

  it('the shipment sync sends a shipment whose signal was lost, and reports it', async () => {
    await proxiedWorker();
    const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 1 }]);
    await importToSalesOrder(stack, order);
    // Posted, but the workflow never heard of it (the CLI died right after the commit).
    const posted = await postSalesShipment(stack.erp.orm, {
      document: order.name,
      packageTrackingNo: 'QUIET-1',
    });
    const old = await postSalesShipment(stack.erp.orm, {
      document: (await documentOf(stack, order.id)).header.no,
      postingDate: '2020-01-01',
    }).catch((error: unknown) => error);
    expect(old).toBeInstanceOf(Error); // nothing left to ship: the one shipment above took it all
    const report = await stack.temporal.client.workflow.execute(syncShipmentsWorkflow, {
      taskQueue: stack.temporal.taskQueue,
      workflowId: `sync-shipments:${SHOP}:${Date.now()}`,
      args: [{ shopCode: SHOP, since: new Date(Date.now() - 86_400_000).toISOString(), waitSeconds: 20 }],
    });
    expect(report).toMatchObject({ shopCodes: [SHOP], stillPending: 0 });
    expect(report.found).toBeGreaterThanOrEqual(1);
    expect(report.shipments).toContainEqual({
      shipmentNo: posted.shipmentNo,
      orderName: order.name,
      status: 'fulfilled',
      shopifyFulfillmentIds: [shopifyOrder(stack, order).fulfillments[0]!.id],
    });
    // Settled shipments are not picked up again.
    const again = await stack.temporal.client.workflow.execute(syncShipmentsWorkflow, {
      taskQueue: stack.temporal.taskQueue,
      workflowId: `sync-shipments:${SHOP}:again-${Date.now()}`,
      args: [{ shopCode: SHOP, waitSeconds: 5 }],
    });
    expect(again.shipments.map((shipment) => shipment.shipmentNo)).not.toContain(posted.shipmentNo);
  });

  it('a worker killed between Shopify’s answer and the commit: the next worker finds the fulfillment, none is added', async () => {
    await worker?.stop();
    worker = undefined;
    const doomed = startPausingWorker(stack, 'syncShipmentToShopify');
    try {
      const order = await placeOrder(stack, shop, [{ sku: 'CAP-1', quantity: 2 }]);
      await dispatchOrder(stack, order, SHOP);
      await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument, 30_000);
      const before = executedFulfillmentCreates();
      const posted = await ship(stack, order, { shippingAgentCode: 'POSTEN', packageTrackingNo: 'KILL-1' });
      await doomed.paused();
      doomed.kill();
      expect(shopifyOrder(stack, order).fulfillments).toHaveLength(1);
      expect((await syncRecordOf(stack, posted.shipmentId)).status).toBe('in-progress');
      const survivor = await stack.startWorker('survivor', { shipmentResendAfterMs: RESEND_AFTER_MS });
      try {
        const status = await waitForShipment(stack, order, posted.shipmentId, 45_000);
        expect(status.shipments?.[0]?.status).toBe('fulfilled');
      } finally {
        await survivor.stop();
      }
      expect(executedFulfillmentCreates() - before).toBe(1);
      expect(shopifyOrder(stack, order).fulfillments).toHaveLength(1);
      expect(await attemptsOf(order, 'syncShipmentToShopify')).toBeGreaterThan(1);
    } finally {
      doomed.kill();
    }
  });
});
