import type { CreditMemoAttempt } from '../contracts/refund';
import type { RefundState } from './state';

/** How each step's result changes the state: deterministic and free of Temporal, like the step choice. */

export function beginAttempt(state: RefundState): void {
  state.run.attemptDue = false;
  state.run.attemptsStarted += 1;
}

export function applyAttempt(state: RefundState, result: CreditMemoAttempt, firstRecheckMs: number): void {
  const { status, run } = state;
  const stageBefore = status.stage;
  status.orderName = result.orderName === '(unknown order)' ? status.orderName : result.orderName;
  status.problems = result.problems;
  const blocking = result.problems.some((problem) => problem.severity === 'error');
  switch (result.outcome) {
    case 'created':
    case 'exists':
      if (result.creditMemo) status.creditMemo = result.creditMemo;
      status.stage = 'credit-memo-created';
      status.hasError = false;
      break;
    case 'payment-pending':
      status.stage = 'waiting-for-payment';
      status.hasError = false;
      break;
    case 'waiting-for-operator':
      status.stage = 'waiting-for-operator';
      // An inconsistent shop card (auto credit memo without auto create orders) is an error to see.
      status.hasError = blocking;
      break;
    case 'waiting-for-document':
      status.stage = 'waiting-for-order-document';
      status.hasError = false;
      break;
    case 'blocked':
      status.stage = 'needs-attention';
      status.hasError = true;
      break;
    case 'refused':
      status.stage = 'refused';
      status.hasError = false;
      run.refusal = result.problems.map((problem) => problem.message).join('\n');
      break;
  }
  if (status.stage !== stageBefore) run.recheckDelayMs = firstRecheckMs;
  status.attempts += 1;
  run.phase = 'end';
}

export function applyOrderReimportRequested(state: RefundState): void {
  state.run.reimportDue = false;
}

/** The re-check timer fired: attempt again (after a re-import, while the payment is pending), backing off. */
export function applyRefundRecheckDue(state: RefundState, maxRecheckMs: number): void {
  state.run.reimportDue = state.status.stage === 'waiting-for-payment';
  state.run.attemptDue = true;
  state.run.recheckDelayMs = Math.min(state.run.recheckDelayMs * 2, maxRecheckMs);
}

export function startRefundRound(state: RefundState): void {
  state.run.phase = 'attempt';
}
