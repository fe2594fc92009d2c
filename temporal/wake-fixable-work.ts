import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ConfigurationChange } from '../domain/configuration-fixes';
import { findWorkFixableByChange, type WorkFixableByChange } from '../erp/services/settings';
import type { ErpContext } from '../erp/services/shared';
import { orderWorkflowId, retrySignal } from '../workflows/messages';
import { dispatchRefund } from './dispatch-refund';

export interface WokenWork {
  orders: number;
  refunds: number;
  /** Orders whose workflow no longer runs (closed, or never started): nothing to wake. */
  ordersNotRunning: number;
}

/** Signals in flight at once: enough to wake hundreds within seconds, few enough for one frontend. */
const WAKE_CONCURRENCY = 8;

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += WAKE_CONCURRENCY)
    await Promise.all(items.slice(start, start + WAKE_CONCURRENCY).map(work));
}

/**
 * Wakes the workflows of orders and refunds whose problem a configuration change can fix, through
 * the re-check an operator would ask for: the order's `retry` signal, the refund's `refundChanged`
 * (its workflow is started when none runs). They check again now instead of after their back-off.
 */
export async function wakeFixableWork(
  client: Client,
  taskQueue: string,
  work: WorkFixableByChange,
): Promise<WokenWork> {
  const woken: WokenWork = { orders: 0, refunds: 0, ordersNotRunning: 0 };
  await inBatches(work.orders, async (order) => {
    try {
      await client.workflow.getHandle(orderWorkflowId(order.store, order.shopifyOrderId)).signal(retrySignal);
      woken.orders += 1;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      woken.ordersNotRunning += 1;
    }
  });
  await inBatches(work.refunds, async (refund) => {
    await dispatchRefund(client, taskQueue, {
      store: refund.store,
      shopifyRefundId: refund.shopifyRefundId,
      shopifyOrderId: refund.shopifyOrderId,
      shopCode: refund.shopCode,
      orderName: refund.orderName,
      source: 'operator',
    });
    woken.refunds += 1;
  });
  return woken;
}

/**
 * After a configuration change is saved: finds the orders and refunds whose open problem it can fix
 * (of one shop card, when the change is the card's own) and wakes them. Shared by the CLI and any
 * other front end that changes configuration.
 */
export async function wakeWorkFixedByChange(
  erp: ErpContext,
  client: Client,
  taskQueue: string,
  change: ConfigurationChange,
  shopCode?: string,
): Promise<WokenWork> {
  return wakeFixableWork(client, taskQueue, await findWorkFixableByChange(erp, change, shopCode));
}
