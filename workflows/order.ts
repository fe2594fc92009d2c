import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrderbridgeActivities } from '../activities';
import type { ImportOrderResult } from '../activities/order-contract';
import {
  assignCustomerUpdate,
  createDocumentUpdate,
  mapCustomerUpdate,
  newCustomerFromTemplateUpdate,
  orderStatusQuery,
  retrySignal,
  shopifyOrderChangedSignal,
  type OrderStage,
  type OrderStatus,
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

interface CarriedOrderState {
  status: OrderStatus;
  pendingChange?: ShopifyOrderChanged;
  autoCreateDocument: boolean;
  publishedStage?: string;
  publishedHasError?: boolean;
  publishedOrderName?: string;
}

/**
 * One Shopify order's life in the ERP: import it, map it, create its sales document exactly once,
 * and follow later changes in Shopify. Started or woken by signal-with-start from order sync and
 * webhooks; an operator steers it with the retry signal and the updates in messages.ts.
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
  let documentRequested = false;
  let retryRequested = false;
  /**
   * Imported data changed since the last mapping attempt. True at the start of every run: a run
   * may begin where an earlier one (or a killed worker) left an imported order without a document.
   */
  let dirtySinceLastAttempt = true;
  let processAttempts = 0;
  let recheckDelayMs = durationMs(timings.recheckProblemsAfter);
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
    const result = await orderActivities.processImportedOrder({ importedOrderId: status.importedOrderId! });
    processAttempts += 1;
    dirtySinceLastAttempt = false;
    retryRequested = false;
    status.problems = result.problems;
    const blocking = result.problems.some((problem) => problem.severity === 'error');
    if (result.document) {
      status.document = result.document;
      status.hasError = status.conflict !== undefined;
      documentRequested = false;
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

  for (;;) {
    if (pendingChange) {
      const change = pendingChange;
      pendingChange = undefined;
      status.shopCode ??= change.shopCode;
      const result = await orderActivities.importShopifyOrder({
        store: status.store,
        shopifyOrderId: status.shopifyOrderId,
        shopCode: status.shopCode,
      });
      applyImport(result);
      if (result.hasDocument && !status.document && status.stage !== 'skipped') {
        // The document exists (created by an earlier run): let processing report it, not create it.
        dirtySinceLastAttempt = true;
      }
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

    const wantsDocument = autoCreateDocument || documentRequested;
    if (
      status.importedOrderId !== undefined &&
      !status.document &&
      wantsDocument &&
      (dirtySinceLastAttempt || retryRequested || documentRequested)
    ) {
      await attemptDocument();
    } else if (status.importedOrderId !== undefined && !status.document && !wantsDocument) {
      processAttempts += 1; // answers an operator waiting on a fix when nothing is to be created
    }
    publish();

    if (pendingChange) continue;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof orderWorkflow>({
        ...input,
        carried: {
          status,
          autoCreateDocument,
          ...(pendingChange ? { pendingChange } : {}),
          ...(published.stage !== undefined ? { publishedStage: published.stage } : {}),
          ...(published.hasError !== undefined ? { publishedHasError: published.hasError } : {}),
          ...(published.orderName !== undefined ? { publishedOrderName: published.orderName } : {}),
        },
      });
    }

    const woken = () => pendingChange !== undefined || retryRequested || documentRequested;
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
