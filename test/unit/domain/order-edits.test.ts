import { describe, expect, it } from 'vitest';
import { orderChanges, planOrderUpdate, type DocumentState } from '../../../domain/order-edits';
import type { OrderSnapshot } from '../../../domain/order-snapshot';
import { bag, line, LOCATION_BERGEN, shippingLine, snapshot } from './order-snapshot-fixture';

const baseline = snapshot({ lines: [line(1, { quantity: 3, currentQuantity: 3, unfulfilledQuantity: 3 })] });

const plan = (next: OrderSnapshot, documentState: DocumentState) =>
  planOrderUpdate({
    orderName: '#1004',
    baseline,
    next,
    documentState,
    documentLabel: 'sales order S-ORD000001',
  });

const edited = (lineOverrides: Parameters<typeof line>[1], extra: Partial<OrderSnapshot> = {}) =>
  snapshot({
    lines: [line(1, { quantity: 3, currentQuantity: 3, unfulfilledQuantity: 3, ...lineOverrides })],
    ...extra,
  });

describe('the SPEC §3 edit table, "already imported" column (a released document exists)', () => {
  it('change fulfillment location: original location stays, no conflict', () => {
    const result = plan(edited({ fulfillmentLocationId: LOCATION_BERGEN }), 'released');
    expect(result).toMatchObject({
      lines: 'supplementary',
      keepLineLocations: true,
      rebuildDocument: false,
      conflict: null,
    });
    expect(result.changes.map((change) => change.kind)).toEqual(['location-changed']);
  });

  it('increase quantity: header and supplementary data updated, conflict names the line and both quantities', () => {
    const result = plan(edited({ quantity: 4, currentQuantity: 4, unfulfilledQuantity: 4 }), 'released');
    expect(result.lines).toBe('supplementary');
    expect(result.conflict?.code).toBe('DOCUMENT_CONFLICT');
    expect(result.conflict?.message).toBe(
      "Order #1004: the order changed in Shopify after sales order S-ORD000001 was released: line 'Product 1' (SKU SKU-1) quantity increased from 3 to 4: " +
        'sales order S-ORD000001 was not changed; update it by hand, or delete it and re-import the order',
    );
  });

  it('decrease quantity: header and supplementary data updated, conflict', () => {
    const result = plan(edited({ currentQuantity: 2, unfulfilledQuantity: 2 }), 'released');
    expect(result.lines).toBe('supplementary');
    expect(result.conflict?.message).toContain('quantity decreased from 3 to 2');
  });

  it('remove an item: header and supplementary data updated, conflict', () => {
    const result = plan(edited({ currentQuantity: 0, unfulfilledQuantity: 0 }), 'released');
    expect(result.conflict?.message).toContain("line 'Product 1' (SKU SKU-1) removed (was quantity 3)");
  });

  it('add an item: header updated, lines not, conflict names the new line', () => {
    const next = snapshot({
      lines: [
        baseline.lines[0] ?? line(1),
        line(2, { name: 'Cap', sku: 'CAP', quantity: 2, currentQuantity: 2 }),
      ],
    });
    const result = plan(next, 'released');
    expect(result).toMatchObject({ lines: 'supplementary', rebuildDocument: false });
    expect(result.conflict?.message).toContain("line 'Cap' (SKU CAP) added (quantity 2)");
  });

  it('fulfil, update payment: header updated, lines not, no conflict', () => {
    const result = plan(
      edited({}, { fulfillmentStatus: 'FULFILLED', financialStatus: 'PARTIALLY_REFUNDED' }),
      'released',
    );
    expect(result).toMatchObject({ lines: 'supplementary', conflict: null });
    expect(result.changes.map((change) => change.kind)).toEqual(['status-changed', 'status-changed']);
  });

  it('cancel: header updated, lines not, conflict', () => {
    const result = plan(
      edited({}, { cancelledAt: '2026-11-21T09:00:00Z', cancelReason: 'CUSTOMER' }),
      'released',
    );
    expect(result.lines).toBe('supplementary');
    expect(result.conflict?.message).toContain('order cancelled at 2026-11-21T09:00:00Z');
  });

  it('shipping changed: conflict', () => {
    const next = edited({}, { shippingLines: [shippingLine(1, { discountedPrice: bag('99.00') })] });
    expect(plan(next, 'released').conflict?.message).toContain('shipping changed from 49.00 to 99.00');
  });

  it('a discount added by an edit: conflict', () => {
    const next = edited({ discountAllocations: [{ amount: bag('10.00') }] });
    expect(plan(next, 'released').conflict?.message).toContain('discount changed from 0.00 to 10.00');
  });

  it('nothing changed: no conflict', () => {
    expect(plan(baseline, 'released')).toMatchObject({ conflict: null, changes: [] });
  });
});

describe('an open document follows the edits (SPEC §10)', () => {
  it.each([
    ['increase', { quantity: 4, currentQuantity: 4 }],
    ['decrease', { currentQuantity: 2 }],
    ['remove', { currentQuantity: 0 }],
  ])('%s: lines follow and the document is rebuilt, locations kept, no conflict', (_name, overrides) => {
    expect(plan(edited(overrides), 'open')).toMatchObject({
      lines: 'follow',
      keepLineLocations: true,
      rebuildDocument: true,
      conflict: null,
    });
  });

  it('a location change alone keeps the original location and rebuilds nothing', () => {
    expect(plan(edited({ fulfillmentLocationId: LOCATION_BERGEN }), 'open')).toMatchObject({
      keepLineLocations: true,
      rebuildDocument: false,
      conflict: null,
    });
  });

  it('a cancellation is never applied silently: conflict, no rebuild', () => {
    const result = plan(edited({ currentQuantity: 0 }, { cancelledAt: '2026-11-21T09:00:00Z' }), 'open');
    expect(result.rebuildDocument).toBe(false);
    expect(result.conflict?.message).toContain('was cancelled in Shopify');
  });
});

describe('no document yet: a re-import is like a first import', () => {
  it.each([
    ['location', { fulfillmentLocationId: LOCATION_BERGEN }],
    ['increase', { quantity: 4, currentQuantity: 4 }],
    ['decrease', { currentQuantity: 2 }],
    ['remove', { currentQuantity: 0 }],
  ])('%s: lines follow Shopify, locations included, never a conflict', (_name, overrides) => {
    expect(plan(edited(overrides), 'none')).toMatchObject({
      lines: 'follow',
      keepLineLocations: false,
      conflict: null,
    });
  });
});

describe('orderChanges', () => {
  it('notices a line that disappeared from the snapshot altogether', () => {
    expect(orderChanges(baseline, snapshot({ lines: [] })).map((change) => change.kind)).toEqual([
      'line-removed',
    ]);
  });

  it('does not report a line added with quantity 0', () => {
    const next = snapshot({ lines: [baseline.lines[0] ?? line(1), line(2, { currentQuantity: 0 })] });
    expect(orderChanges(baseline, next)).toEqual([]);
  });
});
