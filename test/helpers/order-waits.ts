import type { Client } from '@temporalio/client';
import { orderStatusQuery, orderWorkflowId, type OrderStatus } from '../../workflows/messages';

/** Polls the order workflow's state query until `done` holds (real time: no time skipping offline). */
export async function waitForOrder(
  client: Client,
  store: string,
  shopifyOrderId: string,
  done: (status: OrderStatus) => boolean,
  timeoutMs = 30_000,
): Promise<OrderStatus> {
  const handle = client.workflow.getHandle(orderWorkflowId(store, shopifyOrderId));
  const deadline = Date.now() + timeoutMs;
  let last: OrderStatus | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await handle.query(orderStatusQuery);
      if (done(last)) return last;
    } catch (error) {
      lastError = error; // not started yet, or between runs
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Order ${shopifyOrderId} did not reach the expected state in ${timeoutMs} ms; last state: ${JSON.stringify(last) ?? String(lastError)}`,
  );
}

export const hasDocument = (status: OrderStatus) => status.document !== undefined;
export const needsAttention = (status: OrderStatus) => status.stage === 'needs-attention';
