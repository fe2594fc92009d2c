import { describe, expect, it } from 'vitest';
import { nextStep, wakesUp, type StepContext } from '../../../../workflows/order/next-step';
import type { OrderState } from '../../../../workflows/order/state';
import {
  change,
  FIRST_RECHECK_MS,
  importedOrder,
  newOrder,
  NOW,
  orderWithDocument,
} from './order-state-fixture';

const context: StepContext = { now: NOW, continueAsNewSuggested: false };
const next = (state: OrderState, overrides: Partial<StepContext> = {}) =>
  nextStep(state, { ...context, ...overrides });

describe('nextStep: import', () => {
  it('a new run imports its queued change and tries the document at once', () => {
    expect(next(newOrder())).toEqual({
      kind: 'import',
      reason: 'change',
      change: change(),
      documentAttempt: { mode: 'now', requestedByOperator: false },
    });
  });

  it('an order with its document imports without a document attempt', () => {
    const state = orderWithDocument();
    state.pendingChange = change({ source: 'webhook' });
    expect(next(state)).toMatchObject({ kind: 'import', documentAttempt: { mode: 'skip' } });
  });

  it('an order attempted already tries again only if the import changes it, unless asked to', () => {
    const state = importedOrder();
    state.run.phase = 'import';
    state.pendingChange = change();
    expect(next(state)).toMatchObject({ documentAttempt: { mode: 'if-changed' } });
    state.run.retryRequested = true;
    expect(next(state)).toMatchObject({ documentAttempt: { mode: 'now' } });
    state.run.retryRequested = false;
    state.run.documentRequested = true;
    state.documentWanted = true;
    expect(next(state)).toMatchObject({ documentAttempt: { mode: 'now', requestedByOperator: true } });
  });

  it('a change that arrives after the round started waits for the next round', () => {
    const state = importedOrder({ dirty: true });
    state.pendingChange = change({ shopifyUpdatedAt: '2026-12-07T11:00:00Z' });
    expect(next(state).kind).toBe('document');
    state.run.phase = 'end';
    expect(next(state).kind).toBe('next-round');
  });

  it('a retry after a failed import imports the order again, as the operator', () => {
    const state = importedOrder();
    delete state.status.importedOrderId;
    state.status.stage = 'needs-attention';
    state.run.retryRequested = true;
    expect(next(state)).toEqual({
      kind: 'import',
      reason: 'retry',
      change: { shopCode: 'WEB', shopifyUpdatedAt: '2026-12-07T10:00:00Z', source: 'operator' },
      // The retry is spent on the import: only dirt or a request make the document due.
      documentAttempt: { mode: 'if-changed', requestedByOperator: false },
    });
  });

  it('a retry before any import knows no shop card to import with: nothing to import', () => {
    const state = newOrder();
    delete state.pendingChange;
    state.run.retryRequested = true;
    expect(next(state).kind).toBe('wait');
  });
});

describe('nextStep: skipped orders', () => {
  it('a skipped order completes, or imports a newer change first', () => {
    const state = newOrder();
    delete state.pendingChange;
    state.run.phase = 'settle';
    state.status.stage = 'skipped';
    expect(next(state)).toEqual({ kind: 'complete' });
    state.pendingChange = change({ shopifyUpdatedAt: '2026-12-07T11:00:00Z' });
    expect(next(state)).toEqual({ kind: 'next-round' });
  });
});

describe('nextStep: document', () => {
  it('an imported order whose data changed gets a document attempt', () => {
    expect(next(importedOrder({ dirty: true }))).toEqual({ kind: 'document' });
  });

  it('an imported order already attempted waits, unless retried or the document is requested', () => {
    const state = importedOrder();
    expect(next(state).kind).toBe('wait');
    state.run.retryRequested = true;
    expect(next(state).kind).toBe('document');
    state.run.retryRequested = false;
    state.run.documentRequested = true;
    expect(next(state).kind).toBe('document');
  });

  it('a shop without auto create orders makes no document until an operator wants one', () => {
    const state = importedOrder({ dirty: true });
    state.autoCreateDocument = false;
    expect(next(state)).toEqual({ kind: 'no-document-wanted' });
    state.documentWanted = true;
    expect(next(state)).toEqual({ kind: 'document' });
  });

  it('once per round: after the attempt, a retry that arrived meanwhile waits for the next round', () => {
    const state = importedOrder({ dirty: true });
    state.run.phase = 'resend';
    state.run.retryRequested = true;
    expect(next(state).kind).toBe('wait');
    expect(wakesUp(state)).toBe(true);
  });

  it('an order with its document is never attempted again', () => {
    const state = orderWithDocument();
    state.run.dirtySinceLastAttempt = true;
    state.run.documentRequested = true;
    expect(next(state).kind).toBe('wait');
  });
});

describe('nextStep: shipments', () => {
  it('sends posted shipments one by one, in the order posted', () => {
    const state = orderWithDocument();
    state.pendingShipments = [
      { shipmentId: 11, shopCode: 'WEB' },
      { shipmentId: 12, shopCode: 'WEB' },
    ];
    expect(next(state)).toEqual({ kind: 'ship', shipmentId: 11 });
  });

  it('a shipment posted before the order is imported waits for the import', () => {
    const state = newOrder();
    state.pendingShipments = [{ shipmentId: 11, shopCode: 'WEB' }];
    expect(next(state).kind).toBe('import');
    delete state.pendingChange;
    expect(next(state).kind).toBe('wait');
  });

  it('a retry after the document resends the failed shipments, once in a round', () => {
    const state = orderWithDocument();
    state.run.retryRequested = true;
    expect(next(state)).toEqual({ kind: 'resend-failed-shipments' });
    state.run.phase = 'ship';
    expect(next(state).kind).toBe('wait');
  });
});

describe('nextStep: close', () => {
  it('a requested close check runs once the order has its document', () => {
    const state = orderWithDocument();
    state.closeCheckRequested = true;
    expect(next(state)).toEqual({ kind: 'close' });
    state.documentExists = false;
    expect(next(state).kind).toBe('wait');
  });

  it('shipments go first, then the close check', () => {
    const state = orderWithDocument();
    state.closeCheckRequested = true;
    state.pendingShipments = [{ shipmentId: 11, shopCode: 'WEB' }];
    expect(next(state).kind).toBe('ship');
    state.pendingShipments = [];
    state.run.phase = 'ship';
    expect(next(state).kind).toBe('close');
  });

  it('a newer change in Shopify is imported before closing', () => {
    const state = orderWithDocument();
    state.run.phase = 'ship';
    state.closeCheckRequested = true;
    state.pendingChange = change({ shopifyUpdatedAt: '2026-12-07T11:00:00Z' });
    expect(next(state).kind).toBe('next-round');
  });

  it('a closed order completes, unless a change or a shipment still waits', () => {
    const state = orderWithDocument();
    state.run.phase = 'end';
    state.run.closed = true;
    state.status.stage = 'closed';
    expect(next(state).kind).toBe('complete');
    state.pendingShipments = [{ shipmentId: 12, shopCode: 'WEB' }];
    expect(next(state).kind).toBe('wait');
    expect(wakesUp(state)).toBe(true);
    state.pendingShipments = [];
    state.pendingChange = change({ shopifyUpdatedAt: '2026-12-07T11:00:00Z' });
    expect(next(state).kind).toBe('next-round');
  });
});

describe('nextStep: the end of a round', () => {
  it('an order that needs attention waits for a message or its re-check', () => {
    const state = importedOrder();
    state.status.stage = 'needs-attention';
    expect(next(state)).toEqual({ kind: 'wait', until: NOW + FIRST_RECHECK_MS });
    state.status.stage = 'imported';
    expect(next(state)).toEqual({ kind: 'wait' });
  });

  it('continues as new when Temporal suggests it, after a newer change is imported', () => {
    const state = orderWithDocument();
    expect(next(state, { continueAsNewSuggested: true })).toEqual({ kind: 'continue-as-new' });
    state.pendingChange = change({ shopifyUpdatedAt: '2026-12-07T11:00:00Z' });
    state.run.phase = 'end';
    expect(next(state, { continueAsNewSuggested: true })).toEqual({ kind: 'next-round' });
  });
});

describe('wakesUp', () => {
  it('sleeps when nothing was asked', () => {
    expect(wakesUp(orderWithDocument())).toBe(false);
    expect(wakesUp(importedOrder({ dirty: true }))).toBe(false);
  });

  it('wakes for a change, a retry, a document request, or an operator waiting for a round', () => {
    const cases: ((state: OrderState) => void)[] = [
      (state) => (state.pendingChange = change()),
      (state) => (state.run.retryRequested = true),
      (state) => (state.run.documentRequested = true),
      (state) => (state.run.roundWanted = state.run.round + 1),
    ];
    for (const ask of cases) {
      const state = orderWithDocument();
      ask(state);
      expect(wakesUp(state)).toBe(true);
    }
  });

  it('wakes for shipments and close checks only once there is something to act on', () => {
    const state = newOrder();
    delete state.pendingChange;
    state.pendingShipments = [{ shipmentId: 11, shopCode: 'WEB' }];
    state.closeCheckRequested = true;
    expect(wakesUp(state)).toBe(false);
    const imported = importedOrder();
    imported.closeCheckRequested = true;
    expect(wakesUp(imported)).toBe(false);
    imported.documentExists = true;
    expect(wakesUp(imported)).toBe(true);
  });
});
