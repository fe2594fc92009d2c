import type { RefundProblem } from '../../domain/refund-problems';
import type { RefundCreditMemo } from '../refund-messages';

/**
 * What the refund workflow asks of activities: ids and small status only. Types only; activities/
 * implements RefundActivities.
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

export interface RefundActivities {
  createCreditMemoForRefund(input: CreditMemoRequest): Promise<CreditMemoAttempt>;
  requestOrderReimport(input: OrderReimportRequest): Promise<void>;
}
