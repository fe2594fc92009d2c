import type { OrderProblem } from '../../domain/order-problems';
import type { ShipmentSyncStatus } from '../../domain/shipment-fulfillment-plan';

/**
 * What the shipment and close activities take and give back: ids and small status only.
 * Types only; activities/ implements the interfaces.
 */

export interface SyncShipmentInput {
  shipmentId: number;
}

/** Shopify's view of the order right after a shipment was sent (what the close step needs fresh). */
export interface ShopifyOrderState {
  closed: boolean;
  /** Shopify's displayFulfillmentStatus, after the fulfillments just created. */
  fulfillmentStatus: string;
  /** When it was read (ISO time); the newer of this and the last import wins. */
  observedAt: string;
}

export interface SyncShipmentResult {
  shipmentId: number;
  shipmentNo: string;
  status: ShipmentSyncStatus;
  shopifyFulfillmentIds: string[];
  /** Some units were not sent for a reason an operator can act on. */
  needsAttention: boolean;
  /** One sentence per line left (partly) unsent, when it needs attention. */
  attention: string[];
  /** Absent when the shipment was settled earlier and nothing was asked of Shopify now. */
  shopifyOrder?: ShopifyOrderState;
  shopifyRequests: number;
}

export interface CloseOrderInput {
  importedOrderId: number;
  shopifyOrder?: ShopifyOrderState;
}

export type CloseOrderResult =
  | { outcome: 'closed'; alreadyClosed: boolean; archived: boolean; documentNo: string | null }
  | { outcome: 'waiting'; reasons: string[] }
  | { outcome: 'refused'; problem: OrderProblem };

export interface SyncShipmentsInput {
  shopCode?: string;
  /** Only shipments posted on or after this date (YYYY-MM-DD or ISO time). */
  since?: string;
  /** At most this many shipments per run (the next run takes the rest). */
  limit?: number;
}

export interface ShipmentToSync {
  shipmentId: number;
  shipmentNo: string;
  shopCode: string;
  orderName: string;
}

export interface ShipmentOutcome {
  shipmentNo: string;
  orderName: string;
  status: 'pending' | 'in-progress' | ShipmentSyncStatus;
  shopifyFulfillmentIds: string[];
}

export interface SyncShipmentsReport {
  shopCodes: string[];
  /** Posted shipments not yet settled with Shopify when the run started. */
  found: number;
  /** Order workflows woken with one of them. */
  dispatched: number;
  fulfilled: number;
  partiallySynced: number;
  notSynced: number;
  /** Still being sent when the run stopped waiting (the order workflows finish them). */
  stillPending: number;
  fulfillmentsCreated: number;
  /** The first shipments of the run, for people. */
  shipments: ShipmentOutcome[];
}

export interface ShipmentActivities {
  syncShipmentToShopify(input: SyncShipmentInput): Promise<SyncShipmentResult>;
  closeOrderIfComplete(input: CloseOrderInput): Promise<CloseOrderResult>;
}

export interface SyncShipmentsActivities {
  dispatchUnsyncedShipments(
    input: SyncShipmentsInput,
  ): Promise<{ shopCodes: string[]; shipments: ShipmentToSync[] }>;
  awaitShipmentOutcomes(input: {
    shipmentIds: number[];
    waitMs: number;
  }): Promise<Omit<SyncShipmentsReport, 'shopCodes' | 'found' | 'dispatched'>>;
}
