import type { RefundStage, RefundStatus } from '../refund-messages';
import type { RefundTimings } from '../refund-timings';

/**
 * Where the refund workflow is within one round: an attempt at the credit memo (when one is due),
 * then publishing the search attributes and waiting. Fixed, so a run's commands stay the ones its
 * history saved, whenever messages arrive.
 */
export type RefundRoundPhase = 'attempt' | 'end';

/** Everything a refund workflow knows; only `status` is carried over continue-as-new (carryOver). */
export interface RefundState {
  status: RefundStatus;
  published: { stage?: RefundStage; hasError?: boolean };
  run: RefundRunState;
}

export interface RefundRunState {
  phase: RefundRoundPhase;
  /** A message (or the re-check) asked for an attempt that has not started yet. */
  attemptDue: boolean;
  /** The payment was still pending at the re-check: ask the order workflow to read the order again first. */
  reimportDue: boolean;
  /** Attempts started; `status.attempts` counts the finished ones. */
  attemptsStarted: number;
  /** Shopify's or the ERP's refusal, in words for the operator. */
  refusal?: string;
  recheckDelayMs: number;
  /** The run has ended: no attempt will come, operators are answered with what is known. */
  finished: boolean;
}

export interface RefundWorkflowInput {
  store: string;
  shopifyRefundId: string;
  shopifyOrderId: string;
  shopCode: string;
  orderName: string;
  timings?: RefundTimings;
  /** Carried over continue-as-new. */
  carried?: { status: RefundStatus };
}

export function startRefundState(input: RefundWorkflowInput, firstRecheckMs: number): RefundState {
  const status: RefundStatus = input.carried?.status ?? {
    store: input.store,
    shopifyRefundId: input.shopifyRefundId,
    shopifyOrderId: input.shopifyOrderId,
    shopCode: input.shopCode,
    orderName: input.orderName,
    stage: 'checking',
    hasError: false,
    problems: [],
    attempts: 0,
    operatorRequested: false,
  };
  return {
    status,
    published: {},
    run: {
      phase: 'attempt',
      // Every run starts with an attempt: it was started (or continued) because something changed.
      attemptDue: true,
      reimportDue: false,
      attemptsStarted: status.attempts,
      recheckDelayMs: firstRecheckMs,
      finished: false,
    },
  };
}

/** The one place that decides what the next run inherits. */
export function carryOverRefund(state: RefundState): { status: RefundStatus } {
  return { status: state.status };
}
