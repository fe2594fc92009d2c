import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrderbridgeActivities } from '../contracts';
import { durationMs } from '../durations';
import { ACTIVITY_HEARTBEAT_TIMEOUT, DEFAULT_ORDER_TIMINGS } from '../order-timings';
import type { RefundStatus } from '../refund-messages';
import { ORDER_HAS_ERROR, REFUND_STAGE } from '../search-attributes';
import {
  applyAttempt,
  applyOrderReimportRequested,
  applyRefundRecheckDue,
  beginAttempt,
  startRefundRound,
} from './apply-step';
import { registerRefundHandlers } from './handlers';
import { nextRefundStep, refundWakesUp } from './next-step';
import { carryOverRefund, startRefundState, type RefundState, type RefundWorkflowInput } from './state';

/**
 * One Shopify refund on its way to a sales credit memo (SPEC §6), exactly once. Started or woken
 * by signal-with-start from the order import (every import that sees the refund without a memo),
 * and by `orderbridge refund credit-memo`. It creates the memo when the shop card says so, or
 * when an operator asks; while Shopify still settles the refund's payment it waits, asks the order
 * workflow to read the order again, and retries, backing off. It ends once the memo exists.
 *
 * The loop asks nextRefundStep what to do, runs it, and applies its result to the state.
 */
export async function refundWorkflow(input: RefundWorkflowInput): Promise<RefundStatus> {
  const timings = { ...DEFAULT_ORDER_TIMINGS, ...input.timings };
  const firstRecheckMs = durationMs(timings.recheckProblemsAfter);
  const maxRecheckMs = durationMs(timings.maxRecheckInterval);
  const activities = proxyActivities<OrderbridgeActivities>({
    startToCloseTimeout: timings.activityAttemptTimeout,
    heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  const state = startRefundState(input, firstRecheckMs);
  registerRefundHandlers(state);
  const { status } = state;

  for (;;) {
    const now = Date.now();
    const step = nextRefundStep(state, {
      now,
      // A handler still waiting for this run's attempt would never be answered by the next run.
      continueAsNewSuggested: workflowInfo().continueAsNewSuggested && allHandlersFinished(),
    });
    switch (step.kind) {
      case 'request-order-reimport':
        await activities.requestOrderReimport({ store: status.store, shopifyOrderId: status.shopifyOrderId });
        applyOrderReimportRequested(state);
        break;
      case 'attempt':
        beginAttempt(state);
        applyAttempt(
          state,
          await activities.createCreditMemoForRefund({
            store: status.store,
            shopifyRefundId: status.shopifyRefundId,
            requestedBy: step.requestedBy,
          }),
          firstRecheckMs,
        );
        break;
      case 'complete':
        publish(state);
        state.run.finished = true;
        await condition(allHandlersFinished);
        return status;
      case 'continue-as-new':
        publish(state);
        await condition(allHandlersFinished);
        return continueAsNew<typeof refundWorkflow>({ ...input, carried: carryOverRefund(state) });
      case 'wait':
        publish(state);
        if (step.until === undefined) {
          await condition(() => refundWakesUp(state));
        } else if (!(await condition(() => refundWakesUp(state), step.until - now))) {
          applyRefundRecheckDue(state, maxRecheckMs);
        }
        startRefundRound(state);
        break;
    }
  }
}

/** Sends the search attributes that changed since the last time. */
function publish(state: RefundState): void {
  const { status, published } = state;
  const pairs = [];
  if (published.stage !== status.stage) pairs.push({ key: REFUND_STAGE, value: status.stage });
  if (published.hasError !== status.hasError) pairs.push({ key: ORDER_HAS_ERROR, value: status.hasError });
  if (pairs.length === 0) return;
  upsertSearchAttributes(pairs);
  published.stage = status.stage;
  published.hasError = status.hasError;
}
