import type { ImportWithDocumentInput } from '../contracts/order';
import type { ShopifyOrderChanged } from '../messages';
import { ROUND_PHASES, type OrderState, type RoundPhase } from './state';

type DocumentAttemptMode = ImportWithDocumentInput['documentAttempt']['mode'];

/** What the order workflow does next; the loop runs it and applies its result to the state. */
export type OrderStep =
  /** Import a Shopify change: the queued one, or the order again to retry a failed import. */
  | {
      kind: 'import';
      reason: 'change' | 'retry';
      change: ShopifyOrderChanged;
      documentAttempt: { mode: DocumentAttemptMode; requestedByOperator: boolean };
    }
  /** Map the imported order and create its sales document. */
  | { kind: 'document' }
  /** The shop does not create documents by itself and nobody asked: answer waiting operators. */
  | { kind: 'no-document-wanted' }
  /** A retry after the document exists: send failed shipments again and look at closing. */
  | { kind: 'resend-failed-shipments' }
  /** Send one posted shipment to Shopify. */
  | { kind: 'ship'; shipmentId: number }
  /** Close the order if it is done in both systems. */
  | { kind: 'close' }
  /** The round is over and a newer change waits: publish, then import it. */
  | { kind: 'next-round' }
  /** The run is over (order closed, or skipped): publish and end. */
  | { kind: 'complete' }
  | { kind: 'continue-as-new' }
  /** Publish, then wait for a message; until the automatic re-check, when the order needs attention. */
  | { kind: 'wait'; until?: number };

export interface StepContext {
  /** Workflow time, in milliseconds. */
  now: number;
  /** Temporal suggests a new run, and no handler waits on this one. */
  continueAsNewSuggested: boolean;
}

/** The phase the round is in has not passed `phase` yet. */
function atOrBefore(state: OrderState, phase: RoundPhase): boolean {
  return ROUND_PHASES.indexOf(state.run.phase) <= ROUND_PHASES.indexOf(phase);
}

/** The next thing to do, read off the state alone (pure: unit-tested without Temporal). */
export function nextStep(state: OrderState, context: StepContext): OrderStep {
  const { status, run } = state;
  const imported = status.importedOrderId !== undefined;

  if (state.run.phase === 'import' && state.pendingChange) {
    return importStep(state, 'change', state.pendingChange, run.retryRequested);
  }
  if (atOrBefore(state, 'settle')) {
    if (status.stage === 'skipped')
      return state.pendingChange ? { kind: 'next-round' } : { kind: 'complete' };
    if (run.retryRequested && !imported && status.shopCode !== undefined) {
      // A failed import is retried by importing again.
      const change: ShopifyOrderChanged = {
        shopCode: status.shopCode,
        shopifyUpdatedAt: status.lastShopifyUpdatedAt ?? new Date(0).toISOString(),
        source: 'operator',
      };
      return importStep(state, 'retry', change, false);
    }
    const wantsDocument = state.autoCreateDocument || state.documentWanted;
    if (imported && !status.document && wantsDocument && documentAttemptDue(state, run.retryRequested)) {
      return { kind: 'document' };
    }
    if (imported && !status.document && !wantsDocument) return { kind: 'no-document-wanted' };
  }
  if (atOrBefore(state, 'resend') && run.retryRequested && state.documentExists) {
    return { kind: 'resend-failed-shipments' };
  }
  if (atOrBefore(state, 'ship') && imported && state.pendingShipments.length > 0) {
    return { kind: 'ship', shipmentId: state.pendingShipments[0]!.shipmentId };
  }
  if (
    atOrBefore(state, 'close') &&
    state.closeCheckRequested &&
    state.documentExists &&
    imported &&
    !state.pendingChange
  ) {
    return { kind: 'close' };
  }
  if (run.closed && !state.pendingChange && state.pendingShipments.length === 0) return { kind: 'complete' };
  if (state.pendingChange) return { kind: 'next-round' };
  if (context.continueAsNewSuggested) return { kind: 'continue-as-new' };
  // Causes get fixed outside the workflow (a mapping, a rate): look again by ourselves, backing off.
  return status.stage === 'needs-attention'
    ? { kind: 'wait', until: context.now + run.recheckDelayMs }
    : { kind: 'wait' };
}

function documentAttemptDue(state: OrderState, retryRequested: boolean): boolean {
  return state.run.dirtySinceLastAttempt || retryRequested || state.run.documentRequested;
}

function importStep(
  state: OrderState,
  reason: 'change' | 'retry',
  change: ShopifyOrderChanged,
  retryRequested: boolean,
): OrderStep {
  const mode: DocumentAttemptMode = state.status.document
    ? 'skip'
    : documentAttemptDue(state, retryRequested)
      ? 'now'
      : 'if-changed';
  return {
    kind: 'import',
    reason,
    change,
    documentAttempt: { mode, requestedByOperator: state.documentWanted },
  };
}

/**
 * Whether a waiting workflow has something to do: a message asked for a step the round would run.
 * Shipments and closing need the imported order (and closing its document) to act on.
 */
export function wakesUp(state: OrderState): boolean {
  const imported = state.status.importedOrderId !== undefined;
  return (
    state.pendingChange !== undefined ||
    state.run.retryRequested ||
    state.run.documentRequested ||
    (imported && state.pendingShipments.length > 0) ||
    (imported && state.documentExists && state.closeCheckRequested) ||
    state.run.roundWanted > state.run.round
  );
}
