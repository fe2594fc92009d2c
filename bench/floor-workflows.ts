/**
 * The Temporal shape of one new order with its work taken out, for bench/temporal-floor.ts: the
 * order workflow's name, signal, patch marker, one local activity for import and document, and the
 * search-attribute upsert, then waiting as an order waits for its shipment. What it costs the dev
 * server and the worker is what one order workflow costs before any Shopify or Postgres work.
 */
import {
  condition,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { shopifyOrderChangedSignal, type OrderStage } from '../workflows/messages';
import { IMPORT_WITH_DOCUMENT_PATCH } from '../workflows/order';
import { ORDER_HAS_ERROR, ORDER_STAGE, SHOPIFY_ORDER_NAME } from '../workflows/search-attributes';
import type { FloorActivities } from './floor-activities';

/** Named as production's, so the production dispatch (signal-with-start) starts it. */
export async function orderWorkflow(input: { store: string; shopifyOrderId: string }): Promise<void> {
  const step = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });
  let changes = 0;
  setHandler(shopifyOrderChangedSignal, () => {
    changes += 1;
  });
  await condition(() => changes > 0);
  patched(IMPORT_WITH_DOCUMENT_PATCH);
  const result = await step.importOrderWithDocument(input.shopifyOrderId);
  const stage: OrderStage = 'waiting-for-fulfilment';
  upsertSearchAttributes([
    { key: SHOPIFY_ORDER_NAME, value: result.orderName },
    { key: ORDER_STAGE, value: stage },
    { key: ORDER_HAS_ERROR, value: false },
  ]);
  await condition(() => changes > 1);
}
