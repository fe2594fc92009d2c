import type { PlannedFulfillment } from './shipment-fulfillment-plan';

/**
 * Finding the fulfillment an earlier, unanswered fulfillmentCreate made. Shopify takes no
 * idempotency key, so before a request is sent again the order's fulfillments are read and
 * compared with it. Pure: workflows may import this file.
 */

export interface ExistingFulfillment {
  /** Fulfillment GID. */
  id: string;
  status: string;
  locationId: string | null;
  trackingNumbers: readonly string[];
  /** Units per order LineItem GID (Shopify reports fulfillment lines by order line). */
  lines: readonly { shopifyLineId: string; quantity: number }[];
}

export interface SentRequest {
  request: Pick<PlannedFulfillment, 'locationId' | 'allocations'>;
  trackingNumber: string | null;
  /** Fulfillments the order had when the request was about to be sent: none of them is its answer. */
  fulfillmentIdsBefore: readonly string[];
  /** Fulfillments other requests (of any shipment) already own. */
  claimedFulfillmentIds: readonly string[];
}

function unitsPerLine(lines: readonly { shopifyLineId: string; quantity: number }[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines)
    units.set(line.shopifyLineId, (units.get(line.shopifyLineId) ?? 0) + line.quantity);
  return units;
}

function sameUnits(first: Map<string, number>, second: Map<string, number>): boolean {
  if (first.size !== second.size) return false;
  for (const [lineId, quantity] of first) if (second.get(lineId) !== quantity) return false;
  return true;
}

/**
 * The fulfillment a sent request created, or null when Shopify has none that fits. It must be
 * new since the request was sent, owned by no other request, at the request's location, carry
 * the request's tracking number (or none when the request had none), and fulfil exactly the
 * request's units per order line. A cancelled fulfillment still counts: it proves the call went
 * through, and sending again would fulfil the units a second time.
 */
export function findFulfillmentOfRequest(
  sent: SentRequest,
  fulfillments: readonly ExistingFulfillment[],
): ExistingFulfillment | null {
  const excluded = new Set([...sent.fulfillmentIdsBefore, ...sent.claimedFulfillmentIds]);
  const wanted = unitsPerLine(sent.request.allocations);
  const matches = fulfillments.filter((fulfillment) => {
    if (excluded.has(fulfillment.id)) return false;
    if (
      sent.request.locationId !== null &&
      fulfillment.locationId !== null &&
      fulfillment.locationId !== sent.request.locationId
    )
      return false;
    const numbers = fulfillment.trackingNumbers;
    if (sent.trackingNumber === null ? numbers.length > 0 : !numbers.includes(sent.trackingNumber))
      return false;
    return sameUnits(wanted, unitsPerLine(fulfillment.lines));
  });
  return matches[0] ?? null;
}
