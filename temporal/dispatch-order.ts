import type { Client } from '@temporalio/client';
import { orderWorkflowId, shopifyOrderChangedSignal, type ShopifyOrderChanged } from '../workflows/messages';
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

export interface OrderDispatch {
  store: string;
  shopifyOrderId: string;
  /** Unknown to a webhook that names only the order's id; the workflow publishes it once imported. */
  orderName?: string;
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
    // The Temporal UI's list shows these (a new run only: a running workflow keeps its own).
    staticSummary: orderStaticSummary({
      orderName: dispatch.orderName,
      shopifyOrderId: dispatch.shopifyOrderId,
      shopCode: dispatch.change.shopCode,
    }),
    staticDetails: orderStaticDetails(dispatch),
    signalArgs: [dispatch.change],
    typedSearchAttributes: [
      { key: SHOP_CODE, value: dispatch.change.shopCode },
      { key: SHOP_DOMAIN, value: dispatch.store },
      ...(dispatch.orderName ? [{ key: SHOPIFY_ORDER_NAME, value: dispatch.orderName }] : []),
      { key: ORDER_STAGE, value: 'importing' },
      { key: ORDER_HAS_ERROR, value: false },
    ],
  });
}
