import type { Client } from '@temporalio/client';
import { createCreditMemoUpdate, refundWorkflowId, type RefundStatus } from '../workflows/refund-messages';

/** Operator: make the refund's credit memo now; answers with the refund's status. */
export function requestCreditMemo(
  client: Client,
  refund: { store: string; shopifyRefundId: string },
): Promise<RefundStatus> {
  return client.workflow
    .getHandle(refundWorkflowId(refund.store, refund.shopifyRefundId))
    .executeUpdate(createCreditMemoUpdate);
}
