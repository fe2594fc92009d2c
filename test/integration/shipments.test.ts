import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { ImportedOrder, SalesDocumentArchive, SalesHeader } from '../../erp/entities';
import {
  addSalesLine,
  postSalesInvoice,
  releaseSalesDocument,
  reopenSalesDocument,
  setSalesLine,
} from '../../erp/services/documents';
import { notifyInvoicePosted } from '../../temporal/dispatch-shipment';
import { closeOrderSignal } from '../../workflows/messages';
import { startShopifyProxy, type ShopifyProxy } from '../helpers/shopify-proxy';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addOrderTags } from '../../simulator/generator/order-lifecycle';
import { dispatchOrder, orderHandle, queryOrder, shopifyTarget } from './order-test-kit';
import {
  fulfilledUnits,
  importToSalesOrder,
  lineOf,
  placeOrder,
  setShop,
  setUpShipmentShop,
  ship,
  shopifyOrder,
  syncRecordOf,
  waitForClosing,
  waitForShipment,
  type ShipmentShop,
} from './shipment-test-kit';

let stack: TestStack;
let shop: ShipmentShop;

/** orderClose calls Shopify executed so far. */
const executedCloses = () => stack.simulator.stats().byOperation.OrderClose?.requests ?? 0;
let proxy: ShopifyProxy;

beforeAll(async () => {
  stack = await startTestStack({ workers: 0 });
  // Every Shopify call of the worker goes through a proxy, so a test can script Shopify's refusal.
  proxy = await startShopifyProxy(stack.simulator.baseUrl);
  await stack.startWorker('shipments-worker', {
    shopifyBaseUrl: (domain) => (domain === stack.simulator.shopDomain ? proxy.baseUrl : undefined),
    shipmentResendAfterMs: 500,
  });
  shop = await setUpShipmentShop(stack);
});

afterAll(async () => {
  await stack?.close();
  await proxy?.close();
});

describe('a posted shipment becomes Shopify fulfillments', () => {
  it('a full shipment: one fulfillment with tracking, customer notified; the paid order closes in Shopify and the workflow ends', async () => {
    const order = await placeOrder(stack, shop, [
      { sku: 'SOCKS-1', quantity: 2 },
      { sku: 'CAP-1', quantity: 1 },
    ]);
    const { header } = await importToSalesOrder(stack, order);
    const closesBefore = executedCloses();
    const posted = await ship(stack, order, { shippingAgentCode: 'DHL', packageTrackingNo: 'JD0001' });
    const status = await waitForShipment(stack, order, posted.shipmentId);
    const fulfillments = shopifyOrder(stack, order).fulfillments;
    expect(fulfillments).toHaveLength(1);
    expect(fulfilledUnits(stack, order, fulfillments[0]!)).toEqual({ 'SOCKS-1': 2, 'CAP-1': 1 });
    expect(fulfillments[0]!.trackingInfo).toEqual([
      { company: 'DHL Express', number: 'JD0001', url: 'https://www.dhl.example/track?id=JD0001' },
    ]);
    expect(fulfillments[0]!.sim.notifyCustomer).toBe(true);
    expect(fulfillments[0]!.sim.locationId).toBe(shop.mainLocationId);
    expect(status.shipments).toEqual([
      {
        shipmentId: posted.shipmentId,
        shipmentNo: posted.shipmentNo,
        status: 'fulfilled',
        shopifyFulfillmentIds: [fulfillments[0]!.id],
        needsAttention: false,
      },
    ]);
    const record = await syncRecordOf(stack, posted.shipmentId);
    expect(record).toMatchObject({ status: 'fulfilled', shopifyFulfillmentIds: [fulfillments[0]!.id] });
    expect(record.lineResults.map((line) => [line.fulfilledQuantity, line.notSent])).toEqual([
      [2, []],
      [1, []],
    ]);

    // Paid and fulfilled in Shopify, shipped in the ERP: closed in Shopify; the run completes.
    const closed = await waitForClosing(stack, order, 'closed');
    expect(closed).toMatchObject({ stage: 'closed', hasError: false, closing: { archived: false } });
    expect(shopifyOrder(stack, order).closed).toBe(true);
    const result = await orderHandle(stack, order.id).result();
    expect(result.stage).toBe('closed');
    // The run's history (import, document, shipment, close) replays on the current code;
    // RECORD_HISTORIES=1 saves it for test/replay.
    const history = await orderHandle(stack, order.id).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: stack.temporal.workflowBundle }, history);
    if (process.env.RECORD_HISTORIES === '1') {
      const target = fileURLToPath(new URL('../replay/histories/order-shipment-close.json', import.meta.url));
      writeFileSync(target, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
    }
    // Not yet invoiced: the document is not archived until its invoice is posted.
    expect((await stack.erp.orm.em.fork().findOneOrFail(SalesHeader, header.id)).archivedAt).toBeNull();
    const invoice = await postSalesInvoice(stack.erp.orm, { document: header.no });
    expect(invoice.archived).toBe(true);
    expect(await stack.erp.orm.em.fork().count(SalesDocumentArchive, { salesHeaderId: header.id })).toBe(1);
    expect(
      await stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id }),
    ).toMatchObject({
      closed: true,
      stage: 'closed',
    });

    // A later change in Shopify starts a new run with the same id: it imports the order, finds it
    // closed in both systems, and ends.
    await addOrderTags(shopifyTarget(stack), order.id, ['after-close']);
    await dispatchOrder(stack, order, 'WEB');
    const rerun = await orderHandle(stack, order.id).result();
    expect(rerun).toMatchObject({
      stage: 'closed',
      imports: 1,
      closing: { state: 'closed', archived: true },
    });
    expect(executedCloses()).toBe(closesBefore + 1);
  });

  it('a partial shipment fulfils part of the order, which stays open; the second completes and closes it', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 3 }]);
    const { lines } = await importToSalesOrder(stack, order);
    const socks = lineOf(lines, 'SOCKS-1');
    const first = await ship(stack, order, { lines: [{ lineNo: socks.lineNo, quantity: '1' }] });
    await waitForShipment(stack, order, first.shipmentId);
    const waiting = await waitForClosing(stack, order, 'waiting');
    expect(shopifyOrder(stack, order).displayFulfillmentStatus).toBe('PARTIALLY_FULFILLED');
    expect(waiting.stage).toBe('waiting-for-fulfilment');
    expect(waiting.closing?.reasons).toEqual([
      'Shopify: fulfilment status is PARTIALLY_FULFILLED, not fulfilled',
      expect.stringMatching(/^ERP: 2 unit\(s\) on sales order SO\d+ are not shipped yet$/),
    ]);
    // No tracking: the fulfillment carries none.
    expect(shopifyOrder(stack, order).fulfillments[0]!.trackingInfo).toEqual([]);

    const second = await ship(stack, order, {});
    await waitForShipment(stack, order, second.shipmentId);
    await waitForClosing(stack, order, 'closed');
    const fulfillments = shopifyOrder(stack, order).fulfillments;
    expect(fulfillments.map((fulfillment) => fulfilledUnits(stack, order, fulfillment))).toEqual([
      { 'SOCKS-1': 1 },
      { 'SOCKS-1': 2 },
    ]);
    expect(shopifyOrder(stack, order).closed).toBe(true);
  });

  it('a multi-location order: one fulfillment per Shopify location', async () => {
    const order = await placeOrder(stack, shop, [
      { sku: 'SOCKS-1', quantity: 1 },
      { sku: 'SCARF-1', quantity: 2, atWarehouse: true },
    ]);
    const { lines } = await importToSalesOrder(stack, order);
    expect([lineOf(lines, 'SOCKS-1').locationCode, lineOf(lines, 'SCARF-1').locationCode]).toEqual([
      'MAIN',
      'WH2',
    ]);
    const posted = await ship(stack, order, { shippingAgentCode: 'POSTEN', packageTrackingNo: 'PN-77' });
    const status = await waitForShipment(stack, order, posted.shipmentId);
    const fulfillments = shopifyOrder(stack, order).fulfillments;
    expect(
      fulfillments.map((fulfillment) => [
        fulfillment.sim.locationId,
        fulfilledUnits(stack, order, fulfillment),
      ]),
    ).toEqual([
      [shop.mainLocationId, { 'SOCKS-1': 1 }],
      [shop.warehouseId, { 'SCARF-1': 2 }],
    ]);
    // Both carry the shipment's tracking.
    for (const fulfillment of fulfillments) expect(fulfillment.trackingInfo[0]?.number).toBe('PN-77');
    expect(status.shipments?.[0]?.shopifyFulfillmentIds).toHaveLength(2);
    await waitForClosing(stack, order, 'closed');
  });
});

describe('tracking company: the agent’s Shopify tracking company, else its name, else its code (SPEC §5)', () => {
  it('sends each rule’s company, and the URL from the agent’s template', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'CAP-1', quantity: 3 }]);
    const { lines } = await importToSalesOrder(stack, order);
    const cap = lineOf(lines, 'CAP-1');
    const shipments = [];
    for (const [agent, tracking] of [
      ['DHL', 'T-1'],
      ['POSTEN', 'T-2'],
      ['LOCALVAN', 'T-3'],
    ] as const) {
      const posted = await ship(stack, order, {
        lines: [{ lineNo: cap.lineNo, quantity: '1' }],
        shippingAgentCode: agent,
        packageTrackingNo: tracking,
      });
      await waitForShipment(stack, order, posted.shipmentId);
      shipments.push(posted);
    }
    expect(shopifyOrder(stack, order).fulfillments.map((fulfillment) => fulfillment.trackingInfo)).toEqual([
      [{ company: 'DHL Express', number: 'T-1', url: 'https://www.dhl.example/track?id=T-1' }],
      [{ company: 'Posten Norge', number: 'T-2', url: 'https://sporing.posten.example/T-2' }],
      [{ company: 'LOCALVAN', number: 'T-3', url: null }],
    ]);
  });
});

describe('edits made in the ERP, then a shipment (SPEC §4.3)', () => {
  it('location changed to another mapped location: fulfilled, from the original location', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 2 }]);
    await importToSalesOrder(stack, order);
    const posted = await ship(stack, order, { locationCode: 'WH2' });
    await waitForShipment(stack, order, posted.shipmentId);
    const [fulfillment] = shopifyOrder(stack, order).fulfillments;
    expect(fulfillment?.sim.locationId).toBe(shop.mainLocationId);
    expect(shopifyOrder(stack, order).displayFulfillmentStatus).toBe('FULFILLED');
    await waitForClosing(stack, order, 'closed');
  });

  it('location changed to an unmapped location: not synced, with the reason on the shipment and the order', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 2 }]);
    await importToSalesOrder(stack, order);
    // RETURNS is an ERP location no Shopify location maps to.
    const posted = await ship(stack, order, { locationCode: 'RETURNS' });
    const status = await waitForShipment(stack, order, posted.shipmentId);
    expect(shopifyOrder(stack, order).fulfillments).toEqual([]);
    expect(status.shipments?.[0]).toMatchObject({ status: 'not-synced', needsAttention: true });
    const problem = status.problems.find((entry) => entry.code === 'SHIPMENT_NOT_SYNCED');
    expect(problem?.message).toMatch(/location 'RETURNS' is not mapped to a Shopify location/);
    const record = await syncRecordOf(stack, posted.shipmentId);
    expect(record.lineResults[0]?.notSent[0]).toMatchObject({ quantity: '2', reason: 'location-not-mapped' });
    const waiting = await waitForClosing(stack, order, 'waiting');
    expect(waiting.closing?.reasons).toContain('Shopify: fulfilment status is UNFULFILLED, not fulfilled');
    expect(shopifyOrder(stack, order).closed).toBe(false);
  });

  it('quantity reduced: the order is partially fulfilled', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'SCARF-1', quantity: 3 }]);
    const { header, lines } = await importToSalesOrder(stack, order);
    await reopenSalesDocument(stack.erp.orm, header.no);
    await setSalesLine(stack.erp.orm, {
      document: header.no,
      lineNo: lineOf(lines, 'SCARF-1').lineNo,
      quantity: '1',
    });
    await releaseSalesDocument(stack.erp.orm, header.no);
    const posted = await ship(stack, order, {});
    await waitForShipment(stack, order, posted.shipmentId);
    expect(shopifyOrder(stack, order).displayFulfillmentStatus).toBe('PARTIALLY_FULFILLED');
    expect(fulfilledUnits(stack, order, shopifyOrder(stack, order).fulfillments[0]!)).toEqual({
      'SCARF-1': 1,
    });
    // Shipped in full in the ERP, but Shopify still has units open: the order stays open.
    const waiting = await waitForClosing(stack, order, 'waiting');
    expect(waiting.closing?.reasons).toEqual([
      'Shopify: fulfilment status is PARTIALLY_FULFILLED, not fulfilled',
    ]);
  });

  it('quantity increased: what Shopify has open is fulfilled, the extra is not synced', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'CAP-1', quantity: 2 }]);
    const { header, lines } = await importToSalesOrder(stack, order);
    await reopenSalesDocument(stack.erp.orm, header.no);
    await setSalesLine(stack.erp.orm, {
      document: header.no,
      lineNo: lineOf(lines, 'CAP-1').lineNo,
      quantity: '3',
    });
    await releaseSalesDocument(stack.erp.orm, header.no);
    const posted = await ship(stack, order, {});
    const status = await waitForShipment(stack, order, posted.shipmentId);
    expect(fulfilledUnits(stack, order, shopifyOrder(stack, order).fulfillments[0]!)).toEqual({ 'CAP-1': 2 });
    expect(status.shipments?.[0]).toMatchObject({ status: 'partially-synced', needsAttention: false });
    const record = await syncRecordOf(stack, posted.shipmentId);
    expect(record.lineResults[0]).toMatchObject({
      fulfilledQuantity: 2,
      notSent: [{ quantity: '1', reason: 'more-than-ordered' }],
    });
    await waitForClosing(stack, order, 'closed');
  });

  it('item added: the original lines are fulfilled, the added line is not', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 1 }]);
    const { header } = await importToSalesOrder(stack, order);
    await reopenSalesDocument(stack.erp.orm, header.no);
    await addSalesLine(stack.erp.orm, {
      document: header.no,
      itemNo: 'SCARF-1',
      quantity: '1',
      locationCode: 'MAIN',
    });
    await releaseSalesDocument(stack.erp.orm, header.no);
    const posted = await ship(stack, order, {});
    await waitForShipment(stack, order, posted.shipmentId);
    const fulfillments = shopifyOrder(stack, order).fulfillments;
    expect(fulfillments.map((fulfillment) => fulfilledUnits(stack, order, fulfillment))).toEqual([
      { 'SOCKS-1': 1 },
    ]);
    expect(shopifyOrder(stack, order).lineItems.map((line) => line.sku)).toEqual(['SOCKS-1']);
    const record = await syncRecordOf(stack, posted.shipmentId);
    expect(record.lineResults.map((line) => line.notSent.map((part) => part.reason))).toEqual([
      [],
      ['added-in-erp'],
    ]);
    await waitForClosing(stack, order, 'closed');
  });
});

describe('closing', () => {
  it('with "close only once invoiced" the order waits for the invoice, then closes and archives its document', async () => {
    await setShop(stack, { closeRequiresInvoice: true });
    try {
      const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 1 }]);
      const { header } = await importToSalesOrder(stack, order);
      const posted = await ship(stack, order, {});
      await waitForShipment(stack, order, posted.shipmentId);
      const waiting = await waitForClosing(stack, order, 'waiting');
      expect(waiting.closing?.reasons).toEqual([
        expect.stringContaining(`orderbridge erp invoice ${header.no}`),
      ]);
      expect(shopifyOrder(stack, order).closed).toBe(false);

      await postSalesInvoice(stack.erp.orm, { document: header.no });
      expect(
        await notifyInvoicePosted(stack.temporal.client, {
          store: stack.simulator.shopDomain,
          shopifyOrderId: order.id,
        }),
      ).toBe('signalled');
      const closed = await waitForClosing(stack, order, 'closed');
      expect(closed.closing?.archived).toBe(true);
      expect(shopifyOrder(stack, order).closed).toBe(true);
      expect((await stack.erp.orm.em.fork().findOneOrFail(SalesHeader, header.id)).archivedAt).toBeInstanceOf(
        Date,
      );
    } finally {
      await setShop(stack, { closeRequiresInvoice: false });
    }
  });

  it('an order with nothing to fulfil (gift card only) closes as soon as its invoice document exists', async () => {
    const { createOrder } = await import('../../simulator/generator/create-order');
    const { shopifyTarget, dispatchOrder } = await import('./order-test-kit');
    const order = await createOrder(shopifyTarget(stack), {
      lines: [],
      giftCardLines: [{ title: 'Gift card', amount: '25.00' }],
      customer: { email: 'gift-close@example.com', firstName: 'Gift', lastName: 'Giver' },
    });
    await dispatchOrder(stack, order, 'WEB');
    const closed = await waitForClosing(stack, order, 'closed');
    expect(closed.document?.documentType).toBe('invoice');
    expect(shopifyOrder(stack, order).closed).toBe(true);
  });

  it('a refusal from Shopify keeps the order open with the refusal as its problem; it is tried again (operator close signal, or the automatic re-check)', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'CAP-1', quantity: 1 }]);
    await importToSalesOrder(stack, order);
    proxy.answerInstead('OrderClose', {
      data: {
        orderClose: {
          order: null,
          userErrors: [
            { field: ['input', 'id'], message: 'Order has an open return and cannot be archived' },
          ],
        },
      },
    });
    const posted = await ship(stack, order, {});
    await waitForShipment(stack, order, posted.shipmentId);
    const refused = await waitForClosing(stack, order, 'refused');
    expect(refused).toMatchObject({ stage: 'needs-attention', hasError: true });
    expect(refused.problems.find((problem) => problem.code === 'ORDER_CLOSE_REFUSED')?.message).toContain(
      'Shopify refused to close the order (Order has an open return and cannot be archived)',
    );
    expect(shopifyOrder(stack, order).closed).toBe(false);
    const imported = await stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
    expect(imported.errorText).toContain('Order has an open return');

    await orderHandle(stack, order.id).signal(closeOrderSignal);
    const closed = await waitForClosing(stack, order, 'closed');
    expect(closed.hasError).toBe(false);
    expect(closed.problems.map((problem) => problem.code)).not.toContain('ORDER_CLOSE_REFUSED');
    expect(shopifyOrder(stack, order).closed).toBe(true);
    expect((await queryOrder(stack, order.id)).stage).toBe('closed');
  });
});
