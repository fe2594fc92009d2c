import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { invoicePostedSignal, orderWorkflowId, shipmentPostedSignal } from '../workflows/messages';
import { orderStaticDetails, orderStaticSummary } from '../domain/order-metadata';
import type { OrderWorkflowInput } from '../workflows/order';
import type { OrderTimings } from '../workflows/order-timings';
import {
  ORDER_HAS_ERROR,
  ORDER_STAGE,
  SHOPIFY_ORDER_NAME,
  SHOP_CODE,
  SHOP_DOMAIN,
} from '../workflows/search-attributes';

export interface ShipmentDispatch {
  store: string;
  shopifyOrderId: string;
  orderName: string;
  shopCode: string;
  shipmentId: number;
}

/**
 * Wakes the order's workflow with a posted shipment (signal-with-start): a running workflow sends
 * it to Shopify; when none runs (the order's last run ended) a new one imports the order and
 * sends it. Repeating this for one shipment is harmless: the workflow and the shipment's sync
 * record both recognise it.
 */
export async function notifyShipmentPosted(
  client: Client,
  taskQueue: string,
  dispatch: ShipmentDispatch,
  timings?: OrderTimings,
): Promise<void> {
  const input: OrderWorkflowInput = {
    store: dispatch.store,
    shopifyOrderId: dispatch.shopifyOrderId,
    ...(timings ? { timings } : {}),
  };
  await client.workflow.signalWithStart('orderWorkflow', {
    workflowId: orderWorkflowId(dispatch.store, dispatch.shopifyOrderId),
    taskQueue,
    args: [input],
    signal: shipmentPostedSignal,
    // The Temporal UI's list shows these (a new run only: a running workflow keeps its own).
    staticSummary: orderStaticSummary({
      orderName: dispatch.orderName,
      shopifyOrderId: dispatch.shopifyOrderId,
      shopCode: dispatch.shopCode,
    }),
    staticDetails: orderStaticDetails(dispatch),
    signalArgs: [{ shipmentId: dispatch.shipmentId, shopCode: dispatch.shopCode }],
    typedSearchAttributes: [
      { key: SHOP_CODE, value: dispatch.shopCode },
      { key: SHOP_DOMAIN, value: dispatch.store },
      { key: SHOPIFY_ORDER_NAME, value: dispatch.orderName },
      { key: ORDER_STAGE, value: 'importing' },
      { key: ORDER_HAS_ERROR, value: false },
    ],
  });
}

/**
 * Tells a running order workflow that an invoice was posted (it may close the order now). No
 * running workflow is fine: the order is closed already, or its next run looks for itself.
 */
export async function notifyInvoicePosted(
  client: Client,
  order: { store: string; shopifyOrderId: string },
): Promise<'signalled' | 'no-running-workflow'> {
  try {
    await client.workflow
      .getHandle(orderWorkflowId(order.store, order.shopifyOrderId))
      .signal(invoicePostedSignal);
    return 'signalled';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'no-running-workflow';
    throw error;
  }
}
