import { Decimal } from './money';

/**
 * Which Shopify fulfillments a posted ERP shipment becomes (SPEC §4.3, §5): its lines matched to
 * fulfillment-order lines, grouped into one fulfillmentCreate per assigned location and delivery
 * method, and for every quantity that is not sent, the reason. Pure: workflows may import it.
 */

export interface ShipmentLineFacts {
  lineNo: number;
  description: string;
  /** Item lines are shipped; anything else has nothing to fulfil in Shopify. */
  isItem: boolean;
  /** The order's LineItem GID; null for a line added in the ERP. */
  shopifyLineId: string | null;
  /** Decimal string. */
  quantity: string;
  /** ERP location the line was shipped from; null = no location (which may be mapped too). */
  locationCode: string | null;
}

export interface FulfillmentOrderLineFacts {
  /** FulfillmentOrderLineItem GID. */
  id: string;
  /** The order's LineItem GID. */
  shopifyLineId: string;
  remainingQuantity: number;
}

export interface FulfillmentOrderFacts {
  /** FulfillmentOrder GID. */
  id: string;
  status: string;
  assignedLocationId: string | null;
  deliveryMethodType: string | null;
  lines: readonly FulfillmentOrderLineFacts[];
}

export interface LocationMappingFacts {
  shopifyLocationId: string;
  /** Null: the Shopify location maps to "no location". */
  locationCode: string | null;
}

export interface PlanShipmentInput {
  lines: readonly ShipmentLineFacts[];
  fulfillmentOrders: readonly FulfillmentOrderFacts[];
  locationMappings: readonly LocationMappingFacts[];
  /** Shopify takes at most 250 line items in one request. */
  maxLineItemsPerRequest?: number;
}

export type NotSentReason =
  | 'not-an-item'
  | 'added-in-erp'
  | 'location-not-mapped'
  | 'fractional-quantity'
  | 'more-than-ordered'
  | 'nothing-open'
  | 'fulfillment-order-not-fulfillable'
  | 'refused-by-shopify';

export interface NotSent {
  /** Decimal string. */
  quantity: string;
  reason: NotSentReason;
  /** A full sentence for the operator. */
  detail: string;
}

export interface LineAllocation {
  lineNo: number;
  shopifyLineId: string;
  fulfillmentOrderId: string;
  fulfillmentOrderLineId: string;
  quantity: number;
}

export interface PlannedFulfillment {
  /** 1, 2, ...: the request's place in the plan (and its key on the shipment's sync record). */
  requestNo: number;
  locationId: string | null;
  deliveryMethodType: string | null;
  /** Shopify's lineItemsByFulfillmentOrder, quantities summed per fulfillment-order line. */
  fulfillmentOrders: { fulfillmentOrderId: string; lines: { id: string; quantity: number }[] }[];
  allocations: LineAllocation[];
}

export interface ShipmentLinePlan {
  lineNo: number;
  description: string;
  /** What the shipment line shipped, decimal string. */
  quantity: string;
  /** Units placed in requests. */
  plannedQuantity: number;
  notSent: NotSent[];
}

export interface ShipmentFulfillmentPlan {
  requests: PlannedFulfillment[];
  lines: ShipmentLinePlan[];
}

export const SHOPIFY_MAX_LINE_ITEMS_PER_REQUEST = 250;

/** Fulfillment-order statuses fulfillmentCreate accepts. */
const FULFILLABLE_STATUSES = new Set(['OPEN', 'IN_PROGRESS']);

function locationLabel(locationCode: string | null): string {
  return locationCode === null ? '(no location)' : `'${locationCode}'`;
}

/**
 * Plans the fulfillments of one posted shipment against Shopify's live fulfillment orders.
 *
 * A line is sent only when its location (empty included) is mapped to some Shopify location;
 * its units are then taken from the open fulfillment-order lines of its Shopify line item, those
 * at a location mapped to the line's own location first, then the others, so a line whose ERP
 * location was changed to another mapped location is fulfilled from where Shopify assigned it.
 * Units beyond what Shopify still has open, lines added in the ERP and fractions are not sent,
 * each with its reason. Requests are grouped by assigned location and delivery method type
 * (Shopify refuses to mix either in one fulfillmentCreate) and split at the line-item limit.
 */
export function planShipmentFulfillment(input: PlanShipmentInput): ShipmentFulfillmentPlan {
  const maxLineItems = input.maxLineItemsPerRequest ?? SHOPIFY_MAX_LINE_ITEMS_PER_REQUEST;
  const mappedCodes = new Set(input.locationMappings.map((mapping) => mapping.locationCode));
  const codeOfShopifyLocation = new Map(
    input.locationMappings.map((mapping) => [mapping.shopifyLocationId, mapping.locationCode]),
  );
  // Remaining units per fulfillment-order line, used up as lines of this shipment take them.
  const remaining = new Map<string, number>();
  for (const fulfillmentOrder of input.fulfillmentOrders)
    for (const line of fulfillmentOrder.lines) remaining.set(line.id, line.remainingQuantity);

  const allocations: { allocation: LineAllocation; fulfillmentOrder: FulfillmentOrderFacts }[] = [];
  const lines: ShipmentLinePlan[] = [];

  for (const line of input.lines) {
    const quantity = new Decimal(line.quantity);
    if (quantity.lte(0)) continue;
    const plan: ShipmentLinePlan = {
      lineNo: line.lineNo,
      description: line.description,
      quantity: quantity.toFixed(),
      plannedQuantity: 0,
      notSent: [],
    };
    lines.push(plan);
    const notSent = (units: Decimal, reason: NotSentReason, detail: string) =>
      plan.notSent.push({ quantity: units.toFixed(), reason, detail });

    if (!line.isItem) {
      notSent(quantity, 'not-an-item', 'not an item line: there is nothing to fulfil in Shopify');
      continue;
    }
    if (line.shopifyLineId === null) {
      notSent(
        quantity,
        'added-in-erp',
        'the line was added in the ERP and has no Shopify order line, so Shopify is not told about it',
      );
      continue;
    }
    if (!mappedCodes.has(line.locationCode)) {
      notSent(
        quantity,
        'location-not-mapped',
        `location ${locationLabel(line.locationCode)} is not mapped to a Shopify location: map it with \`orderbridge map locations <shop> --set "<Shopify location>=<location code>"\` to send such lines`,
      );
      continue;
    }
    const whole = quantity.floor();
    if (!whole.equals(quantity)) {
      notSent(
        quantity.minus(whole),
        'fractional-quantity',
        'Shopify counts whole units: the fraction of a unit is not sent',
      );
    }

    const shopifyLineId = line.shopifyLineId;
    const candidates = input.fulfillmentOrders
      .flatMap((fulfillmentOrder) =>
        fulfillmentOrder.lines
          .filter((candidate) => candidate.shopifyLineId === shopifyLineId)
          .map((candidate) => ({ fulfillmentOrder, candidate })),
      )
      .filter(({ fulfillmentOrder }) => FULFILLABLE_STATUSES.has(fulfillmentOrder.status));
    const atOwnLocation = ({ fulfillmentOrder }: (typeof candidates)[number]) =>
      fulfillmentOrder.assignedLocationId !== null &&
      codeOfShopifyLocation.has(fulfillmentOrder.assignedLocationId) &&
      codeOfShopifyLocation.get(fulfillmentOrder.assignedLocationId) === line.locationCode;
    const ordered = [
      ...candidates.filter(atOwnLocation),
      ...candidates.filter((entry) => !atOwnLocation(entry)),
    ];

    let toPlace = whole.toNumber();
    for (const { fulfillmentOrder, candidate } of ordered) {
      if (toPlace === 0) break;
      const open = remaining.get(candidate.id) ?? 0;
      const taken = Math.min(open, toPlace);
      if (taken === 0) continue;
      remaining.set(candidate.id, open - taken);
      toPlace -= taken;
      plan.plannedQuantity += taken;
      allocations.push({
        fulfillmentOrder,
        allocation: {
          lineNo: line.lineNo,
          shopifyLineId,
          fulfillmentOrderId: fulfillmentOrder.id,
          fulfillmentOrderLineId: candidate.id,
          quantity: taken,
        },
      });
    }
    if (toPlace > 0) {
      const held = input.fulfillmentOrders.filter(
        (fulfillmentOrder) =>
          !FULFILLABLE_STATUSES.has(fulfillmentOrder.status) &&
          fulfillmentOrder.lines.some(
            (candidate) => candidate.shopifyLineId === shopifyLineId && candidate.remainingQuantity > 0,
          ),
      );
      const left = new Decimal(toPlace);
      if (held.length > 0) {
        notSent(
          left,
          'fulfillment-order-not-fulfillable',
          `Shopify holds the rest of this line in a fulfillment order that cannot be fulfilled now (${held
            .map((fulfillmentOrder) => fulfillmentOrder.status.toLowerCase())
            .join(', ')})`,
        );
      } else if (plan.plannedQuantity > 0) {
        notSent(
          left,
          'more-than-ordered',
          `${toPlace} more than Shopify still has open for this line: the extra is not sent`,
        );
      } else {
        notSent(
          left,
          'nothing-open',
          'Shopify has nothing left to fulfil for this line (already fulfilled, or removed from the order)',
        );
      }
    }
  }

  return { requests: groupIntoRequests(allocations, maxLineItems), lines };
}

function groupIntoRequests(
  allocations: readonly { allocation: LineAllocation; fulfillmentOrder: FulfillmentOrderFacts }[],
  maxLineItems: number,
): PlannedFulfillment[] {
  const groups = new Map<string, { fulfillmentOrder: FulfillmentOrderFacts; allocation: LineAllocation }[]>();
  for (const entry of allocations) {
    const key = `${entry.fulfillmentOrder.assignedLocationId ?? ''}|${entry.fulfillmentOrder.deliveryMethodType ?? ''}`;
    const group = groups.get(key) ?? [];
    group.push(entry);
    groups.set(key, group);
  }
  const requests: PlannedFulfillment[] = [];
  for (const group of groups.values()) {
    const first = group[0]!.fulfillmentOrder;
    // Quantities per fulfillment-order line, in the order lines were first taken.
    const perLine = new Map<string, { fulfillmentOrderId: string; quantity: number }>();
    for (const { allocation } of group) {
      const known = perLine.get(allocation.fulfillmentOrderLineId);
      if (known) known.quantity += allocation.quantity;
      else
        perLine.set(allocation.fulfillmentOrderLineId, {
          fulfillmentOrderId: allocation.fulfillmentOrderId,
          quantity: allocation.quantity,
        });
    }
    const lineIds = [...perLine.keys()];
    for (let start = 0; start < lineIds.length; start += maxLineItems) {
      const chunk = new Set(lineIds.slice(start, start + maxLineItems));
      const byFulfillmentOrder = new Map<string, { id: string; quantity: number }[]>();
      for (const id of chunk) {
        const { fulfillmentOrderId, quantity } = perLine.get(id)!;
        const entries = byFulfillmentOrder.get(fulfillmentOrderId) ?? [];
        entries.push({ id, quantity });
        byFulfillmentOrder.set(fulfillmentOrderId, entries);
      }
      requests.push({
        requestNo: requests.length + 1,
        locationId: first.assignedLocationId,
        deliveryMethodType: first.deliveryMethodType,
        fulfillmentOrders: [...byFulfillmentOrder.entries()].map(([fulfillmentOrderId, entries]) => ({
          fulfillmentOrderId,
          lines: entries,
        })),
        allocations: group
          .map(({ allocation }) => allocation)
          .filter((allocation) => chunk.has(allocation.fulfillmentOrderLineId)),
      });
    }
  }
  return requests;
}

export type ShipmentSyncStatus = 'fulfilled' | 'partially-synced' | 'not-synced';

export type RequestOutcome =
  { state: 'created'; shopifyFulfillmentId: string } | { state: 'refused'; message: string };

export interface ShipmentLineResult {
  lineNo: number;
  description: string;
  quantity: string;
  /** Units Shopify fulfilled for this line. */
  fulfilledQuantity: number;
  shopifyFulfillmentIds: string[];
  notSent: NotSent[];
}

export interface ShipmentSyncResult {
  status: ShipmentSyncStatus;
  lines: ShipmentLineResult[];
  shopifyFulfillmentIds: string[];
  /** Something an operator should look at: an unmapped location, a refusal, a held order. */
  needsAttention: boolean;
}

/** §4.3 rows where not sending is the intended effect, not a fault. */
const EXPECTED_REASONS = new Set<NotSentReason>(['not-an-item', 'added-in-erp', 'more-than-ordered']);

/**
 * The outcome of a shipment once every planned request has an answer: per line what Shopify
 * fulfilled and why the rest was not sent (a refused request adds its units with Shopify's words).
 */
export function shipmentSyncResult(
  plan: ShipmentFulfillmentPlan,
  outcomes: ReadonlyMap<number, RequestOutcome>,
): ShipmentSyncResult {
  const lines: ShipmentLineResult[] = plan.lines.map((line) => ({
    lineNo: line.lineNo,
    description: line.description,
    quantity: line.quantity,
    fulfilledQuantity: 0,
    shopifyFulfillmentIds: [],
    notSent: [...line.notSent],
  }));
  const byLineNo = new Map(lines.map((line) => [line.lineNo, line]));
  const fulfillmentIds: string[] = [];
  for (const request of plan.requests) {
    const outcome = outcomes.get(request.requestNo);
    if (outcome?.state === 'created' && !fulfillmentIds.includes(outcome.shopifyFulfillmentId))
      fulfillmentIds.push(outcome.shopifyFulfillmentId);
    for (const allocation of request.allocations) {
      const line = byLineNo.get(allocation.lineNo);
      if (!line) continue;
      if (outcome?.state === 'created') {
        line.fulfilledQuantity += allocation.quantity;
        if (!line.shopifyFulfillmentIds.includes(outcome.shopifyFulfillmentId))
          line.shopifyFulfillmentIds.push(outcome.shopifyFulfillmentId);
      } else {
        const refusal = outcome?.state === 'refused' ? outcome.message : 'no answer from Shopify yet';
        line.notSent.push({
          quantity: String(allocation.quantity),
          reason: 'refused-by-shopify',
          detail: `Shopify refused the fulfillment: ${refusal}`,
        });
      }
    }
  }
  const fulfilled = lines.reduce((total, line) => total + line.fulfilledQuantity, 0);
  const anyNotSent = lines.some((line) => line.notSent.length > 0);
  const status: ShipmentSyncStatus =
    fulfilled === 0 ? 'not-synced' : anyNotSent ? 'partially-synced' : 'fulfilled';
  return {
    status,
    lines,
    shopifyFulfillmentIds: fulfillmentIds,
    needsAttention: lines.some((line) => line.notSent.some((part) => !EXPECTED_REASONS.has(part.reason))),
  };
}
