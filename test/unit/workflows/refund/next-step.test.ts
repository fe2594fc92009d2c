import { describe, expect, it } from 'vitest';
import type { CreditMemoAttempt } from '../../../../workflows/contracts/refund';
import {
  applyAttempt,
  applyRefundRecheckDue,
  beginAttempt,
  startRefundRound,
} from '../../../../workflows/refund/apply-step';
import { nextRefundStep, refundWakesUp } from '../../../../workflows/refund/next-step';
import { startRefundState, type RefundState } from '../../../../workflows/refund/state';

const FIRST_RECHECK_MS = 60_000;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const context = { now: NOW, continueAsNewSuggested: false };

function newRefund(): RefundState {
  return startRefundState(
    {
      store: 'acme.myshopify.com',
      shopifyRefundId: 'gid://shopify/Refund/9',
      shopifyOrderId: 'gid://shopify/Order/1',
      shopCode: 'WEB',
      orderName: '#1001',
    },
    FIRST_RECHECK_MS,
  );
}

const attempt = (outcome: CreditMemoAttempt['outcome']): CreditMemoAttempt =>
  ({ outcome, orderName: '#1001', problems: [] }) as CreditMemoAttempt;

/** Runs the attempt nextRefundStep asks for, with the given outcome. */
function attemptWith(state: RefundState, outcome: CreditMemoAttempt['outcome']): void {
  expect(nextRefundStep(state, context).kind).toBe('attempt');
  beginAttempt(state);
  applyAttempt(state, attempt(outcome), FIRST_RECHECK_MS);
}

describe('nextRefundStep', () => {
  it('a new run attempts the credit memo at once, as the automatic process or for the operator', () => {
    const state = newRefund();
    expect(nextRefundStep(state, context)).toEqual({ kind: 'attempt', requestedBy: 'automatic' });
    state.status.operatorRequested = true;
    expect(nextRefundStep(state, context)).toEqual({ kind: 'attempt', requestedBy: 'operator' });
  });

  it('a memo made or refused ends the run', () => {
    for (const outcome of ['created', 'exists', 'refused'] as const) {
      const state = newRefund();
      attemptWith(state, outcome);
      expect(nextRefundStep(state, context)).toEqual({ kind: 'complete' });
    }
  });

  it('stages that change by themselves wait with a re-check; waiting for an operator does not', () => {
    for (const outcome of ['payment-pending', 'waiting-for-document', 'blocked'] as const) {
      const state = newRefund();
      attemptWith(state, outcome);
      expect(nextRefundStep(state, context)).toEqual({ kind: 'wait', until: NOW + FIRST_RECHECK_MS });
    }
    const state = newRefund();
    attemptWith(state, 'waiting-for-operator');
    expect(nextRefundStep(state, context)).toEqual({ kind: 'wait' });
  });

  it('one attempt a round: a message during the attempt is answered after the wait', () => {
    const state = newRefund();
    attemptWith(state, 'payment-pending');
    state.run.attemptDue = true;
    expect(nextRefundStep(state, context).kind).toBe('wait');
    expect(refundWakesUp(state)).toBe(true);
  });

  it('a pending payment at the re-check asks for a re-import first, then attempts, backing off', () => {
    const state = newRefund();
    attemptWith(state, 'payment-pending');
    applyRefundRecheckDue(state, 3 * FIRST_RECHECK_MS);
    startRefundRound(state);
    expect(nextRefundStep(state, context)).toEqual({ kind: 'request-order-reimport' });
    state.run.reimportDue = false;
    expect(nextRefundStep(state, context).kind).toBe('attempt');
    expect(state.run.recheckDelayMs).toBe(2 * FIRST_RECHECK_MS);
  });

  it('a new stage starts the back-off over', () => {
    const state = newRefund();
    attemptWith(state, 'payment-pending');
    state.run.recheckDelayMs = 4 * FIRST_RECHECK_MS;
    startRefundRound(state);
    state.run.attemptDue = true;
    attemptWith(state, 'waiting-for-document');
    expect(state.run.recheckDelayMs).toBe(FIRST_RECHECK_MS);
    expect(state.status.attempts).toBe(2);
  });

  it('continues as new when Temporal suggests it, unless the run is over', () => {
    const state = newRefund();
    attemptWith(state, 'blocked');
    expect(nextRefundStep(state, { ...context, continueAsNewSuggested: true })).toEqual({
      kind: 'continue-as-new',
    });
  });
});
