import type { FulfillmentOrder } from './order-snapshot';

export type FulfillmentOrderPlacement = Pick<
  FulfillmentOrder,
  'shopifyFulfillmentOrderId' | 'status' | 'assignedLocationId' | 'lines'
>;

/**
 * The location each order line ships from (the document line's location), from Shopify's
 * fulfillment orders:
 * - none: no line has a location;
 * - one: it holds every line of the order, so every line ships from its location (its line items
 *   are not needed, and the import does not read them);
 * - several: each line ships from the fulfillment order that holds it, an open one before one
 *   that is done (a line moved or split keeps the location it still waits at), else from none.
 *
 * Throws when several fulfillment orders come without their line items: which line ships from
 * where is then unknown, and guessing would put document lines at the wrong location.
 */
export function lineFulfillmentLocations(
  lineIds: readonly string[],
  fulfillmentOrders: readonly FulfillmentOrderPlacement[],
): Map<string, string | null> {
  const locations = new Map<string, string | null>(lineIds.map((lineId) => [lineId, null]));
  const [only, ...others] = fulfillmentOrders;
  if (only && others.length === 0 && only.lines === null) {
    for (const lineId of lineIds) locations.set(lineId, only.assignedLocationId);
    return locations;
  }
  // Open ones last, so they override the location of one that is done.
  const openLast = [...fulfillmentOrders].sort(
    (first, second) => Number(first.status === 'OPEN') - Number(second.status === 'OPEN'),
  );
  for (const fulfillmentOrder of openLast) {
    if (fulfillmentOrder.lines === null) {
      throw new Error(
        `Fulfillment order ${fulfillmentOrder.shopifyFulfillmentOrderId} is one of ${fulfillmentOrders.length} but came without its line items: which line ships from where is unknown.`,
      );
    }
    const locationId = fulfillmentOrder.assignedLocationId;
    if (!locationId) continue;
    for (const line of fulfillmentOrder.lines) {
      if (locations.has(line.shopifyLineId)) locations.set(line.shopifyLineId, locationId);
    }
  }
  return locations;
}
