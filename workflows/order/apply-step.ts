import type { ImportOrderInput, ImportOrderResult, ProcessOrderResult } from '../contracts/order';
import type { CloseOrderResult, SyncShipmentResult } from '../contracts/shipment';
import { OrderProblems, type OrderProblem } from '../../domain/order-problems';
import { shipmentNotSynced } from '../../domain/shipment-problems';
import type { OrderStep } from './next-step';
import { latest, type OrderState } from './state';

/**
 * How each step's result changes the state. Deterministic and free of Temporal, like nextStep: the
 * workflow awaits the activity and hands its result here.
 */

type ImportStep = Extract<OrderStep, { kind: 'import' }>;

/** Takes the change off the queue (a newer one may arrive while it is imported); the activity's input. */
export function beginImport(state: OrderState, step: ImportStep): ImportOrderInput {
  if (step.reason === 'change') delete state.pendingChange;
  else state.run.retryRequested = false;
  const { status } = state;
  status.shopCode ??= step.change.shopCode;
  return {
    store: status.store,
    shopifyOrderId: status.shopifyOrderId,
    shopCode: status.shopCode,
    ...(step.change.currencies ? { currencies: step.change.currencies } : {}),
    ...(step.change.contact ? { contact: step.change.contact } : {}),
  };
}

export function applyImportStep(
  state: OrderState,
  result: ImportOrderResult,
  processed: ProcessOrderResult | undefined,
  firstRecheckMs: number,
): void {
  clearStepFailing(state);
  applyImport(state, result);
  if (result.hasDocument && !state.status.document && state.status.stage !== 'skipped') {
    // The document exists (created by an earlier run): let processing report it, not create it.
    state.run.dirtySinceLastAttempt = true;
  }
  if (result.hasDocument) {
    // Payment or fulfilment may have changed in Shopify: the order may be ready to close.
    state.documentExists = true;
    state.closeCheckRequested = true;
  }
  if (processed) applyDocumentAttempt(state, processed, firstRecheckMs);
  state.run.phase = 'settle';
}

function applyImport(state: OrderState, result: ImportOrderResult): void {
  const { status } = state;
  status.imports += 1;
  status.orderName = result.orderName;
  status.lastShopifyUpdatedAt = latest(status.lastShopifyUpdatedAt, result.shopifyUpdatedAt);
  if (result.problems?.length) {
    // The import itself failed (e.g. the shop card is gone): nothing was written; show why and wait.
    status.problems = result.problems;
    status.hasError = true;
    status.stage = 'needs-attention';
    return;
  }
  state.autoCreateDocument = result.autoCreateDocument;
  // A conflict is an open error on an order that has its document: it must show in OrderHasError.
  if (result.conflict) {
    status.conflict = result.conflict;
    status.hasError = true;
  } else {
    delete status.conflict;
    if (status.document) status.hasError = false;
  }
  if (result.skipped) {
    if (status.importedOrderId === undefined) {
      status.skippedReason = result.skipped;
      status.stage = 'skipped';
    }
    return;
  }
  status.importedOrderId = result.importedOrderId;
  if (!status.document) {
    state.run.dirtySinceLastAttempt = state.run.dirtySinceLastAttempt || result.firstImport || result.changed;
    if (status.stage === 'importing') status.stage = 'imported';
  }
}

export function beginDocument(state: OrderState): void {
  state.status.stage = 'mapping';
}

export function applyDocumentStep(
  state: OrderState,
  result: ProcessOrderResult,
  firstRecheckMs: number,
): void {
  clearStepFailing(state);
  applyDocumentAttempt(state, result, firstRecheckMs);
  state.run.phase = 'resend';
}

function applyDocumentAttempt(state: OrderState, result: ProcessOrderResult, firstRecheckMs: number): void {
  const { status, run } = state;
  run.processAttempts += 1;
  run.dirtySinceLastAttempt = false;
  run.retryRequested = false;
  // Answered, whatever the outcome: left set, a failed attempt would wake the loop at once, for ever.
  run.documentRequested = false;
  status.problems = result.problems;
  const blocking = result.problems.some((problem) => problem.severity === 'error');
  if (result.document) {
    // A new sales order has shipped nothing yet; an invoice (nothing to ship) may close at once.
    if (result.document.documentType === 'invoice' || state.documentExists) state.closeCheckRequested = true;
    state.documentExists = true;
    status.document = result.document;
    status.hasError = status.conflict !== undefined;
    state.documentWanted = false;
    status.stage = 'document-created';
    run.recheckDelayMs = firstRecheckMs;
  } else if (blocking) {
    status.hasError = true;
    status.stage = 'needs-attention';
  } else {
    status.hasError = false;
    status.stage = 'imported';
  }
}

/** Nothing to create: an operator waiting on a fix gets the answer; a retry has nothing to do here. */
export function applyNoDocumentWanted(state: OrderState): void {
  state.run.processAttempts += 1;
  // Left set, the wait would wake at once, for ever.
  if (!state.documentExists) state.run.retryRequested = false;
  state.run.phase = 'resend';
}

/** With the document made, a retry means: send failed shipments again and look at closing. */
export function applyResendFailedShipments(state: OrderState): void {
  state.run.retryRequested = false;
  state.closeCheckRequested = true;
  for (const shipment of state.status.shipments ?? []) {
    const queued = state.pendingShipments.some((pending) => pending.shipmentId === shipment.shipmentId);
    if (shipment.status === 'failed' && !queued) {
      state.pendingShipments.push({ shipmentId: shipment.shipmentId, shopCode: state.status.shopCode ?? '' });
    }
  }
  state.run.phase = 'ship';
}

/** A shipment that cannot be sent is recorded on the order, not fatal to the workflow. */
export function applyShipmentStep(
  state: OrderState,
  shipmentId: number,
  result: SyncShipmentResult | { failed: string },
): void {
  const { status } = state;
  const shipments = (status.shipments ??= []);
  let entry = shipments.find((shipment) => shipment.shipmentId === shipmentId);
  if (!entry) {
    entry = { shipmentId, status: 'pending', shopifyFulfillmentIds: [], needsAttention: false };
    shipments.push(entry);
  }
  const orderName = status.orderName ?? status.shopifyOrderId;
  if ('failed' in result) {
    entry.status = 'failed';
    entry.needsAttention = true;
    setProblem(state, shipmentNotSynced(orderName, entry.shipmentNo ?? String(shipmentId), [result.failed]));
  } else {
    entry.shipmentNo = result.shipmentNo;
    entry.status = result.status;
    entry.shopifyFulfillmentIds = result.shopifyFulfillmentIds;
    entry.needsAttention = result.needsAttention;
    clearProblems(state, 'SHIPMENT_NOT_SYNCED', `shipments.${shipmentId}`);
    if (result.needsAttention)
      setProblem(state, shipmentNotSynced(orderName, result.shipmentNo, result.attention));
    else clearProblems(state, 'SHIPMENT_NOT_SYNCED', `shipments.${result.shipmentNo}`);
    if (result.shopifyOrder) state.shopifyOrderState = result.shopifyOrder;
  }
  state.pendingShipments.shift();
  state.closeCheckRequested = true;
  state.run.phase = 'ship';
}

export function beginClose(state: OrderState): void {
  state.closeCheckRequested = false;
}

export function applyCloseStep(state: OrderState, result: CloseOrderResult): void {
  const { status, run } = state;
  run.closeAttempts += 1;
  run.phase = 'end';
  run.closed = false;
  if (result.outcome === 'refused') {
    status.closing = { state: 'refused', reasons: [result.problem.message] };
    setProblem(state, result.problem);
    status.hasError = true;
    status.stage = 'needs-attention';
    return;
  }
  clearProblems(state, 'ORDER_CLOSE_REFUSED');
  // Another step's error (a failed re-import) still stands; only the refusal is gone.
  const otherErrors = status.problems.some((problem) => problem.severity === 'error');
  status.hasError = status.conflict !== undefined || otherErrors;
  if (result.outcome === 'waiting') {
    status.closing = { state: 'waiting', reasons: result.reasons };
    if (otherErrors) return;
    if (status.shipments?.length) status.stage = 'waiting-for-fulfilment';
    else if (status.stage === 'needs-attention')
      status.stage = status.document ? 'document-created' : 'imported';
    return;
  }
  status.closing = { state: 'closed', reasons: [], archived: result.archived };
  status.stage = 'closed';
  run.closed = true;
}

/** A step failed transiently attempt after attempt: shown on the order while it retries on. */
export function applyStepFailing(state: OrderState, step: string, attempts: number, failure: string): void {
  const { status } = state;
  setProblem(
    state,
    OrderProblems.stepFailing(status.orderName ?? status.shopifyOrderId, step, attempts, failure),
  );
  status.hasError = true;
}

/** The failing step passed: its problem goes, and with it the error unless another one stands. */
function clearStepFailing(state: OrderState): void {
  const { status } = state;
  if (!status.problems.some((problem) => problem.code === 'STEP_FAILING')) return;
  clearProblems(state, 'STEP_FAILING');
  status.hasError =
    status.conflict !== undefined || status.problems.some((problem) => problem.severity === 'error');
}

/** The re-check timer fired: try again, and wait longer next time. */
export function applyRecheckDue(state: OrderState, maxRecheckMs: number): void {
  state.run.retryRequested = true;
  state.run.recheckDelayMs = Math.min(state.run.recheckDelayMs * 2, maxRecheckMs);
}

export function startRound(state: OrderState): void {
  state.run.phase = 'import';
  state.run.round += 1;
}

export function finishRound(state: OrderState): void {
  state.run.roundsFinished = state.run.round;
}

function setProblem(state: OrderState, problem: OrderProblem): void {
  state.status.problems = [
    ...state.status.problems.filter(
      (known) => !(known.code === problem.code && known.field === problem.field),
    ),
    problem,
  ];
}

function clearProblems(state: OrderState, code: OrderProblem['code'], field?: string): void {
  state.status.problems = state.status.problems.filter(
    (known) => known.code !== code || (field !== undefined && known.field !== field),
  );
}
