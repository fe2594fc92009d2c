import { describe, expect, it } from 'vitest';
import type { OrderSnapshot } from '../../domain/order-snapshot';
import { ImportedOrder, ImportedOrderLine, SalesHeader, SalesLine } from '../../erp/entities';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder } from '../../erp/services/orders';
import { bag, line, LOCATION_BERGEN } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

const em = () => erp.orm.em.fork();
const lineOf = (orderId: number, shopifyLineId = 'gid://shopify/LineItem/1') =>
  em().findOneOrFail(ImportedOrderLine, { orderId, shopifyLineId });
const itemLines = async (headerId: number) =>
  (await em().find(SalesLine, { headerId, type: 'item' }, { orderBy: { lineNo: 'asc' } })).map((entry) => ({
    no: entry.no,
    quantity: entry.quantity,
    locationCode: entry.locationCode,
  }));

/** An order of 3 × SKU-1 at 100.00, shipped from Oslo. */
const threeUnits = (overrides: Partial<OrderSnapshot> = {}) =>
  newOrder({ lines: [line(1, { quantity: 3, currentQuantity: 3, unfulfilledQuantity: 3 })], ...overrides });

const edit = (
  order: OrderSnapshot,
  lineOverrides: Parameters<typeof line>[1],
  extra: Partial<OrderSnapshot> = {},
): OrderSnapshot => ({
  ...order,
  updatedAt: '2026-11-21T10:00:00Z',
  lines: [line(1, { quantity: 3, currentQuantity: 3, unfulfilledQuantity: 3, ...lineOverrides })],
  ...extra,
});

describe('edit table, "order imported for the first time" column', () => {
  it('change fulfillment location: the fulfillment location is used', async () => {
    const { importedOrderId = -1 } = await importOrder(
      erp.orm,
      SHOP,
      threeUnits({ lines: [line(1, { fulfillmentLocationId: LOCATION_BERGEN })] }),
    );
    const document = await createSalesDocument(erp.orm, importedOrderId);
    expect(await itemLines(document.salesHeaderId)).toEqual([
      { no: 'SKU-1', quantity: '1.0000', locationCode: 'BERGEN' },
    ]);
  });

  it('increase quantity: the new quantity is used', async () => {
    const { importedOrderId = -1 } = await importOrder(
      erp.orm,
      SHOP,
      threeUnits({ lines: [line(1, { quantity: 4, currentQuantity: 4, unfulfilledQuantity: 4 })] }),
    );
    expect(await lineOf(importedOrderId)).toMatchObject({ quantity: 4, quantityToFulfill: 4 });
  });

  it('decrease quantity: the original quantity is imported, quantity to fulfil holds the new value', async () => {
    const { importedOrderId = -1 } = await importOrder(
      erp.orm,
      SHOP,
      threeUnits({ lines: [line(1, { quantity: 3, currentQuantity: 2, unfulfilledQuantity: 2 })] }),
    );
    expect(await lineOf(importedOrderId)).toMatchObject({
      quantity: 3,
      currentQuantity: 2,
      quantityToFulfill: 2,
    });
    const document = await createSalesDocument(erp.orm, importedOrderId);
    // The document bills what the customer still buys.
    expect(await itemLines(document.salesHeaderId)).toEqual([
      { no: 'SKU-1', quantity: '2.0000', locationCode: 'OSLO' },
    ]);
  });

  it('remove an item: still imported with quantity to fulfil 0, and not billed', async () => {
    const snapshot = threeUnits({
      lines: [
        line(1, { quantity: 1, currentQuantity: 1 }),
        line(2, { sku: 'SKU-1', quantity: 2, currentQuantity: 0, unfulfilledQuantity: 0 }),
      ],
    });
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, snapshot);
    expect(await lineOf(importedOrderId, 'gid://shopify/LineItem/2')).toMatchObject({
      quantity: 2,
      quantityToFulfill: 0,
    });
    const document = await createSalesDocument(erp.orm, importedOrderId);
    expect(await itemLines(document.salesHeaderId)).toHaveLength(1);
  });

  it('add an item: original and added items are imported', async () => {
    const snapshot = threeUnits({ lines: [line(1), line(2, { sku: 'SKU-1' })] });
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, snapshot);
    expect(await em().count(ImportedOrderLine, { orderId: importedOrderId })).toBe(2);
  });

  it('fulfil, update payment: no special effect', async () => {
    const result = await importOrder(
      erp.orm,
      SHOP,
      threeUnits({ financialStatus: 'PARTIALLY_PAID', fulfillmentStatus: 'PARTIALLY_FULFILLED' }),
    );
    expect(result.firstImport).toBe(true);
    expect(result.conflict).toBeUndefined();
    const document = await createSalesDocument(erp.orm, result.importedOrderId ?? -1);
    expect(document.documentType).toBe('order');
  });

  it('cancel: not imported', async () => {
    expect(
      await importOrder(erp.orm, SHOP, threeUnits({ cancelledAt: '2026-11-20T12:00:00Z' })),
    ).toMatchObject({ skipped: 'cancelled' });
  });
});

describe('edit table, "already imported order" column (its document is released)', () => {
  async function importedWithReleasedDocument() {
    const original = threeUnits();
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, original);
    const document = await createSalesDocument(erp.orm, importedOrderId);
    const fork = em();
    const header = await fork.findOneOrFail(SalesHeader, document.salesHeaderId);
    header.status = 'released';
    await fork.flush();
    return {
      original,
      importedOrderId,
      headerId: document.salesHeaderId,
      before: await itemLines(document.salesHeaderId),
    };
  }

  it('change fulfillment location: the original location stays on the lines, no conflict', async () => {
    const { original, importedOrderId, headerId, before } = await importedWithReleasedDocument();
    const result = await importOrder(
      erp.orm,
      SHOP,
      edit(original, { fulfillmentLocationId: LOCATION_BERGEN }),
    );
    expect(result.conflict).toBeUndefined();
    expect(await lineOf(importedOrderId)).toMatchObject({
      fulfillmentLocationId: original.lines[0]?.fulfillmentLocationId,
      currentFulfillmentLocationId: LOCATION_BERGEN,
    });
    expect(await itemLines(headerId)).toEqual(before);
  });

  it('increase quantity: header and supplementary data updated, document untouched, conflict', async () => {
    const { original, importedOrderId, headerId, before } = await importedWithReleasedDocument();
    const edited = edit(
      original,
      { quantity: 4, currentQuantity: 4, unfulfilledQuantity: 4 },
      { totals: { ...original.totals, currentTotal: bag('535.00') } },
    );
    const result = await importOrder(erp.orm, SHOP, edited);
    expect(result.conflict).toContain('quantity increased from 3 to 4');
    const order = await em().findOneOrFail(ImportedOrder, importedOrderId);
    expect(order).toMatchObject({ currentTotalShop: '535.0000', hasError: true });
    expect(order.conflictText).toContain('update it by hand, or delete it and re-import the order');
    expect(order.problems.map((problem) => problem.code)).toContain('DOCUMENT_CONFLICT');
    expect(await lineOf(importedOrderId)).toMatchObject({
      quantity: 3,
      currentQuantity: 4,
      quantityToFulfill: 4,
    });
    expect(await itemLines(headerId)).toEqual(before);
  });

  it('decrease quantity: supplementary data updated, conflict', async () => {
    const { original, importedOrderId } = await importedWithReleasedDocument();
    const result = await importOrder(
      erp.orm,
      SHOP,
      edit(original, { currentQuantity: 2, unfulfilledQuantity: 2 }),
    );
    expect(result.conflict).toContain('quantity decreased from 3 to 2');
    expect(await lineOf(importedOrderId)).toMatchObject({ quantity: 3, quantityToFulfill: 2 });
  });

  it('remove an item: supplementary data updated, conflict', async () => {
    const { original, importedOrderId } = await importedWithReleasedDocument();
    const result = await importOrder(
      erp.orm,
      SHOP,
      edit(original, { currentQuantity: 0, unfulfilledQuantity: 0 }),
    );
    expect(result.conflict).toContain('removed (was quantity 3)');
    expect(await lineOf(importedOrderId)).toMatchObject({ quantityToFulfill: 0 });
  });

  it('add an item: header updated, lines not, conflict', async () => {
    const { original, importedOrderId } = await importedWithReleasedDocument();
    const edited = {
      ...edit(original, {}),
      lines: [line(1, { quantity: 3, currentQuantity: 3 }), line(9, { name: 'Cap', sku: 'CAP' })],
      note: 'added a cap',
    };
    const result = await importOrder(erp.orm, SHOP, edited);
    expect(result.conflict).toContain("line 'Cap' (SKU CAP) added (quantity 1)");
    expect(await em().count(ImportedOrderLine, { orderId: importedOrderId })).toBe(1);
    expect((await em().findOneOrFail(ImportedOrder, importedOrderId)).note).toBe('added a cap');
  });

  it('fulfil, update payment: header updated, lines not, no conflict', async () => {
    const { original, importedOrderId } = await importedWithReleasedDocument();
    const result = await importOrder(
      erp.orm,
      SHOP,
      edit(original, { unfulfilledQuantity: 0 }, { fulfillmentStatus: 'FULFILLED', financialStatus: 'PAID' }),
    );
    expect(result.conflict).toBeUndefined();
    expect(await em().findOneOrFail(ImportedOrder, importedOrderId)).toMatchObject({
      fulfillmentStatus: 'FULFILLED',
      hasError: false,
    });
    expect(await lineOf(importedOrderId)).toMatchObject({ quantity: 3, quantityToFulfill: 0 });
  });

  it('cancel: header updated, lines not, conflict', async () => {
    const { original, importedOrderId } = await importedWithReleasedDocument();
    const result = await importOrder(
      erp.orm,
      SHOP,
      edit(original, {}, { cancelledAt: '2026-11-21T09:00:00Z', cancelReason: 'CUSTOMER' }),
    );
    expect(result).toMatchObject({ cancelled: true });
    expect(result.conflict).toContain('order cancelled at 2026-11-21T09:00:00Z');
    expect((await em().findOneOrFail(ImportedOrder, importedOrderId)).cancelReason).toBe('CUSTOMER');
  });

  it('keeps the conflict on later imports (baseline = the document), and clears it when Shopify is back in line', async () => {
    const { original, importedOrderId } = await importedWithReleasedDocument();
    const edited = edit(original, { quantity: 4, currentQuantity: 4 });
    await importOrder(erp.orm, SHOP, edited);
    const again = await importOrder(erp.orm, SHOP, { ...edited, note: 'another change' });
    expect(again.conflict).toContain('quantity increased from 3 to 4');
    const reverted = await importOrder(erp.orm, SHOP, { ...original, updatedAt: '2026-11-22T00:00:00Z' });
    expect(reverted.conflict).toBeUndefined();
    expect(await em().findOneOrFail(ImportedOrder, importedOrderId)).toMatchObject({
      conflictText: null,
      hasError: false,
    });
  });
});

describe('an open document follows Shopify edits (SPEC §10)', () => {
  it('a quantity increase rebuilds its lines and totals, keeping the original location', async () => {
    const original = threeUnits();
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, original);
    const document = await createSalesDocument(erp.orm, importedOrderId);
    const result = await importOrder(
      erp.orm,
      SHOP,
      edit(original, {
        quantity: 4,
        currentQuantity: 4,
        unfulfilledQuantity: 4,
        fulfillmentLocationId: LOCATION_BERGEN,
      }),
    );
    expect(result).toMatchObject({ documentRebuilt: true, hasDocument: true });
    expect(result.conflict).toBeUndefined();
    expect(await itemLines(document.salesHeaderId)).toEqual([
      { no: 'SKU-1', quantity: '4.0000', locationCode: 'OSLO' },
    ]);
    expect((await em().findOneOrFail(SalesHeader, document.salesHeaderId)).amount).toBe('449.0000');
  });

  it('an added item that is not mapped leaves the document as it was and says why', async () => {
    const original = threeUnits();
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, original);
    const document = await createSalesDocument(erp.orm, importedOrderId);
    const before = await itemLines(document.salesHeaderId);
    const edited = {
      ...edit(original, {}),
      lines: [line(1, { quantity: 3, currentQuantity: 3 }), line(8, { sku: 'NEW-THING' })],
    };
    const result = await importOrder(erp.orm, SHOP, edited);
    expect(result.documentRebuilt).toBe(false);
    expect(await itemLines(document.salesHeaderId)).toEqual(before);
    const order = await em().findOneOrFail(ImportedOrder, importedOrderId);
    expect(order.hasError).toBe(true);
    expect(order.errorText).toContain("item for SKU 'NEW-THING'");
  });
});
