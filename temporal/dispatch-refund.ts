import type { Client } from '@temporalio/client';
import { refundChangedSignal, refundWorkflowId, type RefundChanged } from '../workflows/refund-messages';
import type { RefundWorkflowInput } from '../workflows/refund';
import type { RefundTimings } from '../workflows/refund-timings';
import {
  ORDER_HAS_ERROR,
  REFUND_STAGE,
  SHOPIFY_ORDER_NAME,
  SHOP_CODE,
  SHOP_DOMAIN,
} from '../workflows/search-attributes';

export interface RefundDispatch {
  store: string;
  shopifyRefundId: string;
  shopifyOrderId: string;
  shopCode: string;
  orderName: string;
  source: RefundChanged['source'];
}

/**
 * Wakes the refund's workflow, starting it when none runs (signal-with-start): one workflow per
 * refund and store, however many imports or operators ask at once.
 */
export async function dispatchRefund(
  client: Client,
  taskQueue: string,
  dispatch: RefundDispatch,
  timings?: RefundTimings,
): Promise<void> {
  const input: RefundWorkflowInput = {
    store: dispatch.store,
    shopifyRefundId: dispatch.shopifyRefundId,
    shopifyOrderId: dispatch.shopifyOrderId,
    shopCode: dispatch.shopCode,
    orderName: dispatch.orderName,
    ...(timings ? { timings } : {}),
  };
  await client.workflow.signalWithStart('refundWorkflow', {
    workflowId: refundWorkflowId(dispatch.store, dispatch.shopifyRefundId),
    taskQueue,
    args: [input],
    signal: refundChangedSignal,
    signalArgs: [{ source: dispatch.source }],
    typedSearchAttributes: [
      { key: SHOP_CODE, value: dispatch.shopCode },
      { key: SHOP_DOMAIN, value: dispatch.store },
      { key: SHOPIFY_ORDER_NAME, value: dispatch.orderName },
      { key: REFUND_STAGE, value: 'checking' },
      { key: ORDER_HAS_ERROR, value: false },
    ],
  });
}
