import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrderbridgeActivities } from '../contracts';
import type { ImportOrderResult, ProcessOrderResult } from '../contracts/order';
import type { CloseOrderResult, SyncShipmentResult } from '../contracts/shipment';
import type { OrderProblem } from '../../domain/order-problems';
import { orderCurrentDetails } from '../../domain/order-metadata';
import { orderViewOf } from '../../domain/order-view';
import { orderCloseRefused } from '../../domain/shipment-problems';
import { durationMs } from '../durations';
import type { OrderStage, OrderStatus } from '../messages';
import { ACTIVITY_HEARTBEAT_TIMEOUT, DEFAULT_ORDER_TIMINGS } from '../order-timings';
import { ORDER_HAS_ERROR, ORDER_STAGE, SHOPIFY_ORDER_NAME, SHOP_CODE } from '../search-attributes';
import {
  type ShipmentStepFailure,
  applyCloseStep,
  applyDocumentStep,
  applyImportStep,
  applyNoDocumentWanted,
  applyRecheckDue,
  applyResendFailedShipments,
  applyShipmentStep,
  applyStepFailing,
  beginClose,
  beginDocument,
  beginImport,
  finishRound,
  startRound,
} from './apply-step';
import { registerOrderHandlers } from './handlers';
import { ORDER_VIEW_PATCH } from './patches';
import { nextStep, wakesUp, type OrderStep } from './next-step';
import { carryOver, startState, type OrderState, type OrderWorkflowInput } from './state';

/** Failures whose activity attached the order's problem (the card's credentials refused). */
const TYPED_FAILURES = new Set(['ShopCredentialsRefusedError', 'ShopCredentialsMissingError']);

export function shipmentFailureOf(error: ActivityFailure): ShipmentStepFailure {
  const cause = error.cause;
  const failed = cause?.message ?? error.message;
  if (cause instanceof ApplicationFailure && TYPED_FAILURES.has(cause.type ?? '')) {
    const problem = cause.details?.[0] as OrderProblem | undefined;
    if (problem?.code) return { failed, problem };
  }
  return { failed };
}

/**
 * Runs that start after this change import and create the document in one local activity; runs
 * recorded before it replay their two activities.
 */
export const IMPORT_WITH_DOCUMENT_PATCH = 'import-with-document-local-activity';

/**
 * Runs that start after this change try the import and document steps a few times, then show the
 * step failing on the order (OrderHasError) while it keeps retrying; older runs retry unseen.
 */
export const STEP_FAILING_PATCH = 'step-failing-shows-on-order';

/** Failed attempts in a row after which a transiently failing step shows on the order. */
const STEP_FAILING_AFTER_ATTEMPTS = 3;
/** Off until the bounded path is fixed (issue 14): see untilPassed. */
const BOUNDED_FIRST_ATTEMPTS: boolean = false;

/**
 * One Shopify order's life in the ERP: import it, map it, create its sales document exactly once,
 * follow later changes in Shopify, send each posted shipment to Shopify as fulfillments, and close
 * the order in both systems once it is paid, fulfilled and shipped; then the run ends (a later
 * Shopify change starts a new one). Started or woken by signal-with-start from order sync,
 * webhooks and shipment posting; an operator steers it with the signals and updates in messages.ts.
 *
 * The loop asks nextStep what to do, runs it, and applies its result to the state.
 */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderStatus> {
  const timings = { ...DEFAULT_ORDER_TIMINGS, ...input.timings };
  const firstRecheckMs = durationMs(timings.recheckProblemsAfter);
  const maxRecheckMs = durationMs(timings.maxRecheckInterval);
  const retryUntilPassed = {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
  };
  // Transport failures (Shopify down, Postgres restarting) retry until they pass: the order then
  // resumes by itself. Business failures come back as problems in the result, not as errors.
  const orderActivities = proxyActivities<OrderbridgeActivities>({
    startToCloseTimeout: timings.activityAttemptTimeout,
    // The worker beats for every attempt: one killed mid-step costs seconds, not the attempt timeout.
    heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
    retry: retryUntilPassed,
  });
  // Operator fixes are quick single-transaction writes; an operator waits for their answer.
  const operatorActivities = proxyActivities<OrderbridgeActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumAttempts: 5 },
  });
  // The close check is a few reads and at most one orderClose, which is harmless to repeat: run in
  // the worker that holds the workflow, it costs the cluster no activity task.
  const closeCheck = proxyLocalActivities<OrderbridgeActivities>({
    startToCloseTimeout: timings.activityAttemptTimeout,
    retry: retryUntilPassed,
  });
  // Import and document in the worker that holds the workflow: no activity tasks, one workflow
  // task for a new order. A worker that dies mid-step is noticed when the workflow task times out
  // (seconds), and the step runs again elsewhere, finding what it had already done.
  const importStep = proxyLocalActivities<OrderbridgeActivities>({
    // Two steps in one attempt: each gets the time one activity would have had.
    startToCloseTimeout: 2 * durationMs(timings.activityAttemptTimeout),
    retry: retryUntilPassed,
  });

  // The read model write: one short upsert, in the worker that holds the workflow. It retries until
  // the database answers, because the CLI and the console read nothing else.
  const viewWriter = proxyLocalActivities<OrderbridgeActivities>({
    startToCloseTimeout: '10 seconds',
    retry: retryUntilPassed,
  });

  // The same steps, bounded: their failure is shown on the order before the step retries on.
  const boundedRetry = { ...retryUntilPassed, maximumAttempts: STEP_FAILING_AFTER_ATTEMPTS };
  const importStepBounded = proxyLocalActivities<OrderbridgeActivities>({
    startToCloseTimeout: 2 * durationMs(timings.activityAttemptTimeout),
    retry: boundedRetry,
  });
  const orderActivitiesBounded = proxyActivities<OrderbridgeActivities>({
    startToCloseTimeout: timings.activityAttemptTimeout,
    heartbeatTimeout: ACTIVITY_HEARTBEAT_TIMEOUT,
    retry: boundedRetry,
  });

  const state = startState(input, firstRecheckMs);
  const reporter = registerOrderHandlers(state, operatorActivities);
  const { status } = state;

  /**
   * Writes the read model when it changed, then sends the search attributes from the same view,
   * so the CLI, the console and the Temporal UI show one state.
   */
  async function publish(): Promise<boolean> {
    if (!patched(ORDER_VIEW_PATCH)) {
      publishSearchAttributes(state, status.stage, status.hasError);
      return false;
    }
    const attempts = state.run.processAttempts;
    const view = orderViewOf(status);
    status.hasError = view.hasError;
    const fingerprint = JSON.stringify(view);
    const changed = fingerprint !== state.view.written;
    // Search attributes first: they still show a failing step while the database is away.
    publishSearchAttributes(state, view.stage, view.hasError);
    if (changed) {
      const info = workflowInfo();
      state.view.seq += 1;
      await viewWriter.recordOrderView({
        workflowId: info.workflowId,
        view,
        updatedAt: new Date(Date.now()).toISOString(),
        version: { chainStartedAt: info.startTime.toISOString(), seq: state.view.seq },
      });
      state.view.written = fingerprint;
      setCurrentDetails(orderCurrentDetails(view));
    }
    state.run.attemptsPublished = attempts;
    return changed;
  }

  /**
   * Runs a step that retries until it passes. In runs with the patch it first gets a few attempts;
   * when they all fail transiently the order shows the step failing (search attributes included),
   * and the step goes on retrying. A permanent failure is thrown as before.
   */
  async function untilPassed<T>(
    step: string,
    bounded: () => Promise<T>,
    unbounded: () => Promise<T>,
  ): Promise<T> {
    // The bounded first attempts stay off: with them, an import whose first reads failed did not
    // finish within a minute (repeated-failures.test.ts). The patch is still asked, so histories
    // that recorded its marker replay.
    if (!patched(STEP_FAILING_PATCH) || !BOUNDED_FIRST_ATTEMPTS) return unbounded();
    try {
      return await bounded();
    } catch (error) {
      if (!(error instanceof ActivityFailure) || isPermanent(error)) throw error;
      applyStepFailing(state, step, STEP_FAILING_AFTER_ATTEMPTS, failureKind(error));
      await publish();
      return unbounded();
    }
  }

  async function runImport(step: Extract<OrderStep, { kind: 'import' }>): Promise<void> {
    const orderRef = beginImport(state, step);
    let result: ImportOrderResult;
    let processed: ProcessOrderResult | undefined;
    if (patched(IMPORT_WITH_DOCUMENT_PATCH)) {
      const importInput = { ...orderRef, documentAttempt: step.documentAttempt };
      ({ imported: result, processed } = await untilPassed(
        'import',
        () => importStepBounded.importOrderWithDocument(importInput),
        () => importStep.importOrderWithDocument(importInput),
      ));
    } else {
      result = await orderActivities.importShopifyOrder(orderRef);
    }
    applyImportStep(state, result, processed, firstRecheckMs);
  }

  async function runShipment(shipmentId: number): Promise<void> {
    let result: SyncShipmentResult | ShipmentStepFailure;
    try {
      result = await orderActivities.syncShipmentToShopify({ shipmentId });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      result = shipmentFailureOf(error);
    }
    applyShipmentStep(state, shipmentId, result);
  }

  async function runClose(): Promise<void> {
    beginClose(state);
    let result: CloseOrderResult;
    try {
      result = await closeCheck.closeOrderIfComplete({
        importedOrderId: status.importedOrderId!,
        ...(state.shopifyOrderState ? { shopifyOrder: state.shopifyOrderState } : {}),
      });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      // A step that cannot succeed as things are (the order gone from Shopify, a refused token):
      // shown on the order and looked at again by the re-check, never fatal to the workflow.
      const reason = error.cause?.message ?? error.message;
      result = {
        outcome: 'refused',
        problem: orderCloseRefused(status.orderName ?? status.shopifyOrderId, reason),
      };
    }
    applyCloseStep(state, result);
  }

  for (;;) {
    const now = Date.now();
    const step = nextStep(state, {
      now,
      // A handler still waiting for this run's loop would never be answered by the next run.
      continueAsNewSuggested: workflowInfo().continueAsNewSuggested && allHandlersFinished(),
    });
    switch (step.kind) {
      case 'import':
        await runImport(step);
        reporter.ran('import');
        break;
      case 'document':
        beginDocument(state);
        applyDocumentStep(
          state,
          await untilPassed(
            'sales document',
            () => orderActivitiesBounded.processImportedOrder({ importedOrderId: status.importedOrderId! }),
            () => orderActivities.processImportedOrder({ importedOrderId: status.importedOrderId! }),
          ),
          firstRecheckMs,
        );
        reporter.ran('document');
        break;
      case 'no-document-wanted':
        applyNoDocumentWanted(state);
        break;
      case 'resend-failed-shipments':
        applyResendFailedShipments(state);
        break;
      case 'ship':
        await runShipment(step.shipmentId);
        reporter.ran('ship');
        break;
      case 'close':
        await runClose();
        reporter.ran('close');
        break;
      case 'next-round':
        await publish();
        finishRound(state);
        startRound(state);
        break;
      case 'complete':
        // A message that came in while the read model was written is acted on, not dropped.
        if ((await publish()) && wakesUp(state)) break;
        finishRound(state);
        state.run.finished = true;
        await condition(allHandlersFinished);
        return status;
      case 'continue-as-new':
        await publish();
        await condition(allHandlersFinished);
        return continueAsNew<typeof orderWorkflow>({ ...input, carried: carryOver(state) });
      case 'wait': {
        await publish();
        finishRound(state);
        if (step.until === undefined) {
          await condition(() => wakesUp(state));
        } else if (!(await condition(() => wakesUp(state), step.until - now))) {
          applyRecheckDue(state, maxRecheckMs);
        }
        startRound(state);
        break;
      }
    }
  }
}

function isPermanent(error: ActivityFailure): boolean {
  return (
    error.retryState === 'NON_RETRYABLE_FAILURE' ||
    (error.cause instanceof ApplicationFailure && error.cause.nonRetryable === true)
  );
}

/** What kind of failure it was, by type: never its message, which may quote the order's data. */
function failureKind(error: ActivityFailure): string {
  const cause = error.cause;
  if (cause instanceof ApplicationFailure) return cause.type ?? cause.name;
  return cause?.name ?? 'unknown failure';
}

/** Sends the search attributes that changed since the last time. */
function publishSearchAttributes(state: OrderState, stage: OrderStage, hasError: boolean): void {
  const { status, published } = state;
  const pairs = [];
  if (published.stage !== stage) pairs.push({ key: ORDER_STAGE, value: stage });
  if (published.hasError !== hasError) pairs.push({ key: ORDER_HAS_ERROR, value: hasError });
  if (status.orderName && published.orderName !== status.orderName) {
    pairs.push({ key: SHOPIFY_ORDER_NAME, value: status.orderName });
  }
  if (pairs.length === 0) return;
  if (status.shopCode && !workflowInfo().typedSearchAttributes.get(SHOP_CODE)) {
    pairs.push({ key: SHOP_CODE, value: status.shopCode });
  }
  upsertSearchAttributes(pairs);
  published.stage = stage;
  published.hasError = hasError;
  published.orderName = status.orderName;
}
