import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  createCreditMemoUpdate,
  refundChangedSignal,
  refundStatusQuery,
  type RefundStatus,
} from '../refund-messages';
import type { RefundState } from './state';

/** Registers the refund's query, signal and update: they record what arrived; the loop acts on it. */
export function registerRefundHandlers(state: RefundState): void {
  const { status, run } = state;
  setHandler(refundStatusQuery, () => status);
  setHandler(refundChangedSignal, () => {
    run.attemptDue = true;
  });

  /**
   * Waits for an attempt that starts after the request (one already under way was made without
   * it), then answers, or refuses, the operator.
   */
  async function answerAfterNextAttempt(): Promise<RefundStatus> {
    const wanted = run.attemptsStarted + 1;
    await condition(() => status.attempts >= wanted || run.finished);
    if (status.stage === 'refused') {
      throw ApplicationFailure.nonRetryable(
        run.refusal ?? 'The credit memo was refused.',
        'CreditMemoRefused',
      );
    }
    return status;
  }

  setHandler(
    createCreditMemoUpdate,
    async () => {
      if (status.stage === 'credit-memo-created') return status;
      status.operatorRequested = true;
      run.attemptDue = true;
      return answerAfterNextAttempt();
    },
    {
      validator: () => {
        if (status.stage === 'refused') throw new Error(run.refusal ?? 'The credit memo was refused.');
      },
    },
  );
}
