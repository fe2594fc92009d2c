import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  log,
  patched,
  setHandler,
} from '@temporalio/workflow';
import type { OrderbridgeActivities } from '../contracts';
import {
  assignCustomerUpdate,
  closeOrderSignal,
  closeOrderUpdate,
  createDocumentUpdate,
  invoicePostedSignal,
  mapCustomerUpdate,
  newCustomerFromTemplateUpdate,
  orderStatusQuery,
  retrySignal,
  retryUpdate,
  shipmentPostedSignal,
  shopifyOrderChangedSignal,
  type OrderRequestAnswer,
  type OrderStatus,
  type OrderWorkStep,
} from '../messages';
import {
  recordCloseCheck,
  recordDocumentRequest,
  recordRetry,
  recordShipmentPosted,
  recordShopifyChange,
  requestRound,
} from './record-message';
import { ORDER_VIEW_PATCH } from './patches';
import type { OrderState } from './state';

/** What the main loop tells the handlers: the work steps it ran, for operators waiting on them. */
export interface StepReporter {
  ran(step: OrderWorkStep): void;
}

/**
 * Registers the order's query, signals and updates. Signals and the retry/close updates only
 * record what arrived; updates validate first and answer once the loop has acted. The customer
 * fixes run their own write here, because its refusal is the update's answer.
 */
export function registerOrderHandlers(
  state: OrderState,
  operatorActivities: Pick<
    OrderbridgeActivities,
    'assignCustomerToImportedOrder' | 'createCustomerForImportedOrder' | 'mapShopifyCustomerOfImportedOrder'
  >,
): StepReporter {
  const { status } = state;
  const stepLogs = new Set<OrderWorkStep[]>();

  setHandler(orderStatusQuery, () => status);

  setHandler(shopifyOrderChangedSignal, (change) => {
    if (recordShopifyChange(state, change) === 'owned-by-another-shop') {
      log.warn('order already belongs to another shop card; change ignored', {
        ownedBy: status.shopCode,
        offeredBy: change.shopCode,
      });
    }
  });
  setHandler(retrySignal, () => recordRetry(state));
  setHandler(shipmentPostedSignal, (posted) => recordShipmentPosted(state, posted));
  setHandler(invoicePostedSignal, () => recordCloseCheck(state));
  setHandler(closeOrderSignal, () => recordCloseCheck(state));

  /** Records the steps the loop runs until `done`, then answers with them and the status. */
  async function answerWhen(done: (steps: OrderWorkStep[]) => boolean): Promise<OrderRequestAnswer> {
    const steps: OrderWorkStep[] = [];
    stepLogs.add(steps);
    try {
      await condition(() => done(steps) || state.run.finished);
    } finally {
      stepLogs.delete(steps);
    }
    // A copy: the loop may start its next step before the answer is sent.
    return { steps, status: JSON.parse(JSON.stringify(status)) as OrderStatus };
  }

  setHandler(
    retryUpdate,
    async () => {
      recordRetry(state);
      const round = requestRound(state);
      return answerWhen(() => state.run.roundsFinished >= round);
    },
    { validator: () => requireNotSkipped(state) },
  );

  setHandler(
    closeOrderUpdate,
    async () => {
      recordCloseCheck(state);
      return answerWhen((steps) => steps.includes('close'));
    },
    { validator: () => requireClosable(state) },
  );

  /** Waits until the main loop has made one more mapping/document attempt, then answers. */
  async function answerAfterNextAttempt(): Promise<OrderStatus> {
    const attemptsBefore = state.run.processAttempts;
    if (patched(ORDER_VIEW_PATCH)) {
      // Answered once the read model shows the outcome: a list run right after the answer agrees.
      await condition(
        () =>
          state.run.attemptsPublished > attemptsBefore || state.run.finished || status.stage === 'skipped',
      );
    } else {
      await condition(() => state.run.processAttempts > attemptsBefore || status.stage === 'skipped');
    }
    return status;
  }

  setHandler(
    createDocumentUpdate,
    async () => {
      recordDocumentRequest(state);
      return answerAfterNextAttempt();
    },
    { validator: () => requireImportedWithoutDocument(state) },
  );

  setHandler(
    assignCustomerUpdate,
    async (assignment) => {
      await operatorFix(() =>
        operatorActivities.assignCustomerToImportedOrder({
          importedOrderId: status.importedOrderId!,
          ...assignment,
        }),
      );
      recordRetry(state);
      return answerAfterNextAttempt();
    },
    {
      validator: (assignment) => {
        requireImportedWithoutDocument(state);
        if (!assignment.sellToCustomerNo) throw new Error('sellToCustomerNo is required.');
      },
    },
  );

  setHandler(
    newCustomerFromTemplateUpdate,
    async ({ templateCode }) => {
      await operatorFix(() =>
        operatorActivities.createCustomerForImportedOrder({
          importedOrderId: status.importedOrderId!,
          templateCode,
        }),
      );
      recordRetry(state);
      return answerAfterNextAttempt();
    },
    {
      validator: ({ templateCode }) => {
        requireImportedWithoutDocument(state);
        if (!templateCode) throw new Error('templateCode is required.');
      },
    },
  );

  setHandler(
    mapCustomerUpdate,
    async ({ customerNo }) => {
      await operatorFix(() =>
        operatorActivities.mapShopifyCustomerOfImportedOrder({
          importedOrderId: status.importedOrderId!,
          customerNo,
        }),
      );
      recordRetry(state);
      return answerAfterNextAttempt();
    },
    {
      validator: ({ customerNo }) => {
        requireImportedWithoutDocument(state);
        if (!customerNo) throw new Error('customerNo is required.');
      },
    },
  );

  return {
    ran(step) {
      for (const steps of stepLogs) steps.push(step);
    },
  };
}

/**
 * Runs an operator fix. A refused fix (a customer no. that does not exist...) fails the update
 * with the refusal's own words: left as an ActivityFailure, the caller would only read
 * "Activity task failed".
 */
async function operatorFix(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
      throw ApplicationFailure.nonRetryable(error.cause.message, error.cause.type ?? 'OperatorFixError');
    }
    throw error;
  }
}

function orderLabel(state: OrderState): string {
  return state.status.orderName ?? state.status.shopifyOrderId;
}

function requireImportedWithoutDocument(state: OrderState): void {
  const { status } = state;
  if (status.importedOrderId === undefined) {
    throw new Error(`Order ${orderLabel(state)} is not imported yet: nothing to do.`);
  }
  if (status.document) {
    throw new Error(
      `Order ${orderLabel(state)} already has sales ${status.document.documentType} ${status.document.documentNo}.`,
    );
  }
}

function requireNotSkipped(state: OrderState): void {
  const { status } = state;
  if (status.stage === 'skipped') {
    throw new Error(
      `Order ${orderLabel(state)} was left out (${status.skippedReason ?? 'skipped'}): nothing to retry.`,
    );
  }
}

function requireClosable(state: OrderState): void {
  const { status } = state;
  if (status.stage === 'closed') throw new Error(`Order ${orderLabel(state)} is closed already.`);
  if (status.importedOrderId === undefined) {
    throw new Error(`Order ${orderLabel(state)} is not imported yet: nothing to close.`);
  }
  if (!state.documentExists) {
    throw new Error(
      `Order ${orderLabel(state)} has no sales document yet: it cannot close before it has one.`,
    );
  }
}
