import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrderbridgeActivities } from './contracts';
import type { ImportOrderResult, ImportWithDocumentInput, ProcessOrderResult } from './contracts/order';
import type { ShopifyOrderState, SyncShipmentResult } from './contracts/shipment';
import type { OrderProblem } from '../domain/order-problems';
import { orderCloseRefused, shipmentNotSynced } from '../domain/shipment-problems';
import {
  assignCustomerUpdate,
  closeOrderSignal,
  createDocumentUpdate,
  invoicePostedSignal,
  mapCustomerUpdate,
  newCustomerFromTemplateUpdate,
  orderStatusQuery,
  retrySignal,
  shipmentPostedSignal,
  shopifyOrderChangedSignal,
  type OrderStage,
  type OrderStatus,
  type ShipmentPosted,
  type ShopifyOrderChanged,
} from './messages';
import { DEFAULT_ORDER_TIMINGS, type OrderTimings } from './order-timings';
import { ORDER_HAS_ERROR, ORDER_STAGE, SHOPIFY_ORDER_NAME, SHOP_CODE } from './search-attributes';
import { durationMs } from './durations';

export interface OrderWorkflowInput {
  store: string;
  shopifyOrderId: string;
  timings?: OrderTimings;
  /** Carried over continue-as-new; absent on a first run. */
  carried?: CarriedOrderState;
}

/**
 * Runs that start after this change import and create the document in one local activity; runs
 * recorded before it replay their two activities.
 */
export const IMPORT_WITH_DOCUMENT_PATCH = 'import-with-document-local-activity';

interface CarriedOrderState {
  status: OrderStatus;
  documentWanted?: boolean;
  pendingChange?: ShopifyOrderChanged;
  autoCreateDocument: boolean;
  publishedStage?: string;
  publishedHasError?: boolean;
  publishedOrderName?: string;
  pendingShipments?: ShipmentPosted[];
  closeCheckRequested?: boolean;
  shopifyOrderState?: ShopifyOrderState;
  documentExists?: boolean;
}

/**
 * One Shopify order's life in the ERP: import it, map it, create its sales document exactly once,
 * follow later changes in Shopify, send each posted shipment to Shopify as fulfillments, and close
 * the order in both systems once it is paid, fulfilled and shipped; then the run ends (a later
 * Shopify change starts a new one). Started or woken by signal-with-start from order sync,
 * webhooks and shipment posting; an operator steers it with the signals and updates in messages.ts.
 */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderStatus> {
  const timings = { ...DEFAULT_ORDER_TIMINGS, ...input.timings };
  // Transport failures (Shopify down, Postgres restarting) retry until they pass: the order then
  // resumes by itself. Business failures come back as problems in the result, not as errors.
  const orderActivities = proxyActivities<OrderbridgeActivities>({
    startToCloseTimeout: timings.activityAttemptTimeout,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
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
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  // Import and document in the worker that holds the workflow: no activity tasks, one workflow
  // task for a new order. A worker that dies mid-step is noticed when the workflow task times out
  // (seconds), and the step runs again elsewhere, finding what it had already done.
  const importStep = proxyLocalActivities<OrderbridgeActivities>({
    // Two steps in one attempt: each gets the time one activity would have had.
    startToCloseTimeout: 2 * durationMs(timings.activityAttemptTimeout),
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  const carried = input.carried;
  const status: OrderStatus = carried?.status ?? {
    store: input.store,
    shopifyOrderId: input.shopifyOrderId,
    stage: 'importing',
    hasError: false,
    problems: [],
    imports: 0,
  };
  let pendingChange: ShopifyOrderChanged | undefined = carried?.pendingChange;
  /** The newest Shopify change imported, being imported or queued: older signals are duplicates. */
  let newestRequested: string | undefined = latestOf(
    status.lastShopifyUpdatedAt,
    pendingChange?.shopifyUpdatedAt,
  );
  let autoCreateDocument = carried?.autoCreateDocument ?? false;
  /** An operator asked for the document (import-only shops): wanted until it exists. */
  let documentWanted = carried?.documentWanted ?? false;
  /** That request is still to be answered by an attempt. */
  let documentRequested = false;
  let retryRequested = false;
  /**
   * Imported data changed since the last mapping attempt. True at the start of every run: a run
   * may begin where an earlier one (or a killed worker) left an imported order without a document.
   */
  let dirtySinceLastAttempt = true;
  let processAttempts = 0;
  let recheckDelayMs = durationMs(timings.recheckProblemsAfter);
  /** Posted shipments to send to Shopify, in the order they were posted. */
  const pendingShipments: ShipmentPosted[] = carried?.pendingShipments ?? [];
  let closeCheckRequested = carried?.closeCheckRequested ?? false;
  /** Shopify's view right after the last shipment was sent: fresher than the last import. */
  let shopifyOrderState: ShopifyOrderState | undefined = carried?.shopifyOrderState;
  /** The ERP has a sales document for the order (this run may not have reported it yet). */
  let documentExists = carried?.documentExists ?? false;
  let closed = false;
  const published = {
    stage: carried?.publishedStage,
    hasError: carried?.publishedHasError,
    orderName: carried?.publishedOrderName,
  };

  setHandler(orderStatusQuery, () => status);

  setHandler(shopifyOrderChangedSignal, (change) => {
    if (status.shopCode !== undefined && change.shopCode !== status.shopCode && change.source === 'sync') {
      // Two shop cards on one store both matched this order: the first one keeps it (SPEC §7).
      log.warn('order already belongs to another shop card; change ignored', {
        ownedBy: status.shopCode,
        offeredBy: change.shopCode,
      });
      return;
    }
    // A sync or webhook repeating a change already imported, being imported or queued is a
    // duplicate trigger; an operator's request always re-imports.
    if (change.source !== 'operator' && isNotNewer(change.shopifyUpdatedAt, newestRequested)) return;
    newestRequested = latest(newestRequested, change.shopifyUpdatedAt);
    if (
      pendingChange === undefined ||
      change.source === 'operator' ||
      !isNotNewer(change.shopifyUpdatedAt, pendingChange.shopifyUpdatedAt)
    ) {
      pendingChange = change;
    }
  });

  setHandler(retrySignal, () => {
    retryRequested = true;
  });

  setHandler(shipmentPostedSignal, (posted) => {
    if (pendingShipments.some((pending) => pending.shipmentId === posted.shipmentId)) return;
    const known = status.shipments?.find((shipment) => shipment.shipmentId === posted.shipmentId);
    // A repeated signal for a shipment already settled: its outcome stands (fulfilled at most once).
    if (known && known.status !== 'pending' && known.status !== 'failed') return;
    pendingShipments.push(posted);
    if (status.imports === 0 && pendingChange === undefined && status.importedOrderId === undefined) {
      // A run started by the shipment alone (the order's last run had ended): import the order first.
      pendingChange = {
        shopCode: posted.shopCode,
        shopifyUpdatedAt: new Date(0).toISOString(),
        source: 'operator',
      };
    }
  });

  setHandler(invoicePostedSignal, () => {
    closeCheckRequested = true;
  });

  setHandler(closeOrderSignal, () => {
    closeCheckRequested = true;
  });

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

  /** Waits until the main loop has made one more mapping/document attempt, then answers. */
  async function answerAfterNextAttempt(): Promise<OrderStatus> {
    const attemptsBefore = processAttempts;
    await condition(() => processAttempts > attemptsBefore || status.stage === 'skipped');
    return status;
  }

  function requireImportedWithoutDocument(): void {
    if (status.importedOrderId === undefined) {
      throw new Error(
        `Order ${status.orderName ?? status.shopifyOrderId} is not imported yet: nothing to do.`,
      );
    }
    if (status.document) {
      throw new Error(
        `Order ${status.orderName ?? status.shopifyOrderId} already has sales ${status.document.documentType} ${status.document.documentNo}.`,
      );
    }
  }

  setHandler(
    createDocumentUpdate,
    async () => {
      documentRequested = true;
      documentWanted = true;
      return answerAfterNextAttempt();
    },
    { validator: requireImportedWithoutDocument },
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
      retryRequested = true;
      return answerAfterNextAttempt();
    },
    {
      validator: (assignment) => {
        requireImportedWithoutDocument();
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
      retryRequested = true;
      return answerAfterNextAttempt();
    },
    {
      validator: ({ templateCode }) => {
        requireImportedWithoutDocument();
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
      retryRequested = true;
      return answerAfterNextAttempt();
    },
    {
      validator: ({ customerNo }) => {
        requireImportedWithoutDocument();
        if (!customerNo) throw new Error('customerNo is required.');
      },
    },
  );

  function publish(): void {
    const pairs = [];
    if (published.stage !== status.stage) pairs.push({ key: ORDER_STAGE, value: status.stage });
    if (published.hasError !== status.hasError) pairs.push({ key: ORDER_HAS_ERROR, value: status.hasError });
    if (status.orderName && published.orderName !== status.orderName) {
      pairs.push({ key: SHOPIFY_ORDER_NAME, value: status.orderName });
    }
    if (pairs.length === 0) return;
    if (status.shopCode && !workflowInfo().typedSearchAttributes.get(SHOP_CODE)) {
      pairs.push({ key: SHOP_CODE, value: status.shopCode });
    }
    upsertSearchAttributes(pairs);
    published.stage = status.stage;
    published.hasError = status.hasError;
    published.orderName = status.orderName;
  }

  function setStage(stage: OrderStage): void {
    status.stage = stage;
  }

  function applyImport(result: ImportOrderResult): void {
    status.imports += 1;
    status.orderName = result.orderName;
    status.lastShopifyUpdatedAt = latest(status.lastShopifyUpdatedAt, result.shopifyUpdatedAt);
    if (result.problems?.length) {
      // The import itself failed (e.g. the shop card is gone): nothing was written; show why and wait.
      status.problems = result.problems;
      status.hasError = true;
      setStage('needs-attention');
      return;
    }
    autoCreateDocument = result.autoCreateDocument;
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
        setStage('skipped');
      }
      return;
    }
    status.importedOrderId = result.importedOrderId;
    if (!status.document) {
      dirtySinceLastAttempt = dirtySinceLastAttempt || result.firstImport || result.changed;
      if (status.stage === 'importing') setStage('imported');
    }
  }

  async function attemptDocument(): Promise<void> {
    setStage('mapping');
    applyDocumentAttempt(
      await orderActivities.processImportedOrder({ importedOrderId: status.importedOrderId! }),
    );
  }

  function applyDocumentAttempt(result: ProcessOrderResult): void {
    processAttempts += 1;
    dirtySinceLastAttempt = false;
    retryRequested = false;
    // Answered, whatever the outcome: left set, a failed attempt would wake the loop at once, for ever.
    documentRequested = false;
    status.problems = result.problems;
    const blocking = result.problems.some((problem) => problem.severity === 'error');
    if (result.document) {
      // A new sales order has shipped nothing yet; an invoice (nothing to ship) may close at once.
      if (result.document.documentType === 'invoice' || documentExists) closeCheckRequested = true;
      documentExists = true;
      status.document = result.document;
      status.hasError = status.conflict !== undefined;
      documentWanted = false;
      setStage('document-created');
      recheckDelayMs = durationMs(timings.recheckProblemsAfter);
    } else if (blocking) {
      status.hasError = true;
      setStage('needs-attention');
    } else {
      status.hasError = false;
      setStage('imported');
    }
  }

  function setProblem(problem: OrderProblem): void {
    status.problems = [
      ...status.problems.filter((known) => !(known.code === problem.code && known.field === problem.field)),
      problem,
    ];
  }

  function clearProblems(code: OrderProblem['code'], field?: string): void {
    status.problems = status.problems.filter(
      (known) => known.code !== code || (field !== undefined && known.field !== field),
    );
  }

  function applyShipment(shipmentId: number, result: SyncShipmentResult | { failed: string }): void {
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
      setProblem(shipmentNotSynced(orderName, entry.shipmentNo ?? String(shipmentId), [result.failed]));
      return;
    }
    entry.shipmentNo = result.shipmentNo;
    entry.status = result.status;
    entry.shopifyFulfillmentIds = result.shopifyFulfillmentIds;
    entry.needsAttention = result.needsAttention;
    clearProblems('SHIPMENT_NOT_SYNCED', `shipments.${shipmentId}`);
    if (result.needsAttention) setProblem(shipmentNotSynced(orderName, result.shipmentNo, result.attention));
    else clearProblems('SHIPMENT_NOT_SYNCED', `shipments.${result.shipmentNo}`);
  }

  /** Sends the posted shipments to Shopify one by one; a shipment that cannot be sent is recorded, not fatal. */
  async function sendPendingShipments(): Promise<void> {
    while (pendingShipments.length > 0) {
      const next = pendingShipments[0]!;
      try {
        const result = await orderActivities.syncShipmentToShopify({ shipmentId: next.shipmentId });
        applyShipment(next.shipmentId, result);
        if (result.shopifyOrder) shopifyOrderState = result.shopifyOrder;
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        applyShipment(next.shipmentId, { failed: error.cause?.message ?? error.message });
      }
      pendingShipments.shift();
      closeCheckRequested = true;
    }
  }

  /** Closes the order when it is done in both systems; true when it is closed. */
  async function attemptClose(): Promise<boolean> {
    closeCheckRequested = false;
    let result: Awaited<ReturnType<typeof closeCheck.closeOrderIfComplete>>;
    try {
      result = await closeCheck.closeOrderIfComplete({
        importedOrderId: status.importedOrderId!,
        ...(shopifyOrderState ? { shopifyOrder: shopifyOrderState } : {}),
      });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      // A step that cannot succeed as things are (the order gone from Shopify, a refused token):
      // shown on the order and looked at again by the re-check, never fatal to the workflow.
      result = {
        outcome: 'refused',
        problem: orderCloseRefused(
          status.orderName ?? status.shopifyOrderId,
          error.cause?.message ?? error.message,
        ),
      };
    }
    if (result.outcome === 'refused') {
      status.closing = { state: 'refused', reasons: [result.problem.message] };
      setProblem(result.problem);
      status.hasError = true;
      setStage('needs-attention');
      return false;
    }
    clearProblems('ORDER_CLOSE_REFUSED');
    // Another step's error (a failed re-import) still stands; only the refusal is gone.
    const otherErrors = status.problems.some((problem) => problem.severity === 'error');
    status.hasError = status.conflict !== undefined || otherErrors;
    if (result.outcome === 'waiting') {
      status.closing = { state: 'waiting', reasons: result.reasons };
      if (otherErrors) return false;
      if (status.shipments?.length) setStage('waiting-for-fulfilment');
      else if (status.stage === 'needs-attention')
        setStage(status.document ? 'document-created' : 'imported');
      return false;
    }
    status.closing = { state: 'closed', reasons: [], archived: result.archived };
    setStage('closed');
    return true;
  }

  for (;;) {
    if (pendingChange) {
      const change = pendingChange;
      pendingChange = undefined;
      status.shopCode ??= change.shopCode;
      const orderRef = {
        store: status.store,
        shopifyOrderId: status.shopifyOrderId,
        shopCode: status.shopCode,
        ...(change.currencies ? { currencies: change.currencies } : {}),
        ...(change.contact ? { contact: change.contact } : {}),
      };
      let result: ImportOrderResult;
      let processed: ProcessOrderResult | undefined;
      if (patched(IMPORT_WITH_DOCUMENT_PATCH)) {
        const documentAttempt: ImportWithDocumentInput['documentAttempt'] = {
          mode: status.document
            ? 'skip'
            : dirtySinceLastAttempt || retryRequested || documentRequested
              ? 'now'
              : 'if-changed',
          requestedByOperator: documentWanted,
        };
        ({ imported: result, processed } = await importStep.importOrderWithDocument({
          ...orderRef,
          documentAttempt,
        }));
      } else {
        result = await orderActivities.importShopifyOrder(orderRef);
      }
      applyImport(result);
      if (result.hasDocument && !status.document && status.stage !== 'skipped') {
        // The document exists (created by an earlier run): let processing report it, not create it.
        dirtySinceLastAttempt = true;
      }
      if (result.hasDocument) {
        // Payment or fulfilment may have changed in Shopify: the order may be ready to close.
        documentExists = true;
        closeCheckRequested = true;
      }
      if (processed) applyDocumentAttempt(processed);
    }

    if (status.stage === 'skipped') {
      publish();
      if (!pendingChange) break;
      continue;
    }

    if (retryRequested && status.importedOrderId === undefined && status.shopCode !== undefined) {
      // A failed import is retried by importing again.
      retryRequested = false;
      pendingChange = {
        shopCode: status.shopCode,
        shopifyUpdatedAt: status.lastShopifyUpdatedAt ?? new Date(0).toISOString(),
        source: 'operator',
      };
      continue;
    }

    const wantsDocument = autoCreateDocument || documentWanted;
    if (
      status.importedOrderId !== undefined &&
      !status.document &&
      wantsDocument &&
      (dirtySinceLastAttempt || retryRequested || documentRequested)
    ) {
      await attemptDocument();
    } else if (status.importedOrderId !== undefined && !status.document && !wantsDocument) {
      processAttempts += 1; // answers an operator waiting on a fix when nothing is to be created
      // Nothing to retry here; left set, the wait below would wake at once, for ever.
      if (!documentExists) retryRequested = false;
    }

    if (retryRequested && documentExists) {
      // With the document made, a retry means: send failed shipments again and look at closing.
      retryRequested = false;
      closeCheckRequested = true;
      for (const shipment of status.shipments ?? [])
        if (
          shipment.status === 'failed' &&
          !pendingShipments.some((pending) => pending.shipmentId === shipment.shipmentId)
        )
          pendingShipments.push({ shipmentId: shipment.shipmentId, shopCode: status.shopCode ?? '' });
    }
    if (status.importedOrderId !== undefined && pendingShipments.length > 0) await sendPendingShipments();
    if (closeCheckRequested && documentExists && status.importedOrderId !== undefined && !pendingChange)
      closed = await attemptClose();
    publish();

    if (closed && !pendingChange && pendingShipments.length === 0) break;
    if (pendingChange) continue;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof orderWorkflow>({
        ...input,
        carried: {
          status,
          autoCreateDocument,
          documentWanted,
          ...(pendingChange ? { pendingChange } : {}),
          ...(published.stage !== undefined ? { publishedStage: published.stage } : {}),
          ...(published.hasError !== undefined ? { publishedHasError: published.hasError } : {}),
          ...(published.orderName !== undefined ? { publishedOrderName: published.orderName } : {}),
          pendingShipments,
          closeCheckRequested,
          documentExists,
          ...(shopifyOrderState ? { shopifyOrderState } : {}),
        },
      });
    }

    // Shipments and closing need the imported order (and closing its document) to act on.
    const imported = status.importedOrderId !== undefined;
    const woken = () =>
      pendingChange !== undefined ||
      retryRequested ||
      documentRequested ||
      (imported && pendingShipments.length > 0) ||
      (imported && documentExists && closeCheckRequested);
    if (status.stage === 'needs-attention') {
      // Causes get fixed outside the workflow (a mapping, a rate): look again by ourselves, backing off.
      const wokenEarly = await condition(woken, recheckDelayMs);
      if (!wokenEarly) {
        retryRequested = true;
        recheckDelayMs = Math.min(recheckDelayMs * 2, durationMs(timings.maxRecheckInterval));
      }
    } else {
      await condition(woken);
    }
  }

  await condition(allHandlersFinished);
  return status;
}

function isNotNewer(candidate: string, reference: string | undefined): boolean {
  return reference !== undefined && Date.parse(candidate) <= Date.parse(reference);
}

function latest(first: string | undefined, second: string): string {
  return first === undefined || Date.parse(second) > Date.parse(first) ? second : first;
}

function latestOf(first: string | undefined, second: string | undefined): string | undefined {
  return second === undefined ? first : latest(first, second);
}
