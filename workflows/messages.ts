import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OrderProblem } from '../domain/order-problems';

/**
 * Messages of the order workflow, shared by workflows/ and client/. Payloads are ids and small
 * status only: the order itself lives in PostgreSQL, never in workflow history.
 */

/** Where an order is in its life (domain/order-stage.ts); also the OrderStage search attribute. */
export type { OrderStage } from '../domain/order-stage';
import type { OrderStage } from '../domain/order-stage';

/** A Shopify change worth re-importing: sent by order sync (polling) and by webhooks (doorbell). */
export interface ShopifyOrderChanged {
  /** The shop card that dispatched it; the first one to claim the order keeps it. */
  shopCode: string;
  /** Shopify's updatedAt of the change; older or equal ones are ignored. */
  shopifyUpdatedAt: string;
  /** Why: 'sync' | 'webhook' | 'operator'. */
  source: 'sync' | 'webhook' | 'operator';
  /** The order's currencies when the sender read them (discovery does, for free): lets the import fetch presentment money only when it differs, without a wasted request. */
  currencies?: OrderCurrencies;
  /** Whether the order carries its own e-mail and phone, when the sender read them (discovery does, for free): the import then skips the customer's defaults that would stand in for them. */
  contact?: OrderContactPresence;
}

export interface OrderCurrencies {
  currencyCode: string;
  presentmentCurrencyCode: string;
}

/** Whether an order has an e-mail and a phone of its own: booleans only, never the values. */
export interface OrderContactPresence {
  hasEmail: boolean;
  hasPhone: boolean;
}

export const shopifyOrderChangedSignal = defineSignal<[ShopifyOrderChanged]>('shopifyOrderChanged');

/** Operator: try the failed step again now (after fixing a mapping, an exchange rate...). */
export const retrySignal = defineSignal<[]>('retry');

/** A step of the order workflow that does work (the others only decide). */
export type OrderWorkStep = 'import' | 'document' | 'ship' | 'close';

/** The answer to an operator's retry or close: what the round it caused did, and where that left the order. */
export interface OrderRequestAnswer {
  /** Steps run from the request to the answer, in order (empty: there was nothing to do). */
  steps: OrderWorkStep[];
  status: OrderStatus;
}

/** Operator: retry the failed step now, and answer with its outcome (the update form of retrySignal). */
export const retryUpdate = defineUpdate<OrderRequestAnswer, []>('retryNow');

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

/** The ERP posted a shipment of this order (sent by `orderbridge erp ship` and the shipment sync). */
export interface ShipmentPosted {
  shipmentId: number;
  /** The shop card of the order, for a run the shipment itself starts. */
  shopCode: string;
}
export const shipmentPostedSignal = defineSignal<[ShipmentPosted]>('shipmentPosted');

/** The ERP posted an invoice of this order: it may be ready to close. */
export const invoicePostedSignal = defineSignal<[]>('invoicePosted');

/** Operator: check now whether the order can close, and close it (SPEC §9). */
export const closeOrderSignal = defineSignal<[]>('closeOrder');

/** Operator: the same check, answered with its outcome (closed, or why not yet). */
export const closeOrderUpdate = defineUpdate<OrderRequestAnswer, []>('closeNow');

/** One posted shipment as the order workflow tracks it. */
export interface OrderShipmentStatus {
  shipmentId: number;
  shipmentNo?: string;
  /** 'failed': the step failed for good (e.g. the shipment was deleted); a retry signal tries again. */
  status: 'pending' | 'fulfilled' | 'partially-synced' | 'not-synced' | 'failed';
  shopifyFulfillmentIds: string[];
  needsAttention: boolean;
}

/** Where closing stands: what it waits for, Shopify's refusal, or done. */
export interface OrderClosingStatus {
  state: 'waiting' | 'refused' | 'closed';
  reasons: string[];
  /** The sales document was archived (it is shipped and invoiced). */
  archived?: boolean;
}

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
  /** Posted shipments of the order and what Shopify made of them. */
  shipments?: OrderShipmentStatus[];
  closing?: OrderClosingStatus;
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

export function syncShipmentsWorkflowId(shopCode: string | undefined): string {
  return `sync-shipments:${shopCode ?? 'all'}`;
}
