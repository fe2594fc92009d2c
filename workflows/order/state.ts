import type { ShopifyOrderState } from '../contracts/shipment';
import type { OrderStage, OrderStatus, ShipmentPosted, ShopifyOrderChanged } from '../messages';
import type { OrderTimings } from '../order-timings';

/**
 * Where the workflow is within one round. A round runs its steps in this order, each at most as
 * often as the round allows (import and ship may repeat, the others run once), then publishes the
 * search attributes and waits. Keeping the order fixed keeps the commands of a run the same as the
 * ones saved in its history, whenever messages arrive.
 */
export const ROUND_PHASES = ['import', 'settle', 'resend', 'ship', 'close', 'end'] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];

/** The search attribute values last sent to Temporal: only changes are sent. */
export interface PublishedSearchAttributes {
  stage?: OrderStage;
  hasError?: boolean;
  orderName?: string;
}

/**
 * Everything an order workflow knows. All of it but `run` is carried over continue-as-new (see
 * carryOver); `run` starts afresh with every run.
 */
export interface OrderState {
  status: OrderStatus;
  /** The newest Shopify change still to import. */
  pendingChange?: ShopifyOrderChanged;
  /** The shop card's "auto create orders", as the last import read it. */
  autoCreateDocument: boolean;
  /** An operator asked for the document (import-only shops): wanted until it exists. */
  documentWanted: boolean;
  /** Posted shipments to send to Shopify, in the order they were posted. */
  pendingShipments: ShipmentPosted[];
  /** Something happened that may let the order close (a shipment, an invoice, an operator). */
  closeCheckRequested: boolean;
  /** Shopify's view right after the last shipment was sent: fresher than the last import. */
  shopifyOrderState?: ShopifyOrderState;
  /** The ERP has a sales document for the order (this run may not have reported it yet). */
  documentExists: boolean;
  published: PublishedSearchAttributes;
  /** The read model row as last written, and the writes' sequence in this run chain. */
  view: { seq: number; written?: string };
  run: OrderRunState;
}

/** What one run learns and is asked; none of it outlives the run. */
export interface OrderRunState {
  phase: RoundPhase;
  /** The newest Shopify change imported, being imported or queued: older signals are duplicates. */
  newestRequested?: string;
  /** An operator asked for the document, and no attempt has answered yet. */
  documentRequested: boolean;
  /** An operator (or the re-check timer) asked to try the failed step again. */
  retryRequested: boolean;
  /**
   * Imported data changed since the last mapping attempt. True at the start of every run: a run
   * may begin where an earlier one (or a killed worker) left an imported order without a document.
   */
  dirtySinceLastAttempt: boolean;
  /** Document attempts answered (made, or found needless): operators' updates wait on it. */
  processAttempts: number;
  /** Close attempts made. */
  closeAttempts: number;
  /** The last close attempt closed the order. */
  closed: boolean;
  /** Wait before the next automatic re-check of an order that needs attention. */
  recheckDelayMs: number;
  /** Rounds started and rounds finished; an operator's request may ask for one more round. */
  round: number;
  roundsFinished: number;
  roundWanted: number;
  /** processAttempts as of the last read model publish: operators' fixes answer once it passes theirs. */
  attemptsPublished: number;
  /** The run has ended (completed): nothing more will happen in it. */
  finished: boolean;
}

/** The workflow's input; `carried` is absent on a first run. */
export interface OrderWorkflowInput {
  store: string;
  shopifyOrderId: string;
  timings?: OrderTimings;
  carried?: CarriedOrderState;
}

/** OrderState without `run`, as continue-as-new passes it (optional fields: older runs lacked them). */
export interface CarriedOrderState {
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
  /** Read model writes so far in the run chain (the next run goes on counting). */
  viewSeq?: number;
}

/** The state a run starts from: the carried state of the previous run, or a new order. */
export function startState(input: OrderWorkflowInput, firstRecheckMs: number): OrderState {
  const carried = input.carried;
  const status: OrderStatus = carried?.status ?? {
    store: input.store,
    shopifyOrderId: input.shopifyOrderId,
    stage: 'importing',
    hasError: false,
    problems: [],
    imports: 0,
  };
  const newestRequested = latestOf(status.lastShopifyUpdatedAt, carried?.pendingChange?.shopifyUpdatedAt);
  return {
    status,
    ...(carried?.pendingChange ? { pendingChange: carried.pendingChange } : {}),
    autoCreateDocument: carried?.autoCreateDocument ?? false,
    documentWanted: carried?.documentWanted ?? false,
    pendingShipments: carried?.pendingShipments ?? [],
    closeCheckRequested: carried?.closeCheckRequested ?? false,
    ...(carried?.shopifyOrderState ? { shopifyOrderState: carried.shopifyOrderState } : {}),
    documentExists: carried?.documentExists ?? false,
    published: {
      ...(carried?.publishedStage !== undefined ? { stage: carried.publishedStage as OrderStage } : {}),
      ...(carried?.publishedHasError !== undefined ? { hasError: carried.publishedHasError } : {}),
      ...(carried?.publishedOrderName !== undefined ? { orderName: carried.publishedOrderName } : {}),
    },
    // The row itself is written again by the new run: the fingerprint is not worth carrying.
    view: { seq: carried?.viewSeq ?? 0 },
    run: {
      phase: 'import',
      ...(newestRequested !== undefined ? { newestRequested } : {}),
      documentRequested: false,
      retryRequested: false,
      dirtySinceLastAttempt: true,
      processAttempts: 0,
      closeAttempts: 0,
      closed: false,
      recheckDelayMs: firstRecheckMs,
      round: 1,
      roundsFinished: 0,
      roundWanted: 0,
      attemptsPublished: 0,
      finished: false,
    },
  };
}

/** The one place that decides what the next run inherits. */
export function carryOver(state: OrderState): CarriedOrderState {
  const { published } = state;
  return {
    status: state.status,
    autoCreateDocument: state.autoCreateDocument,
    documentWanted: state.documentWanted,
    ...(state.pendingChange ? { pendingChange: state.pendingChange } : {}),
    ...(published.stage !== undefined ? { publishedStage: published.stage } : {}),
    ...(published.hasError !== undefined ? { publishedHasError: published.hasError } : {}),
    ...(published.orderName !== undefined ? { publishedOrderName: published.orderName } : {}),
    pendingShipments: state.pendingShipments,
    closeCheckRequested: state.closeCheckRequested,
    documentExists: state.documentExists,
    ...(state.shopifyOrderState ? { shopifyOrderState: state.shopifyOrderState } : {}),
    ...(state.view.seq > 0 ? { viewSeq: state.view.seq } : {}),
  };
}

export function isNotNewer(candidate: string, reference: string | undefined): boolean {
  return reference !== undefined && Date.parse(candidate) <= Date.parse(reference);
}

export function latest(first: string | undefined, second: string): string {
  return first === undefined || Date.parse(second) > Date.parse(first) ? second : first;
}

function latestOf(first: string | undefined, second: string | undefined): string | undefined {
  return second === undefined ? first : latest(first, second);
}
