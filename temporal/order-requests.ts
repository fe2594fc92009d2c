import type { Client } from '@temporalio/client';
import {
  assignCustomerUpdate,
  closeOrderUpdate,
  createDocumentUpdate,
  mapCustomerUpdate,
  newCustomerFromTemplateUpdate,
  orderStatusQuery,
  orderWorkflowId,
  retryUpdate,
  type OrderRequestAnswer,
  type OrderStatus,
} from '../workflows/messages';

/** Which order's workflow: the store and Shopify's order id key it. */
export interface OrderWorkflowKey {
  store: string;
  shopifyOrderId: string;
}

function orderWorkflow(client: Client, order: OrderWorkflowKey) {
  return client.workflow.getHandle(orderWorkflowId(order.store, order.shopifyOrderId));
}

/** The running workflow's view of the order (its stage, problems, closing). */
export function queryOrderStatus(client: Client, order: OrderWorkflowKey): Promise<OrderStatus> {
  return orderWorkflow(client, order).query(orderStatusQuery);
}

/** Operator: try the failed step again now; answers with what that step came to. */
export function requestOrderRetry(client: Client, order: OrderWorkflowKey): Promise<OrderRequestAnswer> {
  return orderWorkflow(client, order).executeUpdate(retryUpdate);
}

/** Operator: check now whether the order can close, and close it; answers with the outcome. */
export function requestOrderClose(client: Client, order: OrderWorkflowKey): Promise<OrderRequestAnswer> {
  return orderWorkflow(client, order).executeUpdate(closeOrderUpdate);
}

/** Operator fixes: each is a validated update that answers with the order's new status. */
export type OrderFix =
  | { fix: 'create-document' }
  | { fix: 'assign-customer'; sellToCustomerNo: string; billToCustomerNo?: string }
  | { fix: 'new-customer'; templateCode: string }
  | { fix: 'map-customer'; customerNo: string };

export function sendOrderFix(
  client: Client,
  order: OrderWorkflowKey,
  request: OrderFix,
): Promise<OrderStatus> {
  const workflow = orderWorkflow(client, order);
  switch (request.fix) {
    case 'create-document':
      return workflow.executeUpdate(createDocumentUpdate);
    case 'assign-customer':
      return workflow.executeUpdate(assignCustomerUpdate, {
        args: [
          {
            sellToCustomerNo: request.sellToCustomerNo,
            ...(request.billToCustomerNo ? { billToCustomerNo: request.billToCustomerNo } : {}),
          },
        ],
      });
    case 'new-customer':
      return workflow.executeUpdate(newCustomerFromTemplateUpdate, {
        args: [{ templateCode: request.templateCode }],
      });
    case 'map-customer':
      return workflow.executeUpdate(mapCustomerUpdate, { args: [{ customerNo: request.customerNo }] });
  }
}
