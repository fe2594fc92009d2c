import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OrderProblem } from '../domain/order-problems';

/**
 * Messages of the order workflow, shared by workflows/ and client/. Payloads are ids and small
 * status only: the order itself lives in PostgreSQL, never in workflow history.
 */

/** Where an order is in its life; also the OrderStage search attribute. */
export type OrderStage =
  | 'importing'
  | 'imported'
  | 'mapping'
  | 'needs-attention'
  | 'document-created'
  | 'waiting-for-fulfilment'
  | 'closing'
  | 'closed'
  | 'skipped';

/** A Shopify change worth re-importing: sent by order sync (polling) and by webhooks (doorbell). */
export interface ShopifyOrderChanged {
  /** The shop card that dispatched it; the first one to claim the order keeps it. */
  shopCode: string;
  /** Shopify's updatedAt of the change; older or equal ones are ignored. */
  shopifyUpdatedAt: string;
  /** Why: 'sync' | 'webhook' | 'operator'. */
  source: 'sync' | 'webhook' | 'operator';
}

export const shopifyOrderChangedSignal = defineSignal<[ShopifyOrderChanged]>('shopifyOrderChanged');

/** Operator: try the failed step again now (after fixing a mapping, an exchange rate...). */
export const retrySignal = defineSignal<[]>('retry');

/** Operator: create the sales document now (shops without auto create orders). */
export interface CreateDocumentResult {
  documentType: 'order' | 'invoice';
  documentNo: string;
  status: 'open' | 'released';
}
export const createDocumentUpdate = defineUpdate<OrderStatus, []>('createDocument');

/** Operator fixes for a missing customer (SPEC §4.2). Each answers with the new status. */
export const assignCustomerUpdate = defineUpdate<
  OrderStatus,
  [{ sellToCustomerNo: string; billToCustomerNo?: string }]
>('assignCustomer');
export const newCustomerFromTemplateUpdate = defineUpdate<OrderStatus, [{ templateCode: string }]>(
  'newCustomerFromTemplate',
);
export const mapCustomerUpdate = defineUpdate<OrderStatus, [{ customerNo: string }]>('mapCustomer');

/** What the Temporal UI and `orderbridge order show` see. */
export interface OrderStatus {
  store: string;
  shopifyOrderId: string;
  shopCode?: string;
  orderName?: string;
  stage: OrderStage;
  hasError: boolean;
  problems: OrderProblem[];
  conflict?: string;
  importedOrderId?: number;
  document?: CreateDocumentResult & { totalDifference?: string };
  lastShopifyUpdatedAt?: string;
  imports: number;
  skippedReason?: string;
}

export const orderStatusQuery = defineQuery<OrderStatus>('orderStatus');

/**
 * Deterministic id: one workflow per Shopify order and store, whichever shop card dispatches it.
 * The numeric order id keeps it readable in the Temporal UI (`order:acme.myshopify.com:5512345678`).
 */
export function orderWorkflowId(store: string, shopifyOrderId: string): string {
  return `order:${store}:${shopifyOrderId.slice(shopifyOrderId.lastIndexOf('/') + 1)}`;
}

export function syncOrdersWorkflowId(shopCode: string): string {
  return `sync-orders:${shopCode}`;
}
