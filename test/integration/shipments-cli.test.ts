import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { stackCliRunner } from '../helpers/cli-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErpCommand } from '../../client/commands/erp';
import { registerOrderCommand } from '../../client/commands/order';
import { registerShipmentsCommand } from '../../client/commands/shipments';
import { registerShippingAgentCommand } from '../../client/commands/shipping-agent';
import { ShippingAgent } from '../../erp/entities';
import { postSalesShipment } from '../../erp/services/shipments';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { orderHandle } from './order-test-kit';
import {
  importToSalesOrder,
  lineOf,
  placeOrder,
  setUpShipmentShop,
  shopifyOrder,
  waitForClosing,
  waitForShipment,
  SHOP,
  type ShipmentShop,
} from './shipment-test-kit';

let stack: TestStack;
let shop: ShipmentShop;

beforeAll(async () => {
  stack = await startTestStack({ deps: { shipmentResendAfterMs: 500 } });
  shop = await setUpShipmentShop(stack);
});

afterAll(async () => {
  await stack?.close();
});

/** Runs the commands against the test stack; returns what they printed. */
const run = stackCliRunner(
  () => stack,
  (program, context) => {
    registerErpCommand(program, context);
    registerShippingAgentCommand(program, context);
    registerShipmentsCommand(program, context);
    registerOrderCommand(program, context);
  },
);

describe('orderbridge shipping-agent', () => {
  it('adds, sets and lists agents', async () => {
    await run(
      'shipping-agent',
      'add',
      'ups',
      '--name',
      'United Parcel',
      '--tracking-url',
      'https://ups.example/%1',
    );
    const changed = JSON.parse(
      await run('shipping-agent', 'set', 'UPS', '--tracking-company', 'UPS', '--json'),
    );
    expect(changed).toEqual({
      code: 'UPS',
      name: 'United Parcel',
      shopifyTrackingCompany: 'UPS',
      packageTrackingUrl: 'https://ups.example/%1',
    });
    expect(await run('shipping-agent', 'list')).toMatch(/UPS\s+United Parcel\s+UPS/);
    await expect(run('shipping-agent', 'set', 'UPS')).rejects.toThrow(/Nothing to change/);
    expect(await stack.erp.orm.em.fork().count(ShippingAgent, {})).toBe(4);
  });
});

describe('orderbridge erp ship / invoice, order show, order close', () => {
  it('ships a line with tracking, shows the fulfillment and why the rest was not sent, invoices; order close says what it waits for', async () => {
    const order = await placeOrder(stack, shop, [
      { sku: 'SOCKS-1', quantity: 2 },
      { sku: 'CAP-1', quantity: 1 },
    ]);
    const { header, lines } = await importToSalesOrder(stack, order);
    const socks = lineOf(lines, 'SOCKS-1');
    await expect(run('erp', 'ship', header.no, '--line', `${socks.lineNo}=3`)).rejects.toThrow(
      /over-shipping is not allowed/,
    );
    await expect(run('erp', 'ship', header.no, '--line', 'ten')).rejects.toThrow(
      /expected <line no.>=<quantity>/,
    );

    const printed = JSON.parse(
      await run(
        'erp',
        'ship',
        order.name,
        '--line',
        `${socks.lineNo}=2`,
        '--agent',
        'ups',
        '--tracking',
        '1Z42',
        '--wait',
        '120',
        '--json',
      ),
    );
    // --wait follows the shipment until its order workflow settled it with Shopify.
    expect(printed).toMatchObject({
      documentNo: header.no,
      workflow: 'order workflow woken',
      shopifySync: 'fulfilled',
    });
    await waitForShipment(stack, order, printed.shipmentId);
    expect(shopifyOrder(stack, order).fulfillments[0]!.trackingInfo).toEqual([
      { company: 'UPS', number: '1Z42', url: 'https://ups.example/1Z42' },
    ]);

    const shown = await run('order', 'show', order.name);
    expect(shown).toContain('Posted shipments');
    expect(shown).toMatch(
      new RegExp(`${printed.shipmentNo}\\s+\\S+\\s+UPS\\s+1Z42\\s+fulfilled\\s+gid://shopify/Fulfillment/`),
    );
    expect(shown).toContain('WAITING FOR: Shopify: fulfilment status is PARTIALLY_FULFILLED, not fulfilled');
    const json = JSON.parse(await run('order', 'show', order.name, '--json'));
    expect(json.shipments[0].lines[0]).toMatchObject({ no: 'SOCKS-1', fulfilledQuantity: 2, notSent: [] });

    // The rest from an unmapped location: not sent, and `order show` says why.
    const rest = JSON.parse(await run('erp', 'ship', header.no, '--location', 'returns', '--json'));
    await waitForShipment(stack, order, rest.shipmentId);
    expect(await run('order', 'show', order.name)).toMatch(
      /location 'RETURNS' is not mapped to a Shopify location/,
    );

    const invoice = await run('erp', 'invoice', header.no);
    expect(invoice).toMatch(/invoiceNo\s+PSI\d{6}/);
    expect(invoice).toMatch(/workflow\s+signalled/);
    // Shopify still has the cap open: the order cannot close yet, and `order close` says why.
    const answer = await run('order', 'close', order.name);
    expect(answer).toContain(
      `Order ${order.name}: not closable yet: Shopify: fulfilment status is PARTIALLY_FULFILLED, not fulfilled`,
    );
    const waiting = await waitForClosing(stack, order, 'waiting');
    expect(waiting.closing?.reasons).toContain(
      'Shopify: fulfilment status is PARTIALLY_FULFILLED, not fulfilled',
    );
    // The run's history, with the close update, replays on the current code;
    // RECORD_HISTORIES=1 saves it for test/replay.
    const history = await orderHandle(stack, order.id).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: stack.temporal.workflowBundle }, history);
    if (process.env.RECORD_HISTORIES === '1') {
      const target = fileURLToPath(new URL('../replay/histories/order-close-update.json', import.meta.url));
      writeFileSync(target, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
    }
  });
});

describe('orderbridge shipments sync / list / schedule', () => {
  it('sends a shipment that was posted without a signal and reports it', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'SCARF-1', quantity: 1 }]);
    await importToSalesOrder(stack, order);
    const posted = await postSalesShipment(stack.erp.orm, { document: order.name });
    const report = JSON.parse(
      await run('shipments', 'sync', '--shop', SHOP.toLowerCase(), '--wait', '20', '--json'),
    );
    expect(report).toMatchObject({ shopCodes: [SHOP], stillPending: 0 });
    expect(report.shipments).toContainEqual(
      expect.objectContaining({ shipmentNo: posted.shipmentNo, status: 'fulfilled' }),
    );
    await waitForClosing(stack, order, 'closed');
    // Closed, the run ended: `order close` says so instead of waiting on a workflow that is gone.
    await orderHandle(stack, order.id).result();
    await expect(run('order', 'close', order.name)).rejects.toThrow(
      `Order ${order.name} has no running workflow: it is closed already, or not imported.`,
    );
    expect(await run('shipments', 'list', '--shop', SHOP)).toMatch(
      new RegExp(`${posted.shipmentNo}.*fulfilled`),
    );
    await expect(run('shipments', 'sync', '--since', 'yesterday')).rejects.toThrow(/--since yesterday/);
  });

  it('creates, lists, triggers and deletes the shipment sync schedule', async () => {
    expect(
      await run('shipments', 'schedule', 'create', '--shop', SHOP, '--every', '1 hour', '--paused'),
    ).toBe(`Schedule shipment-sync:${SHOP} created: every 1 hour.`);
    expect(
      await run('shipments', 'schedule', 'create', '--shop', SHOP, '--every', '2 hours', '--paused'),
    ).toContain('updated');
    const listed = JSON.parse(await run('shipments', 'schedule', 'list', '--json'));
    expect(listed).toContainEqual(
      expect.objectContaining({ scheduleId: `shipment-sync:${SHOP}`, every: '7200s', paused: true }),
    );
    await run('shipments', 'schedule', 'trigger', '--shop', SHOP);
    await run('shipments', 'schedule', 'delete', '--shop', SHOP);
    await expect(run('shipments', 'schedule', 'pause', '--shop', SHOP)).rejects.toThrow(
      /no shipment sync schedule: create it with `orderbridge shipments schedule create --shop WEB`/,
    );
  });
});
