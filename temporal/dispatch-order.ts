import type { Client } from '@temporalio/client';
import { orderWorkflowId, shopifyOrderChangedSignal, type ShopifyOrderChanged } from '../workflows/messages';
import type { OrderWorkflowInput } from '../workflows/order';
import type { OrderTimings } from '../workflows/order-timings';
import {
  ORDER_HAS_ERROR,
  ORDER_STAGE,
  SHOPIFY_ORDER_NAME,
  SHOP_CODE,
  SHOP_DOMAIN,
} from '../workflows/search-attributes';

export interface OrderDispatch {
  store: string;
  shopifyOrderId: string;
  orderName: string;
  change: ShopifyOrderChanged;
}

/**
 * Wakes the order's workflow with a change, starting it when none runs (signal-with-start).
 * The workflow id is per store, so two shop cards or a sync and a webhook can never start two.
 */
export async function dispatchOrderChange(
  client: Client,
  taskQueue: string,
  dispatch: OrderDispatch,
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
    signal: shopifyOrderChangedSignal,
    signalArgs: [dispatch.change],
    typedSearchAttributes: [
      { key: SHOP_CODE, value: dispatch.change.shopCode },
      { key: SHOP_DOMAIN, value: dispatch.store },
      { key: SHOPIFY_ORDER_NAME, value: dispatch.orderName },
      { key: ORDER_STAGE, value: 'importing' },
      { key: ORDER_HAS_ERROR, value: false },
    ],
  });
}
