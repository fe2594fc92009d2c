import type { Client } from '@temporalio/client';
import { retrySignal } from '../workflows/messages';

/**
 * Signals every running order workflow of a shop card that shows an error to try again now,
 * instead of at its next backed-off re-check: used once the card's credentials are fixed.
 * Returns how many were woken; visibility may lag a second behind the newest workflows.
 */
export async function wakeWaitingOrders(client: Client, shopCode: string): Promise<number> {
  const query =
    `WorkflowType = 'orderWorkflow' AND ExecutionStatus = 'Running' AND ` +
    `ShopCode = '${shopCode.replace(/'/g, "\\'")}' AND OrderHasError = true`;
  let woken = 0;
  for await (const execution of client.workflow.list({ query })) {
    await client.workflow.getHandle(execution.workflowId).signal(retrySignal);
    woken += 1;
  }
  return woken;
}
