import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrderbridgeActivities } from './contracts';
import type { CreditMemoAttempt } from './contracts/refund';
import { durationMs } from './durations';
import { DEFAULT_ORDER_TIMINGS } from './order-timings';
import {
  createCreditMemoUpdate,
  refundChangedSignal,
  refundStatusQuery,
  type RefundStage,
  type RefundStatus,
} from './refund-messages';
import type { RefundTimings } from './refund-timings';
import { ORDER_HAS_ERROR, REFUND_STAGE } from './search-attributes';

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

/** Stages that wait on the clock as well as on messages: something outside may change by itself. */
const RECHECKED: readonly RefundStage[] = [
  'waiting-for-payment',
  'waiting-for-order-document',
  'needs-attention',
];

/**
 * One Shopify refund on its way to a sales credit memo (SPEC §6), exactly once. Started or woken
 * by signal-with-start from the order import (every import that sees the refund without a memo),
 * and by `orderbridge refund credit-memo`. It creates the memo when the shop card says so, or
 * when an operator asks; while Shopify still settles the refund's payment it waits, asks the order
 * workflow to read the order again, and retries, backing off. It ends once the memo exists.
 */
export async function refundWorkflow(input: RefundWorkflowInput): Promise<RefundStatus> {
  const timings = { ...DEFAULT_ORDER_TIMINGS, ...input.timings };
  const activities = proxyActivities<OrderbridgeActivities>({
    startToCloseTimeout: timings.activityAttemptTimeout,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
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
  let woken = true;
  let refusal: string | undefined;
  let recheckDelayMs = durationMs(timings.recheckProblemsAfter);
  const published: { stage?: RefundStage; hasError?: boolean } = {};

  setHandler(refundStatusQuery, () => status);
  setHandler(refundChangedSignal, () => {
    woken = true;
  });

  /** Attempts started; `status.attempts` counts the finished ones. */
  let started = status.attempts;
  /** The loop is over (memo made or refused): no attempt will come, answer with what is known. */
  let finished = false;

  /**
   * Waits for an attempt that starts after the request (one already under way was made without
   * it), then answers, or refuses, the operator.
   */
  async function answerAfterNextAttempt(): Promise<RefundStatus> {
    const wanted = started + 1;
    await condition(() => status.attempts >= wanted || finished);
    if (status.stage === 'refused') {
      throw ApplicationFailure.nonRetryable(refusal ?? 'The credit memo was refused.', 'CreditMemoRefused');
    }
    return status;
  }

  setHandler(
    createCreditMemoUpdate,
    async () => {
      if (status.stage === 'credit-memo-created') return status;
      status.operatorRequested = true;
      woken = true;
      return answerAfterNextAttempt();
    },
    {
      validator: () => {
        if (status.stage === 'refused') throw new Error(refusal ?? 'The credit memo was refused.');
      },
    },
  );

  function publish(): void {
    const pairs = [];
    if (published.stage !== status.stage) pairs.push({ key: REFUND_STAGE, value: status.stage });
    if (published.hasError !== status.hasError) pairs.push({ key: ORDER_HAS_ERROR, value: status.hasError });
    if (pairs.length === 0) return;
    upsertSearchAttributes(pairs);
    published.stage = status.stage;
    published.hasError = status.hasError;
  }

  function apply(result: CreditMemoAttempt): void {
    status.orderName = result.orderName === '(unknown order)' ? status.orderName : result.orderName;
    status.problems = result.problems;
    const blocking = result.problems.some((problem) => problem.severity === 'error');
    switch (result.outcome) {
      case 'created':
      case 'exists':
        if (result.creditMemo) status.creditMemo = result.creditMemo;
        status.stage = 'credit-memo-created';
        status.hasError = false;
        return;
      case 'payment-pending':
        status.stage = 'waiting-for-payment';
        status.hasError = false;
        return;
      case 'waiting-for-operator':
        status.stage = 'waiting-for-operator';
        // An inconsistent shop card (auto credit memo without auto create orders) is an error to see.
        status.hasError = blocking;
        return;
      case 'waiting-for-document':
        status.stage = 'waiting-for-order-document';
        status.hasError = false;
        return;
      case 'blocked':
        status.stage = 'needs-attention';
        status.hasError = true;
        return;
      case 'refused':
        status.stage = 'refused';
        status.hasError = false;
        refusal = result.problems.map((problem) => problem.message).join('\n');
        return;
    }
  }

  for (;;) {
    if (woken) {
      woken = false;
      started += 1;
      const stageBefore = status.stage;
      const result = await activities.createCreditMemoForRefund({
        store: status.store,
        shopifyRefundId: status.shopifyRefundId,
        requestedBy: status.operatorRequested ? 'operator' : 'automatic',
      });
      apply(result);
      if (status.stage !== stageBefore) recheckDelayMs = durationMs(timings.recheckProblemsAfter);
      status.attempts += 1;
    }
    publish();
    if (status.stage === 'credit-memo-created' || status.stage === 'refused') {
      finished = true;
      break;
    }

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof refundWorkflow>({ ...input, carried: { status } });
    }

    if (!RECHECKED.includes(status.stage)) {
      await condition(() => woken);
      continue;
    }
    const messaged = await condition(() => woken, recheckDelayMs);
    if (!messaged) {
      if (status.stage === 'waiting-for-payment') {
        // The settled payment reaches the ERP with the next import of the order; ask for it now.
        await activities.requestOrderReimport({ store: status.store, shopifyOrderId: status.shopifyOrderId });
      }
      woken = true;
      recheckDelayMs = Math.min(recheckDelayMs * 2, durationMs(timings.maxRecheckInterval));
    }
  }

  await condition(allHandlersFinished);
  return status;
}
