import type { RefundProblem } from '../domain/refund-problems';
import type { RefundCreditMemo } from '../workflows/refund-messages';

/**
 * What the refund activities take and give back: ids and small status only. Types only:
 * workflows import this file.
 */

export interface CreditMemoRequest {
  store: string;
  shopifyRefundId: string;
  requestedBy: 'automatic' | 'operator';
}

export type CreditMemoOutcome =
  | 'created'
  | 'exists'
  | 'payment-pending'
  | 'waiting-for-operator'
  | 'waiting-for-document'
  | 'blocked'
  | 'refused';

export interface CreditMemoAttempt {
  outcome: CreditMemoOutcome;
  orderName: string;
  /** Set for created and exists. */
  creditMemo?: RefundCreditMemo;
  /** What blocks or refuses it, or warnings beside a created memo. */
  problems: RefundProblem[];
}

export interface OrderReimportRequest {
  store: string;
  shopifyOrderId: string;
}
