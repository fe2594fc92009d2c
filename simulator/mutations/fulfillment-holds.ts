import type { FulfillmentHoldRecord, FulfillmentOrderRecord } from '../records';
import type { ShopStore } from '../store';
import { commitOrderChange, userError, type UserError } from './common';

export interface FulfillmentHoldInput {
  reason: string;
  reasonNotes?: string | null;
  handle?: string | null;
  fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
}

const HOLDABLE = ['OPEN', 'IN_PROGRESS', 'SCHEDULED', 'ON_HOLD'];

const DISPLAY_REASONS: Record<string, string> = {
  AWAITING_PAYMENT: 'Awaiting payment',
  AWAITING_RETURN_ITEMS: 'Awaiting return items',
  HIGH_RISK_OF_FRAUD: 'High risk of fraud',
  INCORRECT_ADDRESS: 'Incorrect address',
  INVENTORY_OUT_OF_STOCK: 'Inventory out of stock',
  UNKNOWN_DELIVERY_DATE: 'Unknown delivery date',
};

interface HoldPayload {
  fulfillmentHold: FulfillmentHoldRecord | null;
  fulfillmentOrder: FulfillmentOrderRecord | null;
  remainingFulfillmentOrder: null;
  userErrors: UserError[];
}

/**
 * fulfillmentOrderHold: the whole fulfillment order goes ON_HOLD, and fulfillmentCreate refuses
 * it until every hold is released. Holding part of it (splitting off the held lines) is not
 * simulated and is refused.
 */
export function fulfillmentOrderHold(
  store: ShopStore,
  args: { id: string; fulfillmentHold: FulfillmentHoldInput },
): HoldPayload {
  const refused = (field: string[], message: string, code: string): HoldPayload => ({
    fulfillmentHold: null,
    fulfillmentOrder: null,
    remainingFulfillmentOrder: null,
    userErrors: [userError(field, message, code)],
  });
  const fulfillmentOrder = store.nodeOfType<FulfillmentOrderRecord>(args.id, 'FulfillmentOrder');
  if (!fulfillmentOrder)
    return refused(['id'], 'Fulfillment order does not exist.', 'FULFILLMENT_ORDER_NOT_FOUND');
  if (!HOLDABLE.includes(fulfillmentOrder.status))
    return refused(
      ['id'],
      `Fulfillment order ${fulfillmentOrder.id} cannot be held: its status is ${fulfillmentOrder.status.toLowerCase()}.`,
      'FULFILLMENT_ORDER_NOT_FOUND',
    );
  if (args.fulfillmentHold.fulfillmentOrderLineItems?.length)
    return refused(
      ['fulfillmentHold', 'fulfillmentOrderLineItems'],
      'Holding part of a fulfillment order is not supported by the simulator.',
      'FULFILLMENT_ORDER_NOT_SPLITTABLE',
    );
  const hold: FulfillmentHoldRecord = {
    __typename: 'FulfillmentHold',
    id: store.newId('FulfillmentHold'),
    reason: args.fulfillmentHold.reason,
    reasonNotes: args.fulfillmentHold.reasonNotes ?? null,
    displayReason: DISPLAY_REASONS[args.fulfillmentHold.reason] ?? 'Other',
    handle: args.fulfillmentHold.handle ?? null,
    heldByRequestingApp: true,
  };
  fulfillmentOrder.fulfillmentHolds = [...(fulfillmentOrder.fulfillmentHolds ?? []), hold];
  fulfillmentOrder.status = 'ON_HOLD';
  fulfillmentOrder.updatedAt = store.timestamp();
  commitOrderChange(store, store.order(fulfillmentOrder.sim.orderId)!);
  return { fulfillmentHold: hold, fulfillmentOrder, remainingFulfillmentOrder: null, userErrors: [] };
}

/** fulfillmentOrderReleaseHold: releases the holds named (all when none are); OPEN again once none is left. */
export function fulfillmentOrderReleaseHold(
  store: ShopStore,
  args: { id: string; holdIds?: string[] | null },
): { fulfillmentOrder: FulfillmentOrderRecord | null; userErrors: UserError[] } {
  const fulfillmentOrder = store.nodeOfType<FulfillmentOrderRecord>(args.id, 'FulfillmentOrder');
  if (!fulfillmentOrder)
    return {
      fulfillmentOrder: null,
      userErrors: [userError(['id'], 'Fulfillment order does not exist.', 'FULFILLMENT_ORDER_NOT_FOUND')],
    };
  const holds = fulfillmentOrder.fulfillmentHolds ?? [];
  const releasing = args.holdIds?.length ? new Set(args.holdIds) : new Set(holds.map((hold) => hold.id));
  fulfillmentOrder.fulfillmentHolds = holds.filter((hold) => !releasing.has(hold.id));
  if (fulfillmentOrder.status === 'ON_HOLD' && fulfillmentOrder.fulfillmentHolds.length === 0) {
    const started = fulfillmentOrder.lineItems.some((item) => item.remainingQuantity < item.totalQuantity);
    fulfillmentOrder.status = started ? 'IN_PROGRESS' : 'OPEN';
  }
  fulfillmentOrder.updatedAt = store.timestamp();
  commitOrderChange(store, store.order(fulfillmentOrder.sim.orderId)!);
  return { fulfillmentOrder, userErrors: [] };
}
