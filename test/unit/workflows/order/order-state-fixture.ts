import type { ShopifyOrderChanged } from '../../../../workflows/messages';
import { startState, type OrderState } from '../../../../workflows/order/state';

/** Shared by the order workflow's unit tests: states built without Temporal. Not a test file. */

export const FIRST_RECHECK_MS = 60_000;
export const NOW = Date.parse('2026-12-07T12:00:00Z');

export const change = (overrides: Partial<ShopifyOrderChanged> = {}): ShopifyOrderChanged => ({
  shopCode: 'WEB',
  shopifyUpdatedAt: '2026-12-07T10:00:00Z',
  source: 'sync',
  ...overrides,
});

/** A run that has just started for an order seen for the first time, with its first change queued. */
export function newOrder(): OrderState {
  const state = startState(
    { store: 'acme.myshopify.com', shopifyOrderId: 'gid://shopify/Order/1' },
    FIRST_RECHECK_MS,
  );
  state.pendingChange = change();
  return state;
}

/** An order imported by this run (phase settle), with a shop that creates documents by itself. */
export function importedOrder(overrides: { dirty?: boolean } = {}): OrderState {
  const state = newOrder();
  delete state.pendingChange;
  state.status.shopCode = 'WEB';
  state.status.orderName = '#1001';
  state.status.importedOrderId = 7;
  state.status.imports = 1;
  state.status.stage = 'imported';
  state.status.lastShopifyUpdatedAt = '2026-12-07T10:00:00Z';
  state.autoCreateDocument = true;
  state.run.dirtySinceLastAttempt = overrides.dirty ?? false;
  state.run.phase = 'settle';
  return state;
}

/** An imported order with its sales order, at the start of a round. */
export function orderWithDocument(): OrderState {
  const state = importedOrder();
  state.status.document = {
    documentType: 'order',
    documentNo: 'SO0001',
    status: 'open',
    totalDifference: '0',
  };
  state.status.stage = 'document-created';
  state.documentExists = true;
  state.run.phase = 'import';
  return state;
}
