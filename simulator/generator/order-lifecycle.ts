import {
  adminClientFor,
  assertNoUserErrors,
  required,
  ScenarioError,
  type ShopifyTarget,
} from './admin-client';
import {
  ScenarioOrderCancelDocument,
  ScenarioOrderCloseDocument,
  ScenarioOrderMarkAsPaidDocument,
  ScenarioOrderStatusDocument,
  ScenarioTagsAddDocument,
  type OrderCancelReason,
} from './generated/graphql';

export interface CancelOrderRequest {
  reason?: OrderCancelReason;
  /** Put the unshipped goods back on stock (default true). */
  restock?: boolean;
  /** Pay the customer back to the original payment methods (default true). */
  refund?: boolean;
  notifyCustomer?: boolean;
  staffNote?: string;
}

export interface OrderStatus {
  id: string;
  name: string;
  cancelledAt: string | null;
  closed: boolean;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
}

/** How long cancelOrder waits for Shopify's cancellation job before it gives up. */
const CANCEL_WAIT_MS = 10_000;

/**
 * Cancels with orderCancel. Shopify finishes a cancellation as a background job, so this waits
 * until the order reports cancelledAt, and returns that status.
 */
export async function cancelOrder(
  target: ShopifyTarget,
  orderId: string,
  request: CancelOrderRequest = {},
): Promise<OrderStatus> {
  const client = adminClientFor(target);
  const result = await client.request(ScenarioOrderCancelDocument, {
    orderId,
    reason: request.reason ?? 'CUSTOMER',
    restock: request.restock ?? true,
    refundMethod: { originalPaymentMethodsRefund: request.refund ?? true },
    notifyCustomer: request.notifyCustomer ?? false,
    ...(request.staffNote ? { staffNote: request.staffNote } : {}),
  });
  const payload = required(result.orderCancel, `orderCancel for ${orderId}`);
  assertNoUserErrors('orderCancel', orderId, payload.orderCancelUserErrors);
  const deadline = Date.now() + CANCEL_WAIT_MS;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const status = await readOrderStatus(target, orderId);
    if (status.cancelledAt) return status;
    if (Date.now() > deadline) {
      throw new ScenarioError(
        `Order ${status.name} is still not cancelled ${CANCEL_WAIT_MS / 1000} s after orderCancel.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

export async function readOrderStatus(target: ShopifyTarget, orderId: string): Promise<OrderStatus> {
  const result = await adminClientFor(target).request(ScenarioOrderStatusDocument, { id: orderId });
  return { ...required(result.order, `order ${orderId}`) };
}

/** Records payment of what is outstanding (a manual payment, or the capture of an authorization). */
export async function markOrderAsPaid(target: ShopifyTarget, orderId: string): Promise<string | null> {
  const result = await adminClientFor(target).request(ScenarioOrderMarkAsPaidDocument, {
    input: { id: orderId },
  });
  const payload = required(result.orderMarkAsPaid, `orderMarkAsPaid for ${orderId}`);
  assertNoUserErrors('orderMarkAsPaid', orderId, payload.userErrors);
  return required(payload.order, `orderMarkAsPaid for ${orderId}: order`).displayFinancialStatus ?? null;
}

/** Archives the order (orderClose), as Shopify does once it is paid and fulfilled. */
export async function closeOrder(
  target: ShopifyTarget,
  orderId: string,
): Promise<{ closed: boolean; closedAt: string | null }> {
  const result = await adminClientFor(target).request(ScenarioOrderCloseDocument, { input: { id: orderId } });
  const payload = required(result.orderClose, `orderClose for ${orderId}`);
  assertNoUserErrors('orderClose', orderId, payload.userErrors);
  const order = required(payload.order, `orderClose for ${orderId}: order`);
  return { closed: order.closed, closedAt: order.closedAt ?? null };
}

/** Adds tags (kept as typed: Shopify tag filters are case sensitive). Editing tags makes an order "updated". */
export async function addOrderTags(
  target: ShopifyTarget,
  orderId: string,
  tags: readonly string[],
): Promise<void> {
  const result = await adminClientFor(target).request(ScenarioTagsAddDocument, {
    id: orderId,
    tags: [...tags],
  });
  const payload = required(result.tagsAdd, `tagsAdd for ${orderId}`);
  assertNoUserErrors('tagsAdd', orderId, payload.userErrors);
}
