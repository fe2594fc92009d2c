import type { FulfillmentOrder } from './order-snapshot';
import { legacyId } from './shopify-ids';

export type FulfillmentOrderPlacement = Pick<
  FulfillmentOrder,
  'shopifyFulfillmentOrderId' | 'status' | 'assignedLocationId' | 'lines'
>;

/** Shopify location GID → ERP location code of one shop card (null: a mapping row without a code). */
export type LocationCodes = Readonly<Record<string, string | null>>;

/**
 * Whether the import must read which lines each of an order's fulfillment orders holds.
 *
 * A line's location only decides the ERP location code of its document line (through the shop
 * card's location mapping). When every fulfillment order is assigned to a location mapped to the
 * same code, every line gets that code wherever it ships from, so the lines are not needed; one
 * fulfillment order holds every line, so its lines are never needed. Anything else needs them: two
 * codes, a location without a code or without a mapping row (the "location not mapped" problem
 * must name the lines it concerns), or a fulfillment order whose location is gone.
 */
export function fulfillmentOrderLinesNeeded(
  assignedLocationIds: readonly (string | null)[],
  locationCodes: LocationCodes,
): boolean {
  if (assignedLocationIds.length <= 1) return false;
  const codes = new Set(
    assignedLocationIds.map((locationId) =>
      locationId === null ? null : (locationCodes[locationId] ?? null),
    ),
  );
  return codes.size > 1 || codes.has(null);
}

/**
 * Whether an imported order's lines carry a representative location that the location mapping no
 * longer backs: its fulfillment orders were imported without their line items (several, at
 * locations then mapped to one ERP location code) and now map to several codes or to none. A
 * document built from those lines would put them at the wrong location without a word; the lines
 * must be read from Shopify first.
 */
export function representativeLocationsStale(
  fulfillmentOrders: readonly { assignedLocationId: string | null; linesRead: boolean }[],
  locationCodes: LocationCodes,
): boolean {
  if (
    fulfillmentOrders.length <= 1 ||
    fulfillmentOrders.some((fulfillmentOrder) => fulfillmentOrder.linesRead)
  )
    return false;
  return fulfillmentOrderLinesNeeded(
    fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.assignedLocationId),
    locationCodes,
  );
}

/** Numeric order of Shopify ids, which Shopify hands out in creation order. */
function olderFirst(first: FulfillmentOrderPlacement, second: FulfillmentOrderPlacement): number {
  const firstId = legacyId(first.shopifyFulfillmentOrderId);
  const secondId = legacyId(second.shopifyFulfillmentOrderId);
  return firstId.length - secondId.length || (firstId < secondId ? -1 : firstId > secondId ? 1 : 0);
}

/**
 * The location each order line ships from (the document line's location), from Shopify's
 * fulfillment orders:
 * - none: no line has a location;
 * - their line items were read: each line ships from the fulfillment order that holds it, an
 *   open one before one that is done (a line moved or split keeps the location it still waits
 *   at), else from none;
 * - their line items were not read (one fulfillment order, or several whose locations all map
 *   to one ERP location code: fulfillmentOrderLinesNeeded): every line gets the location of the
 *   oldest fulfillment order. With one, that is where every line ships from. With several it is
 *   a representative, not necessarily where the line ships from, and means only "ships from a
 *   location with this ERP location code": the oldest is the one every line started in, so a
 *   line keeps its location when a move or split adds a fulfillment order at a location with the
 *   same code, and the choice does not depend on the order Shopify lists them in.
 *
 * Throws when some fulfillment orders came with their line items and others without: that is no
 * answer the import asks for, and guessing would put document lines at the wrong location.
 */
export function lineFulfillmentLocations(
  lineIds: readonly string[],
  fulfillmentOrders: readonly FulfillmentOrderPlacement[],
): Map<string, string | null> {
  const locations = new Map<string, string | null>(lineIds.map((lineId) => [lineId, null]));
  const [oldest] = [...fulfillmentOrders].sort(olderFirst);
  if (oldest && fulfillmentOrders.every((fulfillmentOrder) => fulfillmentOrder.lines === null)) {
    for (const lineId of lineIds) locations.set(lineId, oldest.assignedLocationId);
    return locations;
  }
  // Open ones last, so they override the location of one that is done.
  const openLast = [...fulfillmentOrders].sort(
    (first, second) => Number(first.status === 'OPEN') - Number(second.status === 'OPEN'),
  );
  for (const fulfillmentOrder of openLast) {
    if (fulfillmentOrder.lines === null) {
      throw new Error(
        `Fulfillment order ${fulfillmentOrder.shopifyFulfillmentOrderId} came without its line items while others of the order came with theirs: which line ships from where is unknown.`,
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
