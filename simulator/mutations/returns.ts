import type { FulfillmentLineItemRecord, OrderRecord, ReturnRecord } from '../records';
import type { ShopStore } from '../store';
import { checkArrayLimit, commitOrderChange, userError, type UserError } from './common';

export interface ReturnInput {
  orderId: string;
  requestedAt?: string | null;
  returnLineItems: { fulfillmentLineItemId: string; quantity: number; returnReasonNote?: string | null }[];
}

/** Units of a fulfillment line already on returns (not declined or cancelled). */
function returnedQuantity(order: OrderRecord, fulfillmentLineItemId: string): number {
  return order.returns
    .filter((entry) => entry.status !== 'CANCELED' && entry.status !== 'DECLINED')
    .flatMap((entry) => entry.returnLineItems)
    .filter((item) => item.sim.fulfillmentLineItemId === fulfillmentLineItemId)
    .reduce((sum, item) => sum + item.quantity, 0);
}

/** returnCreate: an open return for fulfilled units (for information; refunds move the money). */
export function returnCreate(
  store: ShopStore,
  input: ReturnInput,
): { return: ReturnRecord | null; userErrors: UserError[] } {
  checkArrayLimit('returnLineItems', input.returnLineItems);
  const order = store.order(input.orderId);
  if (!order)
    return {
      return: null,
      userErrors: [userError(['returnInput', 'orderId'], 'Order does not exist', 'NOT_FOUND')],
    };
  const errors: UserError[] = [];
  if (input.returnLineItems.length === 0) {
    errors.push(
      userError(['returnInput', 'returnLineItems'], 'Return must have at least one line item', 'BLANK'),
    );
  }
  const requested = new Map<string, number>();
  const items = input.returnLineItems.map((item, index) => {
    const path = ['returnInput', 'returnLineItems', String(index)];
    const fulfillmentLine = order.fulfillments
      .filter((fulfillment) => fulfillment.status === 'SUCCESS')
      .flatMap((fulfillment) => fulfillment.fulfillmentLineItems)
      .find((candidate) => candidate.id === item.fulfillmentLineItemId);
    if (!fulfillmentLine) {
      errors.push(
        userError([...path, 'fulfillmentLineItemId'], 'Fulfillment line item does not exist', 'NOT_FOUND'),
      );
      return null;
    }
    const already = returnedQuantity(order, fulfillmentLine.id) + (requested.get(fulfillmentLine.id) ?? 0);
    requested.set(fulfillmentLine.id, (requested.get(fulfillmentLine.id) ?? 0) + item.quantity);
    if (item.quantity <= 0)
      errors.push(userError([...path, 'quantity'], 'Quantity must be greater than 0', 'GREATER_THAN'));
    else if (item.quantity + already > fulfillmentLine.quantity) {
      errors.push(
        userError(
          [...path, 'quantity'],
          'Quantity cannot be greater than the returnable quantity',
          'INVALID',
        ),
      );
    }
    return { item, fulfillmentLine: fulfillmentLine as FulfillmentLineItemRecord };
  });
  if (errors.length > 0) return { return: null, userErrors: errors };
  const now = input.requestedAt ? new Date(input.requestedAt).toISOString() : store.timestamp();
  const record: ReturnRecord = {
    __typename: 'Return',
    id: store.newId('Return'),
    name: `${order.name}-R${order.returns.length + 1}`,
    status: 'OPEN',
    createdAt: now,
    closedAt: null,
    requestApprovedAt: now,
    totalQuantity: 0,
    returnLineItems: [],
    sim: { orderId: order.id },
  };
  for (const entry of items) {
    if (!entry) continue;
    record.totalQuantity += entry.item.quantity;
    record.returnLineItems.push(
      store.register({
        __typename: 'ReturnLineItem',
        id: store.newId('ReturnLineItem'),
        quantity: entry.item.quantity,
        processedQuantity: 0,
        processableQuantity: entry.item.quantity,
        unprocessedQuantity: entry.item.quantity,
        refundableQuantity: entry.item.quantity,
        refundedQuantity: 0,
        returnReasonNote: entry.item.returnReasonNote ?? '',
        customerNote: null,
        sim: {
          fulfillmentLineItemId: entry.fulfillmentLine.id,
          lineItemId: entry.fulfillmentLine.sim.lineItemId,
        },
      }),
    );
  }
  order.returns.push(store.register(record));
  commitOrderChange(store, order);
  return { return: record, userErrors: [] };
}

/** returnClose: the return is done; the order's returnStatus becomes RETURNED when none is open. */
export function returnClose(
  store: ShopStore,
  id: string,
): { return: ReturnRecord | null; userErrors: UserError[] } {
  const record = store.nodeOfType<ReturnRecord>(id, 'Return');
  if (!record) return { return: null, userErrors: [userError(['id'], 'Return does not exist', 'NOT_FOUND')] };
  if (record.status !== 'OPEN')
    return { return: record, userErrors: [userError(['id'], 'Return is not open', 'INVALID_STATE')] };
  record.status = 'CLOSED';
  record.closedAt = store.timestamp();
  const order = store.order(record.sim.orderId)!;
  commitOrderChange(store, order);
  return { return: record, userErrors: [] };
}
