import type { OrderProblem } from '../../domain/order-problems';

/**
 * What the order activities take and give back: ids and small status only, so workflow history
 * never carries an order, an address or an amount list. Types only; activities/ implements the
 * interfaces.
 */

export interface OrderRef {
  store: string;
  shopifyOrderId: string;
}

export interface ImportOrderInput extends OrderRef {
  shopCode: string;
  /** The order's shop and presentment currency codes, when the change that triggered the import knew them. */
  currencies?: { currencyCode: string; presentmentCurrencyCode: string };
  /** Whether the order carries its own e-mail and phone, when the change that triggered the import knew it. */
  contact?: { hasEmail: boolean; hasPhone: boolean };
}

export type { ImportSkipReason } from '../../domain/import-eligibility';
import type { ImportSkipReason } from '../../domain/import-eligibility';

export interface ImportOrderResult {
  /** Set when the order is now in the ERP store (first import or an update). */
  importedOrderId?: number;
  orderName: string;
  shopifyUpdatedAt: string;
  firstImport: boolean;
  /** Something the ERP keeps changed since the previous import. */
  changed: boolean;
  /** A change the existing document cannot follow, in words for the operator. */
  conflict?: string;
  /** The order was left out, and why (SPEC §3: cancelled first time, archived). */
  skipped?: ImportSkipReason | 'shop-disabled';
  /** The shop card's "auto create orders". */
  autoCreateDocument: boolean;
  /** A sales document already exists for this order. */
  hasDocument: boolean;
  /** Shopify requests this import took (for benchmarks and cost reports). */
  shopifyRequests: number;
  /** The order could not be imported: what is wrong and how to fix it. */
  problems?: OrderProblem[];
}

export interface ProcessOrderInput {
  importedOrderId: number;
}

export interface ProcessedDocument {
  documentType: 'order' | 'invoice';
  documentNo: string;
  status: 'open' | 'released';
  /** Document total minus Shopify's, as a decimal string; "0" when they agree. */
  totalDifference: string;
}

export interface ProcessOrderResult {
  /** Errors block the document; warnings are shown beside it. */
  problems: OrderProblem[];
  document?: ProcessedDocument;
}

export interface ImportWithDocumentInput extends ImportOrderInput {
  /**
   * The workflow's view of the document: 'skip' when it already has one; 'now' when an attempt is
   * due whatever the import finds (first step of a run, a retry, an operator's request);
   * 'if-changed' when only a change in the order makes a new attempt worth it.
   */
  documentAttempt: { mode: 'skip' | 'now' | 'if-changed'; requestedByOperator: boolean };
}

export interface ImportWithDocumentResult {
  imported: ImportOrderResult;
  /** Present when the document step ran (see ImportWithDocumentInput.documentAttempt). */
  processed?: ProcessOrderResult;
}

/** Filters given on the command line for one manual sync; unset ones come from the shop card. */
export interface OrderSyncFilterOverrides {
  financialStatus?: string[];
  fulfillmentStatus?: string[];
  riskLevel?: string[];
  channel?: string[];
  /** Tag filter in the shop card syntax (case sensitive, `*` wildcards). */
  tags?: string;
}

export interface DiscoverOrdersInput {
  shopCode: string;
  /** Fixed upper bound of this run's window (the workflow's start time): never moves during paging. */
  updatedAtMax: string;
  /** Start of the window instead of the shop card's watermark (manual re-syncs). */
  updatedAtMin?: string;
  filters?: OrderSyncFilterOverrides;
}

export interface DiscoverOrdersResult {
  /** Orders Shopify listed in the window. */
  found: number;
  /** Rows written to orders to import (new or changed). */
  upserted: number;
  /** Orders that passed this shop card's filters. */
  matched: number;
  /** Order workflows started or signalled. */
  dispatched: number;
  /** Left out by a filter, or claimed by another shop card on the same store. */
  filteredOut: number;
  claimedByOtherShop: number;
  /** Listed again through the overlap window but already imported at that version: nothing sent. */
  alreadyImported: number;
  /** Listed again before its import finished, at the version an earlier sync already sent: nothing sent. */
  alreadyDispatched: number;
  /** Dispatched at a version no webhook had announced: what the reconciler found on its own. */
  foundWithoutWebhook: number;
  shopifyRequests: number;
  /** The lower bound actually used. */
  updatedAtMin: string;
}

export interface SyncOrdersReport extends DiscoverOrdersResult {
  shopCode: string;
  updatedAtMax: string;
  watermarkCommitted: boolean;
}

export interface OrderActivities {
  importShopifyOrder(input: ImportOrderInput): Promise<ImportOrderResult>;
  processImportedOrder(input: ProcessOrderInput): Promise<ProcessOrderResult>;
  importOrderWithDocument(input: ImportWithDocumentInput): Promise<ImportWithDocumentResult>;
  /** Operator fixes: a refused fix fails at once (non-retryable) with the reason. */
  assignCustomerToImportedOrder(input: {
    importedOrderId: number;
    sellToCustomerNo: string;
    billToCustomerNo?: string;
  }): Promise<void>;
  createCustomerForImportedOrder(input: { importedOrderId: number; templateCode: string }): Promise<void>;
  mapShopifyCustomerOfImportedOrder(input: { importedOrderId: number; customerNo: string }): Promise<void>;
}

export interface SyncOrdersActivities {
  discoverAndDispatchOrders(input: DiscoverOrdersInput): Promise<DiscoverOrdersResult>;
  commitOrderSyncWatermark(input: { shopCode: string; watermark: string }): Promise<void>;
}
