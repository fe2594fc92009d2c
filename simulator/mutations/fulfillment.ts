import {
  createFulfillment,
  newFulfillmentOrder,
  addFulfillmentOrderLine,
  type FulfillmentPart,
} from '../order-parts';
import type { FulfillmentOrderRecord, FulfillmentRecord, LineItemRecord, LocationRecord } from '../records';
import type { ShopStore } from '../store';
import { checkArrayLimit, commitOrderChange, userError, type UserError } from './common';

export interface FulfillmentInput {
  lineItemsByFulfillmentOrder: {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
  }[];
  notifyCustomer?: boolean | null;
  trackingInfo?: {
    company?: string | null;
    number?: string | null;
    numbers?: string[] | null;
    url?: string | null;
    urls?: string[] | null;
  } | null;
}

const FULFILLABLE = ['OPEN', 'IN_PROGRESS'];

/**
 * fulfillmentCreate: fulfils fulfillment-order line items. As in Shopify, one request serves one
 * order, one assigned location and one delivery method type; each fulfillment order must be open
 * or in progress, and quantities must not exceed what remains.
 */
export function fulfillmentCreate(
  store: ShopStore,
  input: FulfillmentInput,
): { fulfillment: FulfillmentRecord | null; userErrors: UserError[] } {
  checkArrayLimit('lineItemsByFulfillmentOrder', input.lineItemsByFulfillmentOrder);
  const errors: UserError[] = [];
  const base = ['fulfillment', 'lineItemsByFulfillmentOrder'];
  if (input.lineItemsByFulfillmentOrder.length === 0)
    errors.push(userError(base, 'Line items by fulfillment order must not be empty'));
  const parts: FulfillmentPart[] = [];
  const fulfillmentOrders: FulfillmentOrderRecord[] = [];
  input.lineItemsByFulfillmentOrder.forEach((entry, index) => {
    const path = [...base, String(index)];
    const fulfillmentOrder = store.nodeOfType<FulfillmentOrderRecord>(
      entry.fulfillmentOrderId,
      'FulfillmentOrder',
    );
    if (!fulfillmentOrder) {
      errors.push(userError([...path, 'fulfillmentOrderId'], 'Fulfillment order does not exist.'));
      return;
    }
    if (!FULFILLABLE.includes(fulfillmentOrder.status)) {
      errors.push(
        userError(
          [...path, 'fulfillmentOrderId'],
          `Fulfillment order ${fulfillmentOrder.id} has an unfulfillable status= ${fulfillmentOrder.status.toLowerCase()}.`,
        ),
      );
      return;
    }
    fulfillmentOrders.push(fulfillmentOrder);
    if (!entry.fulfillmentOrderLineItems || entry.fulfillmentOrderLineItems.length === 0) {
      for (const item of fulfillmentOrder.lineItems)
        if (item.remainingQuantity > 0)
          parts.push({ fulfillmentOrder, item, quantity: item.remainingQuantity });
      return;
    }
    entry.fulfillmentOrderLineItems.forEach((wanted, itemIndex) => {
      const itemPath = [...path, 'fulfillmentOrderLineItems', String(itemIndex)];
      const item = fulfillmentOrder.lineItems.find((candidate) => candidate.id === wanted.id);
      if (!item) {
        errors.push(userError([...itemPath, 'id'], 'Fulfillment order line item does not exist.'));
        return;
      }
      const alreadyInRequest = parts
        .filter((part) => part.item === item)
        .reduce((sum, part) => sum + part.quantity, 0);
      if (wanted.quantity <= 0)
        errors.push(userError([...itemPath, 'quantity'], 'Quantity must be greater than 0.'));
      else if (wanted.quantity + alreadyInRequest > item.remainingQuantity) {
        errors.push(
          userError(
            [...itemPath, 'quantity'],
            `Invalid quantity: only ${item.remainingQuantity - alreadyInRequest} remaining on fulfillment order line item.`,
          ),
        );
      } else parts.push({ fulfillmentOrder, item, quantity: wanted.quantity });
    });
  });
  if (new Set(fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.sim.orderId)).size > 1) {
    errors.push(userError(base, 'All fulfillment orders must belong to the same order.'));
  }
  if (new Set(fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.sim.locationId)).size > 1) {
    errors.push(userError(base, 'All fulfillment orders must be assigned to a single location.'));
  }
  if (
    new Set(fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.deliveryMethod.methodType)).size > 1
  ) {
    errors.push(userError(base, 'All fulfillment orders must have the same delivery method type.'));
  }
  if (errors.length === 0 && parts.length === 0)
    errors.push(userError(base, 'There is nothing left to fulfil on these fulfillment orders.'));
  if (errors.length > 0) return { fulfillment: null, userErrors: errors };
  const order = store.order(fulfillmentOrders[0]!.sim.orderId)!;
  const tracking = input.trackingInfo;
  const numbers = tracking?.numbers?.length ? tracking.numbers : tracking?.number ? [tracking.number] : [];
  const urls = tracking?.urls?.length ? tracking.urls : tracking?.url ? [tracking.url] : [];
  const count = Math.max(numbers.length, urls.length, tracking?.company ? 1 : 0);
  const trackingInfo = Array.from({ length: count }, (_unused, index) => ({
    company: tracking?.company ?? null,
    number: numbers[index] ?? null,
    url: urls[index] ?? null,
  }));
  const fulfillment = createFulfillment(store, order, parts, {
    locationId: fulfillmentOrders[0]!.sim.locationId,
    tracking: trackingInfo,
    notifyCustomer: input.notifyCustomer ?? false,
  });
  commitOrderChange(store, order, [
    { kind: 'fulfillment-created', order, fulfillmentId: fulfillment.id },
    { kind: 'order-updated', order },
  ]);
  return { fulfillment, userErrors: [] };
}

/**
 * fulfillmentOrderMove: moves what remains of a fulfillment order (or some of its lines) to
 * another location. A whole, untouched fulfillment order is re-assigned in place; otherwise the
 * moved units go to a new fulfillment order and the original keeps the rest.
 */
export function fulfillmentOrderMove(
  store: ShopStore,
  args: {
    id: string;
    newLocationId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
  },
) {
  const failed = (error: UserError) => ({
    movedFulfillmentOrder: null,
    originalFulfillmentOrder: null,
    remainingFulfillmentOrder: null,
    userErrors: [error],
  });
  const fulfillmentOrder = store.nodeOfType<FulfillmentOrderRecord>(args.id, 'FulfillmentOrder');
  if (!fulfillmentOrder) return failed(userError(['id'], 'Fulfillment order does not exist.'));
  const location = store.nodeOfType<LocationRecord>(args.newLocationId, 'Location');
  if (!location || !location.isActive)
    return failed(userError(['newLocationId'], 'Location does not exist or is not active.'));
  if (
    !FULFILLABLE.includes(fulfillmentOrder.status) &&
    fulfillmentOrder.status !== 'SCHEDULED' &&
    fulfillmentOrder.status !== 'ON_HOLD'
  ) {
    return failed(
      userError(
        ['id'],
        `Cannot move a fulfillment order with status ${fulfillmentOrder.status.toLowerCase()}.`,
      ),
    );
  }
  if (fulfillmentOrder.sim.locationId === location.id)
    return failed(
      userError(['newLocationId'], 'The fulfillment order is already assigned to this location.'),
    );
  const order = store.order(fulfillmentOrder.sim.orderId)!;
  const wanted = new Map<string, number>();
  if (args.fulfillmentOrderLineItems?.length) {
    for (const [index, entry] of args.fulfillmentOrderLineItems.entries()) {
      const item = fulfillmentOrder.lineItems.find((candidate) => candidate.id === entry.id);
      if (!item)
        return failed(
          userError(
            ['fulfillmentOrderLineItems', String(index), 'id'],
            'Fulfillment order line item does not exist.',
          ),
        );
      if (entry.quantity <= 0 || entry.quantity > item.remainingQuantity) {
        return failed(
          userError(
            ['fulfillmentOrderLineItems', String(index), 'quantity'],
            `Quantity must be between 1 and ${item.remainingQuantity}.`,
          ),
        );
      }
      wanted.set(item.id, entry.quantity);
    }
  } else {
    for (const item of fulfillmentOrder.lineItems)
      if (item.remainingQuantity > 0) wanted.set(item.id, item.remainingQuantity);
  }
  const movesEverything =
    fulfillmentOrder.sim.fulfillmentIds.length === 0 &&
    fulfillmentOrder.lineItems.every(
      (item) =>
        (wanted.get(item.id) ?? 0) === item.remainingQuantity &&
        item.remainingQuantity === item.totalQuantity,
    );
  const now = store.timestamp();
  let moved: FulfillmentOrderRecord;
  if (movesEverything) {
    fulfillmentOrder.sim.locationId = location.id;
    fulfillmentOrder.updatedAt = now;
    moved = fulfillmentOrder;
  } else {
    moved = newFulfillmentOrder(store, order, location.id, fulfillmentOrder.deliveryMethod.methodType);
    for (const item of fulfillmentOrder.lineItems) {
      const quantity = wanted.get(item.id) ?? 0;
      if (quantity === 0) continue;
      item.remainingQuantity -= quantity;
      item.totalQuantity -= quantity;
      const line = store.node<LineItemRecord>(item.sim.lineItemId)!;
      addFulfillmentOrderLine(store, moved, line, quantity);
    }
    fulfillmentOrder.updatedAt = now;
  }
  commitOrderChange(store, order);
  return {
    movedFulfillmentOrder: moved,
    originalFulfillmentOrder: fulfillmentOrder,
    remainingFulfillmentOrder: null,
    userErrors: [],
  };
}
