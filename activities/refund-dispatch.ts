import { refundsAwaitingCreditMemo } from '../erp/services/refunds';
import { dispatchRefund } from '../temporal/dispatch-refund';
import type { ActivityDeps } from './deps';

/**
 * The order import's hook (SPEC §6): every refund of the order that will get a credit memo and has
 * none yet wakes (or starts) its refund workflow. An import after the order was closed in Shopify
 * runs the same way, so a refund made after close reaches the ERP too. Returns how many it woke.
 * A caller that knows the order has no refund (mayHaveRefunds of its snapshot) says so and the
 * database is not asked.
 */
export async function dispatchRefundsOfOrder(
  deps: ActivityDeps,
  importedOrderId: number,
  known: { mayHaveRefunds?: boolean } = {},
): Promise<number> {
  // The caller read the order's snapshot: without a refund in it there is nothing to wake or query.
  if (known.mayHaveRefunds === false) return 0;
  const awaiting = await refundsAwaitingCreditMemo(deps.orm, importedOrderId);
  if (!awaiting) return 0;
  const { order } = awaiting;
  for (const shopifyRefundId of awaiting.shopifyRefundIds) {
    await dispatchRefund(
      deps.temporalClient,
      deps.taskQueue,
      {
        store: order.store,
        shopifyRefundId,
        shopifyOrderId: order.shopifyOrderId,
        shopCode: order.shopCode,
        orderName: order.name,
        source: 'import',
      },
      deps.orderTimings,
    );
  }
  return awaiting.shopifyRefundIds.length;
}
