import type { RefundStage } from '../refund-messages';
import type { RefundState } from './state';

export type RefundStep =
  /** Ask the order workflow to import the order again: a settled payment reaches the ERP that way. */
  | { kind: 'request-order-reimport' }
  | { kind: 'attempt'; requestedBy: 'operator' | 'automatic' }
  /** The memo exists, or was refused: publish and end. */
  | { kind: 'complete' }
  | { kind: 'continue-as-new' }
  /** Publish, then wait for a message; until the re-check, in stages something outside may change. */
  | { kind: 'wait'; until?: number };

/** Stages that wait on the clock as well as on messages: something outside may change by itself. */
const RECHECKED: readonly RefundStage[] = [
  'waiting-for-payment',
  'waiting-for-order-document',
  'needs-attention',
];

export interface RefundStepContext {
  now: number;
  /** Temporal suggests a new run, and no handler waits on this one. */
  continueAsNewSuggested: boolean;
}

/** The next thing to do, read off the state alone (pure: unit-tested without Temporal). */
export function nextRefundStep(state: RefundState, context: RefundStepContext): RefundStep {
  const { status, run } = state;
  if (run.phase === 'attempt') {
    if (run.reimportDue) return { kind: 'request-order-reimport' };
    if (run.attemptDue)
      return { kind: 'attempt', requestedBy: status.operatorRequested ? 'operator' : 'automatic' };
  }
  if (status.stage === 'credit-memo-created' || status.stage === 'refused') return { kind: 'complete' };
  if (context.continueAsNewSuggested) return { kind: 'continue-as-new' };
  return RECHECKED.includes(status.stage)
    ? { kind: 'wait', until: context.now + run.recheckDelayMs }
    : { kind: 'wait' };
}

export function refundWakesUp(state: RefundState): boolean {
  return state.run.attemptDue;
}
