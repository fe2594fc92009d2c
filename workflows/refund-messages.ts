import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { RefundProblem } from '../domain/refund-problems';

/**
 * Messages of the refund workflow (one per Shopify refund: refund → credit memo), shared by
 * workflows/, activities/ and client/. Ids and small status only; the refund lives in PostgreSQL.
 */

/** Where a refund is on its way to a credit memo; also the RefundStage search attribute. */
export type RefundStage =
  | 'checking'
  | 'waiting-for-operator'
  | 'waiting-for-payment'
  | 'waiting-for-order-document'
  | 'needs-attention'
  | 'credit-memo-created'
  | 'refused';

/** The order import saw the refund again (fresher data), or an operator started the workflow. */
export interface RefundChanged {
  source: 'import' | 'operator';
}

export const refundChangedSignal = defineSignal<[RefundChanged]>('refundChanged');

/** Operator: create the credit memo now (import-only shops, or after fixing a problem). */
export const createCreditMemoUpdate = defineUpdate<RefundStatus, []>('createCreditMemo');

export interface RefundCreditMemo {
  documentNo: string;
  status: 'open' | 'released';
  amountIncludingTax: string;
  isoCode: string;
  rounding: string;
}

/** What the Temporal UI and `orderbridge refund show` see. */
export interface RefundStatus {
  store: string;
  shopifyRefundId: string;
  shopifyOrderId: string;
  shopCode: string;
  orderName: string;
  stage: RefundStage;
  hasError: boolean;
  problems: RefundProblem[];
  creditMemo?: RefundCreditMemo;
  /** Credit memo attempts made so far. */
  attempts: number;
  operatorRequested: boolean;
}

export const refundStatusQuery = defineQuery<RefundStatus>('refundStatus');

/** Deterministic id, readable in the Temporal UI: `refund:acme.myshopify.com:998877`. */
export function refundWorkflowId(store: string, shopifyRefundId: string): string {
  return `refund:${store}:${shopifyRefundId.slice(shopifyRefundId.lastIndexOf('/') + 1)}`;
}
