import { describe, expect, it } from 'vitest';
import {
  recordShipmentPosted,
  recordShopifyChange,
  requestRound,
} from '../../../../workflows/order/record-message';
import { change, importedOrder, newOrder, orderWithDocument } from './order-state-fixture';

describe('recordShopifyChange', () => {
  it('queues a newer change, and drops a repeated or older one from sync or webhooks', () => {
    const state = importedOrder();
    state.run.newestRequested = '2026-12-07T10:00:00Z';
    expect(recordShopifyChange(state, change())).toBe('duplicate');
    expect(
      recordShopifyChange(state, change({ source: 'webhook', shopifyUpdatedAt: '2026-12-07T09:00:00Z' })),
    ).toBe('duplicate');
    const newer = change({ shopifyUpdatedAt: '2026-12-07T11:00:00Z' });
    expect(recordShopifyChange(state, newer)).toBe('recorded');
    expect(state.pendingChange).toEqual(newer);
    expect(state.run.newestRequested).toBe('2026-12-07T11:00:00Z');
  });

  it('an operator’s request always re-imports', () => {
    const state = importedOrder();
    state.run.newestRequested = '2026-12-07T10:00:00Z';
    const request = change({ source: 'operator', shopifyUpdatedAt: '2026-12-07T10:00:00Z' });
    expect(recordShopifyChange(state, request)).toBe('recorded');
    expect(state.pendingChange).toEqual(request);
  });

  it('a sync from another shop card on the same store is ignored: the first card keeps the order', () => {
    const state = importedOrder();
    expect(
      recordShopifyChange(state, change({ shopCode: 'OTHER', shopifyUpdatedAt: '2026-12-08T00:00:00Z' })),
    ).toBe('owned-by-another-shop');
    expect(state.pendingChange).toBeUndefined();
  });
});

describe('recordShipmentPosted', () => {
  it('queues each shipment once, and never one already fulfilled', () => {
    const state = orderWithDocument();
    state.status.shipments = [
      { shipmentId: 10, status: 'fulfilled', shopifyFulfillmentIds: ['f1'], needsAttention: false },
    ];
    recordShipmentPosted(state, { shipmentId: 10, shopCode: 'WEB' });
    recordShipmentPosted(state, { shipmentId: 11, shopCode: 'WEB' });
    recordShipmentPosted(state, { shipmentId: 11, shopCode: 'WEB' });
    expect(state.pendingShipments).toEqual([{ shipmentId: 11, shopCode: 'WEB' }]);
    expect(state.pendingChange).toBeUndefined();
  });

  it('a run started by a shipment alone imports the order first', () => {
    const state = newOrder();
    delete state.pendingChange;
    recordShipmentPosted(state, { shipmentId: 11, shopCode: 'WEB' });
    expect(state.pendingChange).toEqual({
      shopCode: 'WEB',
      shopifyUpdatedAt: new Date(0).toISOString(),
      source: 'operator',
    });
  });
});

describe('requestRound', () => {
  it('asks for the round after the current one, and never less than an earlier request', () => {
    const state = importedOrder();
    expect(requestRound(state)).toBe(2);
    state.run.round = 5;
    state.run.roundWanted = 9;
    expect(requestRound(state)).toBe(6);
    expect(state.run.roundWanted).toBe(9);
  });
});
