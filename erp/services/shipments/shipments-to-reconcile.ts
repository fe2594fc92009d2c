import { ShopCard } from '../../entities';
import type { ShipmentSyncRecordStatus } from '../../entities/shipment-sync';
import { entityManagerOf, type ErpContext } from '../shared/context';

/** A posted shipment of a Shopify order that Shopify has not settled yet. */
export interface UnsyncedShipment {
  shipmentId: number;
  shipmentNo: string;
  shopCode: string;
  store: string;
  shopifyOrderId: string;
  /** The order's name, or its Shopify id when the shipment does not carry the name. */
  orderName: string;
}

/** Where a shipment's sync stands; `status` is null while no sync record exists yet. */
export interface ShipmentSyncOutcome {
  shipmentNo: string;
  orderName: string;
  status: ShipmentSyncRecordStatus | null;
  shopifyFulfillmentIds: string[];
}

/**
 * The shop cards a shipment sync run covers: the one named (even when disabled, so the caller can
 * tell "does not exist" from "disabled"), or every enabled card.
 */
export async function shopCardsToReconcile(
  context: ErpContext,
  shopCode?: string,
): Promise<{ exists: boolean; enabledShopCodes: string[] }> {
  const em = entityManagerOf(context).fork();
  const shops = shopCode
    ? await em.find(ShopCard, { code: shopCode.toUpperCase() })
    : await em.find(ShopCard, { enabled: true }, { orderBy: { code: 'asc' } });
  return {
    exists: !shopCode || shops.length > 0,
    enabledShopCodes: shops.filter((shop) => shop.enabled).map((shop) => shop.code),
  };
}

interface UnsyncedShipmentRow {
  id: number;
  no: string;
  shop_code: string;
  store: string;
  shopify_order_id: string;
  shopify_order_name: string | null;
}

/**
 * Posted shipments of these shop cards whose sync never finished (no record, or still pending or
 * in progress), oldest first: what a lost signal or a worker gone at the wrong moment left behind.
 */
export async function findUnsyncedShipments(
  context: ErpContext,
  filter: { shopCodes: readonly string[]; postedSince: string; limit: number },
): Promise<UnsyncedShipment[]> {
  if (filter.shopCodes.length === 0) return [];
  const rows = await entityManagerOf(context)
    .getConnection()
    .execute<UnsyncedShipmentRow[]>(
      `select h.id, h.no, h.shop_code, h.store, h.shopify_order_id, h.shopify_order_name
         from sales_shipment_header h
         left join shipment_sync s on s.shipment_id = h.id
        where h.shopify_order_id is not null and h.store is not null
          and h.shop_code in (${filter.shopCodes.map(() => '?').join(', ')})
          and h.posting_date >= ?
          and (s.id is null or s.status in ('pending', 'in-progress'))
        order by h.id
        limit ?`,
      [...filter.shopCodes, filter.postedSince, filter.limit],
    );
  return rows.map((row) => ({
    shipmentId: row.id,
    shipmentNo: row.no,
    shopCode: row.shop_code,
    store: row.store,
    shopifyOrderId: row.shopify_order_id,
    orderName: row.shopify_order_name ?? row.shopify_order_id,
  }));
}

interface OutcomeRow {
  no: string;
  shopify_order_name: string | null;
  status: ShipmentSyncRecordStatus | null;
  shopify_fulfillment_ids: string[] | null;
}

/** The sync state of these shipments, in shipment order. */
export async function shipmentSyncOutcomes(
  context: ErpContext,
  shipmentIds: readonly number[],
): Promise<ShipmentSyncOutcome[]> {
  if (shipmentIds.length === 0) return [];
  const rows = await entityManagerOf(context)
    .getConnection()
    .execute<OutcomeRow[]>(
      `select h.no, h.shopify_order_name, s.status, s.shopify_fulfillment_ids
         from sales_shipment_header h
         left join shipment_sync s on s.shipment_id = h.id
        where h.id in (${shipmentIds.map(() => '?').join(', ')})
        order by h.id`,
      [...shipmentIds],
    );
  return rows.map((row) => ({
    shipmentNo: row.no,
    orderName: row.shopify_order_name ?? '',
    status: row.status,
    shopifyFulfillmentIds: row.shopify_fulfillment_ids ?? [],
  }));
}
