import { cliRunner } from '../helpers/cli-runner';
import { describe, expect, it } from 'vitest';
import { registerErpCommand } from '../../client/commands/erp';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ShipmentPostingError } from '../../domain/shipment-posting';
import {
  ImportedOrder,
  PostedSalesInvoice,
  PostedSalesInvoiceLine,
  PostedShipmentHeader,
  PostedShipmentLine,
  SalesDocumentArchive,
  SalesHeader,
  SalesLine,
  ShipmentFulfillmentRequest,
  ShipmentSync,
} from '../../erp/entities';
import {
  addSalesLine,
  createSalesDocument,
  ErpDocumentError,
  postSalesInvoice,
  releaseSalesDocument,
  reopenSalesDocument,
  setSalesLine,
} from '../../erp/services/documents';
import {
  importOrder,
  loadOrderCloseFacts,
  recordOrderClosed,
  recordOrderCloseRefused,
} from '../../erp/services/orders';
import {
  addShippingAgent,
  fulfillmentsOwnedByOtherShipments,
  listShippingAgents,
  loadShipmentForSync,
  markRequestCreated,
  markRequestSending,
  postSalesShipment,
  setShippingAgent,
  storeShipmentPlan,
} from '../../erp/services/shipments';
import { getShopCard, updateShopCard } from '../../erp/services/settings';
import { orderCloseRefused } from '../../domain/shipment-problems';
import type { ShipmentFulfillmentPlan } from '../../domain/shipment-fulfillment-plan';
import { line, LOCATION_OSLO } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp(async (orm) => {
  await addShippingAgent(orm, 'dhl', { name: 'DHL Freight', shopifyTrackingCompany: 'DHL Express' });
});

const em = () => erp.orm.em.fork();

/** A Shopify order with 3 × SKU-1 and 1 × CAP (Oslo), imported, with its sales order. */
async function salesOrder(options: { release?: boolean } = {}) {
  const snapshot = newOrder({
    lines: [
      line(1, { quantity: 3, currentQuantity: 3, unfulfilledQuantity: 3 }),
      line(2, {
        sku: 'CAP',
        barcode: '7090000000017',
        quantity: 1,
        currentQuantity: 1,
        unfulfilledQuantity: 1,
      }),
    ],
  });
  const imported = await importOrder(erp.orm, SHOP, snapshot);
  const document = await createSalesDocument(erp.orm, imported.importedOrderId!);
  if (options.release ?? true) await releaseSalesDocument(erp.orm, document.documentNo);
  const lines = await em().find(
    SalesLine,
    { headerId: document.salesHeaderId },
    { orderBy: { lineNo: 'asc' } },
  );
  const items = lines.filter((entry) => entry.type === 'item');
  return {
    snapshot,
    importedOrderId: imported.importedOrderId!,
    documentNo: document.documentNo,
    lines,
    items,
  };
}

async function refusal(work: Promise<unknown>): Promise<Error> {
  const error = await work.then(
    () => new Error('expected a refusal'),
    (caught: unknown) => caught as Error,
  );
  expect(error.message).not.toBe('expected a refusal');
  return error;
}

describe('posting a shipment', () => {
  it('refuses an unreleased order and says how to release it', async () => {
    const order = await salesOrder({ release: false });
    const error = await refusal(postSalesShipment(erp.orm, { document: order.documentNo }));
    expect(error).toBeInstanceOf(ShipmentPostingError);
    expect(error.message).toContain(`orderbridge erp release ${order.documentNo}`);
    expect(await em().count(PostedShipmentHeader, { orderNo: order.documentNo })).toBe(0);
  });

  it('posts a partial shipment with agent and tracking: shipment, quantities shipped, a pending sync record', async () => {
    const order = await salesOrder();
    const shirt = order.items[0]!;
    const posted = await postSalesShipment(erp.orm, {
      document: order.snapshot.name,
      lines: [{ lineNo: shirt.lineNo, quantity: '2' }],
      shippingAgentCode: 'dhl',
      packageTrackingNo: ' 00340434 ',
    });
    expect(posted).toMatchObject({
      shipmentNo: expect.stringMatching(/^SS\d{6}$/),
      documentNo: order.documentNo,
      shopify: {
        store: STORE,
        shopifyOrderId: order.snapshot.shopifyOrderId,
        orderName: order.snapshot.name,
        shopCode: SHOP,
      },
      lines: [{ orderLineNo: shirt.lineNo, no: 'SKU-1', quantity: '2', locationCode: 'OSLO' }],
    });
    const header = await em().findOneOrFail(PostedShipmentHeader, posted.shipmentId);
    expect(header).toMatchObject({
      shippingAgentCode: 'DHL',
      packageTrackingNo: '00340434',
      orderNo: order.documentNo,
    });
    const shipped = await em().findOneOrFail(SalesLine, shirt.id);
    expect(shipped.quantityShipped).toBe('2.0000');
    const lines = await em().find(PostedShipmentLine, { shipmentId: posted.shipmentId });
    expect(lines.map((entry) => [entry.shopifyLineId, entry.quantity])).toEqual([
      [shirt.shopifyLineId, '2.0000'],
    ]);
    expect(await em().findOneOrFail(ShipmentSync, { shipmentId: posted.shipmentId })).toMatchObject({
      status: 'pending',
    });

    const over = await refusal(
      postSalesShipment(erp.orm, {
        document: order.documentNo,
        lines: [{ lineNo: shirt.lineNo, quantity: '2' }],
      }),
    );
    expect(over.message).toMatch(/2 to ship but only 1 left.*over-shipping is not allowed/);

    const rest = await postSalesShipment(erp.orm, { document: order.documentNo, locationCode: 'BERGEN' });
    expect(rest.lines.map((entry) => [entry.no, entry.quantity, entry.locationCode])).toEqual([
      ['SKU-1', '1', 'BERGEN'],
      ['CAP', '1', 'BERGEN'],
    ]);
    expect((await refusal(postSalesShipment(erp.orm, { document: order.documentNo }))).message).toContain(
      'nothing left to ship',
    );
  });

  it('refuses unknown locations and shipping agents, naming the fix', async () => {
    const order = await salesOrder();
    expect(
      (await refusal(postSalesShipment(erp.orm, { document: order.documentNo, locationCode: 'NOWHERE' })))
        .message,
    ).toBe('Location NOWHERE does not exist in the ERP: check the code');
    const agent = await refusal(
      postSalesShipment(erp.orm, { document: order.documentNo, shippingAgentCode: 'UPS' }),
    );
    expect(agent).toBeInstanceOf(ErpDocumentError);
    expect(agent.message).toContain('orderbridge shipping-agent add UPS');
  });
});

describe('editing a sales order before shipping (SPEC §4.3)', () => {
  it('changes quantity and location, and adds an item, on an open order only', async () => {
    const order = await salesOrder({ release: false });
    const shirt = order.items[0]!;
    const edited = await setSalesLine(erp.orm, {
      document: order.documentNo,
      lineNo: shirt.lineNo,
      quantity: '4',
      locationCode: 'BERGEN',
    });
    expect(edited).toMatchObject({ quantity: '4', locationCode: 'BERGEN', amount: '400' });
    const added = await addSalesLine(erp.orm, {
      document: order.documentNo,
      itemNo: 'tshirt',
      quantity: '1',
      unitPrice: '50',
    });
    expect(added).toMatchObject({ no: 'TSHIRT', quantity: '1', locationCode: null });
    const header = await em().findOneOrFail(SalesHeader, { no: order.documentNo });
    // 400 + 100 (cap) + 49 (shipping) + 50 (added), 25 % VAT.
    expect(header.amount).toBe('599.0000');
    expect(header.amountIncludingTax).toBe('748.7500');
    await releaseSalesDocument(erp.orm, order.documentNo);
    expect(
      (
        await refusal(
          setSalesLine(erp.orm, { document: order.documentNo, lineNo: shirt.lineNo, quantity: '1' }),
        )
      ).message,
    ).toContain(`orderbridge erp reopen ${order.documentNo}`);
    await reopenSalesDocument(erp.orm, order.documentNo);
    await releaseSalesDocument(erp.orm, order.documentNo);
    await postSalesShipment(erp.orm, {
      document: order.documentNo,
      lines: [{ lineNo: shirt.lineNo, quantity: '1' }],
    });
    expect((await refusal(reopenSalesDocument(erp.orm, order.documentNo))).message).toContain(
      'shipped or invoiced',
    );
  });
});

describe('posting the invoice', () => {
  it('invoices shipped quantities (other lines on the first invoice), then the rest; archives a closed, complete order', async () => {
    const order = await salesOrder();
    expect((await refusal(postSalesInvoice(erp.orm, { document: order.documentNo }))).message).toContain(
      'post a shipment first',
    );
    const shirt = order.items[0];
    await postSalesShipment(erp.orm, {
      document: order.documentNo,
      lines: [{ lineNo: shirt!.lineNo, quantity: '1' }],
    });
    const first = await postSalesInvoice(erp.orm, { document: order.documentNo });
    // 1 × 100 + shipping 49 (+ the comment line is not invoiced), 25 % VAT.
    expect(first).toMatchObject({
      amount: '149.00',
      taxAmount: '37.25',
      amountIncludingTax: '186.25',
      archived: false,
    });
    expect(first.lines.map((entry) => [entry.no, entry.quantity])).toEqual([
      ['SKU-1', '1'],
      ['6100', '1'],
    ]);
    const invoice = await em().findOneOrFail(PostedSalesInvoice, { no: first.invoiceNo });
    expect(await em().count(PostedSalesInvoiceLine, { invoiceId: invoice.id })).toBe(2);

    await postSalesShipment(erp.orm, { document: order.documentNo });
    // Shopify closed the order meanwhile; the last invoice completes the document, which is archived.
    await em().nativeUpdate(ImportedOrder, { id: order.importedOrderId }, { closed: true });
    const second = await postSalesInvoice(erp.orm, { document: order.documentNo });
    expect(second).toMatchObject({ amount: '300.00', archived: true });
    expect(second.lines.map((entry) => [entry.no, entry.quantity])).toEqual([
      ['SKU-1', '2'],
      ['CAP', '1'],
    ]);
    const archive = await em().find(SalesDocumentArchive, { documentNo: order.documentNo });
    expect(archive).toHaveLength(1);
    expect(archive[0]!.lines.length).toBe(order.lines.length);
    expect((await refusal(postSalesShipment(erp.orm, { document: order.documentNo }))).message).toContain(
      'archived',
    );
  });
});

describe('shipping agents', () => {
  it('adds, changes and lists them; refuses duplicates and non-web URLs', async () => {
    await addShippingAgent(erp.orm, 'posten', {
      name: 'Posten',
      packageTrackingUrl: 'https://sporing.posten.no/%1',
    });
    expect((await refusal(addShippingAgent(erp.orm, 'POSTEN', {}))).message).toContain('exists already');
    expect((await refusal(addShippingAgent(erp.orm, 'bad code!', {}))).message).toContain('1 to 10 letters');
    expect(
      (await refusal(setShippingAgent(erp.orm, 'POSTEN', { packageTrackingUrl: 'javascript:alert(1)' })))
        .message,
    ).toContain('not a web address');
    const changed = await setShippingAgent(erp.orm, 'posten', { shopifyTrackingCompany: 'Bring', name: '' });
    expect(changed).toEqual({
      code: 'POSTEN',
      name: null,
      shopifyTrackingCompany: 'Bring',
      packageTrackingUrl: 'https://sporing.posten.no/%1',
    });
    expect((await listShippingAgents(erp.orm)).map((agent) => agent.code)).toEqual(['DHL', 'POSTEN']);
  });
});

describe('fulfilment sync records', () => {
  const plan = (fulfillmentOrderLineId: string): ShipmentFulfillmentPlan => ({
    requests: [
      {
        requestNo: 1,
        locationId: LOCATION_OSLO,
        deliveryMethodType: 'SHIPPING',
        fulfillmentOrders: [
          {
            fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/1',
            lines: [{ id: fulfillmentOrderLineId, quantity: 1 }],
          },
        ],
        allocations: [],
      },
    ],
    lines: [],
  });

  it('replaces a plan until a request is sent; the intent is claimed once; a Shopify fulfillment has one owner', async () => {
    const order = await salesOrder();
    const first = await postSalesShipment(erp.orm, {
      document: order.documentNo,
      lines: [{ lineNo: order.items[0]!.lineNo, quantity: '1' }],
    });
    const second = await postSalesShipment(erp.orm, {
      document: order.documentNo,
      lines: [{ lineNo: order.items[0]!.lineNo, quantity: '1' }],
    });
    const loaded = await loadShipmentForSync(erp.orm, first.shipmentId);
    expect(loaded).toMatchObject({
      shipmentNo: first.shipmentNo,
      shopify: { store: STORE, shopCode: SHOP },
      agent: null,
      lines: [
        {
          isItem: true,
          quantity: '1.0000',
          locationCode: 'OSLO',
          shopifyLineId: order.items[0]!.shopifyLineId,
        },
      ],
      sync: { status: 'pending', result: null },
      requests: [],
    });
    expect(loaded.locationMappings.map((mapping) => mapping.locationCode).sort()).toEqual(['BERGEN', 'OSLO']);

    const stored = await storeShipmentPlan(erp.orm, loaded.sync.id, plan('a'), { number: '1' });
    const replaced = await storeShipmentPlan(erp.orm, loaded.sync.id, plan('b'), { number: '1' });
    expect(replaced.requests.map((request) => request.request.fulfillmentOrders[0]!.lines[0]!.id)).toEqual([
      'b',
    ]);
    expect(stored.requests[0]!.id).not.toBe(replaced.requests[0]!.id);

    const request = replaced.requests[0]!;
    expect(await markRequestSending(erp.orm, request, ['gid://shopify/Fulfillment/0'])).toBe(true);
    expect(await markRequestSending(erp.orm, request, [])).toBe(false);
    const kept = await storeShipmentPlan(erp.orm, loaded.sync.id, plan('c'), null);
    expect(kept.requests.map((entry) => [entry.status, entry.fulfillmentIdsBefore])).toEqual([
      ['sending', ['gid://shopify/Fulfillment/0']],
    ]);
    await markRequestCreated(erp.orm, request.id, { id: 'gid://shopify/Fulfillment/9', name: '#1.1' });

    const other = await loadShipmentForSync(erp.orm, second.shipmentId);
    expect(await fulfillmentsOwnedByOtherShipments(erp.orm, other.shopify!, other.sync.id)).toEqual([
      'gid://shopify/Fulfillment/9',
    ]);
    const otherPlan = await storeShipmentPlan(erp.orm, other.sync.id, plan('d'), null);
    const duplicate = await em()
      .nativeUpdate(
        ShipmentFulfillmentRequest,
        { id: otherPlan.requests[0]!.id },
        { shopifyFulfillmentId: 'gid://shopify/Fulfillment/9' },
      )
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(UniqueConstraintViolationException);
  });
});

describe('closing records', () => {
  it('the shop card says whether orders close once shipped or only once invoiced', async () => {
    expect((await getShopCard(erp.orm, SHOP))?.closeRequiresInvoice).toBe(false);
    await updateShopCard(erp.orm, SHOP, { settings: { closeRequiresInvoice: true } });
    expect(
      (await loadOrderCloseFacts(erp.orm, (await salesOrder()).importedOrderId)).closeRequiresInvoice,
    ).toBe(true);
    await updateShopCard(erp.orm, SHOP, { settings: { closeRequiresInvoice: false } });
  });

  it("reads the facts, keeps a refusal as the order's problem, and archives only a complete document", async () => {
    const order = await salesOrder();
    await postSalesShipment(erp.orm, { document: order.documentNo });
    const facts = await loadOrderCloseFacts(erp.orm, order.importedOrderId);
    expect(facts).toMatchObject({
      orderName: order.snapshot.name,
      closeRequiresInvoice: false,
      shopify: { closed: false, fullyPaid: true, fulfillmentStatus: 'UNFULFILLED' },
      document: { documentType: 'order', documentNo: order.documentNo, archived: false },
      shipmentsAwaitingSync: 1,
    });

    await recordOrderCloseRefused(
      erp.orm,
      order.importedOrderId,
      orderCloseRefused(order.snapshot.name, 'Order is locked'),
    );
    const refused = await em().findOneOrFail(ImportedOrder, order.importedOrderId);
    expect(refused.hasError).toBe(true);
    expect(refused.errorText).toContain('Shopify refused to close the order (Order is locked)');

    expect(await recordOrderClosed(erp.orm, order.importedOrderId, '2026-11-27T12:00:00Z')).toEqual({
      archived: false,
      documentNo: order.documentNo,
    });
    const closed = await em().findOneOrFail(ImportedOrder, order.importedOrderId);
    expect(closed).toMatchObject({ closed: true, stage: 'closed', hasError: false });
    expect(closed.problems.map((problem) => problem.code)).not.toContain('ORDER_CLOSE_REFUSED');

    await postSalesInvoice(erp.orm, { document: order.documentNo });
    const header = await em().findOneOrFail(SalesHeader, { no: order.documentNo });
    expect(header.archivedAt).toBeInstanceOf(Date);
  });
});

describe('orderbridge erp ship without Temporal', () => {
  it('keeps the posted shipment and says the shipment sync will send it', async () => {
    const order = await salesOrder();
    const run = cliRunner({
      env: () => ({ DATABASE_URL: erp.databaseUrl }),
      erp: () => erp.orm,
      temporalDown: 'Temporal is down',
      register: (program, context) => registerErpCommand(program, context),
    });
    const printed = await run('erp', 'ship', order.documentNo, '--json');
    const output = JSON.parse(printed);
    expect(output.workflow).toBe(
      `the order workflow could not be woken (Temporal is down); the shipment sync sends it: \`orderbridge shipments sync --shop ${SHOP}\` (shipment ${output.shipmentNo} is posted)`,
    );
    expect(await em().findOneOrFail(ShipmentSync, { shipmentId: output.shipmentId })).toMatchObject({
      status: 'pending',
    });
  });
});
