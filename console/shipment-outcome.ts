import { shipmentSyncState } from '../erp/services/console';
import type { ShipmentDispatch } from '../temporal/dispatch-shipment';
import type { ConsoleDeps } from './console-deps';
import type { Flash } from './layout';

const OUTCOME_WAIT_MS = 20_000;
/** A shipment already settled as not synced may stay so (its cause unfixed): wait less for a change. */
const SETTLED_WAIT_MS = 5_000;

/**
 * Sends a shipment again and answers with what its sync record says afterwards: a signal has no
 * answer of its own, so the record is read until the workflow has written a new attempt.
 */
export async function waitForShipmentOutcome(
  deps: ConsoleDeps,
  shipmentNo: string,
  send: (shipment: ShipmentDispatch) => Promise<void>,
): Promise<Flash> {
  const before = await shipmentSyncState(deps.orm, shipmentNo);
  if (!before) return { kind: 'error', text: `No posted shipment ${shipmentNo}.` };
  if (!before.store || !before.shopifyOrderId || !before.shopCode)
    return { kind: 'error', text: `Shipment ${shipmentNo} is not of a Shopify order: nothing to send.` };
  await send({
    store: before.store,
    shopifyOrderId: before.shopifyOrderId,
    orderName: before.orderName,
    shopCode: before.shopCode,
    shipmentId: before.shipmentId,
  });
  const settled = before.status === 'not-synced';
  const deadline = Date.now() + (settled ? SETTLED_WAIT_MS : OUTCOME_WAIT_MS);
  const outcome = (now: NonNullable<typeof before>, prefix = ''): Flash => ({
    kind: now.status === 'fulfilled' ? 'ok' : 'error',
    text: `Shipment ${shipmentNo} of order ${now.orderName}: ${prefix}${now.status}${now.lastError ? ` (${now.lastError})` : ''}.`,
  });
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await shipmentSyncState(deps.orm, shipmentNo);
    if (
      now &&
      (now.attempts !== before.attempts || now.updatedAt !== before.updatedAt) &&
      now.status !== 'in-progress'
    ) {
      return outcome(now);
    }
  }
  const last = await shipmentSyncState(deps.orm, shipmentNo);
  // Sent again, and its workflow left it as it was: the cause shown still stands.
  if (settled && last && last.status === 'not-synced') return outcome(last, 'still ');
  return {
    kind: 'error',
    text: `Shipment ${shipmentNo}: sent to its order's workflow, which has not answered within ${OUTCOME_WAIT_MS / 1000} s; this list shows the outcome once it has.`,
  };
}
