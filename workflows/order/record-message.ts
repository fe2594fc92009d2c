import type { ShipmentPosted, ShopifyOrderChanged } from '../messages';
import { isNotNewer, latest, type OrderState } from './state';

/**
 * What the signal and update handlers do with a message: record it in the state, nothing more.
 * The main loop acts on it at its next step.
 */

export type ChangeRecorded = 'recorded' | 'duplicate' | 'owned-by-another-shop';

export function recordShopifyChange(state: OrderState, change: ShopifyOrderChanged): ChangeRecorded {
  const { status, run } = state;
  if (status.shopCode !== undefined && change.shopCode !== status.shopCode && change.source === 'sync') {
    // Two shop cards on one store both matched this order: the first one keeps it (SPEC §7).
    return 'owned-by-another-shop';
  }
  // A sync or webhook repeating a change already imported, being imported or queued is a
  // duplicate trigger; an operator's request always re-imports.
  if (change.source !== 'operator' && isNotNewer(change.shopifyUpdatedAt, run.newestRequested)) {
    return 'duplicate';
  }
  run.newestRequested = latest(run.newestRequested, change.shopifyUpdatedAt);
  const pending = state.pendingChange;
  if (
    pending === undefined ||
    change.source === 'operator' ||
    !isNotNewer(change.shopifyUpdatedAt, pending.shopifyUpdatedAt)
  ) {
    state.pendingChange = change;
  }
  return 'recorded';
}

export function recordShipmentPosted(state: OrderState, posted: ShipmentPosted): void {
  const { status } = state;
  if (state.pendingShipments.some((pending) => pending.shipmentId === posted.shipmentId)) return;
  const known = status.shipments?.find((shipment) => shipment.shipmentId === posted.shipmentId);
  // A repeated signal for a shipment already settled: its outcome stands (fulfilled at most once).
  if (known && known.status !== 'pending' && known.status !== 'failed') return;
  state.pendingShipments.push(posted);
  if (status.imports === 0 && state.pendingChange === undefined && status.importedOrderId === undefined) {
    // A run started by the shipment alone (the order's last run had ended): import the order first.
    state.pendingChange = {
      shopCode: posted.shopCode,
      shopifyUpdatedAt: new Date(0).toISOString(),
      source: 'operator',
    };
  }
}

export function recordRetry(state: OrderState): void {
  state.run.retryRequested = true;
}

/** An invoice was posted, or an operator asked: the order may be ready to close. */
export function recordCloseCheck(state: OrderState): void {
  state.closeCheckRequested = true;
}

export function recordDocumentRequest(state: OrderState): void {
  state.run.documentRequested = true;
  state.documentWanted = true;
}

/** An operator waits for the answer of a round that starts after the request. */
export function requestRound(state: OrderState): number {
  const wanted = state.run.round + 1;
  state.run.roundWanted = Math.max(state.run.roundWanted, wanted);
  return wanted;
}
