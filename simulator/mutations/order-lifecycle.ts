import { Amounts } from '../money';
import { newTransaction } from '../order-parts';
import type { CustomerRecord, OrderRecord, ProductRecord } from '../records';
import type { ShopStore, StoreEvent } from '../store';
import { commitOrderChange, userError, type UserError } from './common';
import { normaliseTags } from './order-create';
import { createRefund } from './refund';

interface OrderPayload {
  order: OrderRecord | null;
  userErrors: UserError[];
}

const missingOrder = (field: string[]): OrderPayload => ({
  order: null,
  userErrors: [userError(field, 'Order does not exist')],
});

/**
 * orderClose: archives the order (idempotent, as Shopify's). An order with a return still open
 * is refused: its return has work left (the simulator's rule; Shopify documents no reasons).
 */
export function orderClose(store: ShopStore, input: { id: string }): OrderPayload {
  const order = store.order(input.id);
  if (!order) return missingOrder(['input', 'id']);
  if (
    !order.closed &&
    order.returns.some((entry) => entry.status === 'OPEN' || entry.status === 'REQUESTED')
  ) {
    return {
      order,
      userErrors: [userError(['input', 'id'], 'Order has an open return and cannot be archived')],
    };
  }
  if (!order.closed) {
    order.closed = true;
    order.closedAt = store.timestamp();
    commitOrderChange(store, order, [], order.closedAt);
  }
  return { order, userErrors: [] };
}

/** orderOpen: un-archives the order. */
export function orderOpen(store: ShopStore, input: { id: string }): OrderPayload {
  const order = store.order(input.id);
  if (!order) return missingOrder(['input', 'id']);
  if (order.closed) {
    order.closed = false;
    order.closedAt = null;
    commitOrderChange(store, order);
  }
  return { order, userErrors: [] };
}

/** orderMarkAsPaid: a manual sale for what is outstanding. */
export function orderMarkAsPaid(store: ShopStore, input: { id: string }): OrderPayload {
  const order = store.order(input.id);
  if (!order) return missingOrder(['input', 'id']);
  if (!order.canMarkAsPaid) {
    return { order, userErrors: [userError(['input', 'id'], 'Order cannot be marked as paid.')] };
  }
  newTransaction(store, order, {
    kind: 'SALE',
    status: 'SUCCESS',
    gateway: 'manual',
    amount: Amounts.fromBag(order.totalOutstandingSet),
  });
  commitOrderChange(store, order);
  return { order, userErrors: [] };
}

export interface OrderCancelArgs {
  orderId: string;
  reason: NonNullable<OrderRecord['cancelReason']>;
  refund?: boolean | null;
  refundMethod?: { originalPaymentMethodsRefund?: boolean | null } | null;
  restock: boolean;
  notifyCustomer?: boolean | null;
  staffNote?: string | null;
}

/**
 * orderCancel: Shopify runs it as a job; here the job is done when the answer comes. Unfulfilled
 * work is cancelled, authorizations are voided, and with `refund` the net payment goes back.
 */
export function orderCancel(store: ShopStore, args: OrderCancelArgs) {
  const order = store.order(args.orderId);
  const jobId = store.newId('Job');
  const failed = (error: UserError) => ({
    job: null,
    jobResult: null,
    orderCancelUserErrors: [error],
    userErrors: [error],
  });
  if (!order) return failed(userError(['orderId'], 'Order does not exist', 'NOT_FOUND'));
  if (order.cancelledAt) return failed(userError(['orderId'], 'Order has already been cancelled', 'INVALID'));
  if (order.fulfillments.some((fulfillment) => fulfillment.status === 'SUCCESS')) {
    return failed(userError(['orderId'], 'Cannot cancel an order that has fulfillments', 'INVALID'));
  }
  const events: StoreEvent[] = [];
  const wantsRefund = Boolean(args.refund ?? args.refundMethod?.originalPaymentMethodsRefund ?? false);
  if (wantsRefund && order.lineItems.some((line) => line.currentQuantity > 0)) {
    const result = createRefund(store, {
      orderId: order.id,
      note: args.staffNote ?? null,
      refundLineItems: order.lineItems
        .filter((line) => line.currentQuantity > 0)
        .map((line) => ({
          lineItemId: line.id,
          quantity: line.currentQuantity,
          restockType: args.restock ? 'CANCEL' : 'NO_RESTOCK',
        })),
      shipping: { fullRefund: true },
      refundAll: true,
    });
    if (result.refund) events.push({ kind: 'refund-created', order, refundId: result.refund.id });
  }
  // Authorizations not captured are voided.
  for (const authorization of order.transactions.filter(
    (transaction) => transaction.kind === 'AUTHORIZATION' && transaction.status === 'SUCCESS',
  )) {
    const captured = order.transactions.some(
      (transaction) =>
        transaction.sim.parentTransactionId === authorization.id &&
        ['CAPTURE', 'VOID'].includes(transaction.kind),
    );
    if (!captured) {
      newTransaction(store, order, {
        kind: 'VOID',
        status: 'SUCCESS',
        gateway: authorization.gateway,
        amount: Amounts.fromBag(authorization.amountSet),
        parentTransactionId: authorization.id,
      });
    }
  }
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    if (fulfillmentOrder.status === 'CLOSED') continue;
    fulfillmentOrder.status = 'CANCELLED';
    for (const item of fulfillmentOrder.lineItems) item.remainingQuantity = 0;
    fulfillmentOrder.updatedAt = store.timestamp();
  }
  const now = store.timestamp();
  order.cancelledAt = now;
  order.cancelReason = args.reason;
  order.closed = true;
  order.closedAt = now;
  commitOrderChange(
    store,
    order,
    [{ kind: 'order-cancelled', order }, ...events, { kind: 'order-updated', order }],
    now,
  );
  return {
    job: { __typename: 'Job', id: jobId, done: true },
    jobResult: {
      __typename: 'OrderCancelJobResult',
      id: jobId,
      done: true,
      status: 'SUCCEEDED',
      errors: [],
      order,
    },
    orderCancelUserErrors: [],
    userErrors: [],
  };
}

type Taggable = OrderRecord | CustomerRecord | ProductRecord;

function taggable(store: ShopStore, id: string): Taggable | undefined {
  const node = store.node<Taggable>(id);
  return node && ['Order', 'Customer', 'Product'].includes(node.__typename) ? node : undefined;
}

/** tagsAdd / tagsRemove on orders, customers and products; order changes bump updatedAt. */
export function changeTags(store: ShopStore, id: string, tags: string[], mode: 'add' | 'remove') {
  const node = taggable(store, id);
  if (!node) return { node: null, userErrors: [userError(['id'], 'Node does not exist')] };
  const wanted = normaliseTags(tags);
  const before = node.tags.join('\u0000');
  if (mode === 'add') node.tags = normaliseTags([...node.tags, ...wanted]);
  else {
    const removed = new Set(wanted.map((tag) => tag.toLowerCase()));
    node.tags = node.tags.filter((tag) => !removed.has(tag.toLowerCase()));
  }
  if (node.tags.join('\u0000') !== before) {
    if (node.__typename === 'Order') commitOrderChange(store, node);
    else node.updatedAt = store.timestamp();
  }
  return { node, userErrors: [] };
}
