import type { ShipmentLineResult } from '../../../domain/shipment-fulfillment-plan';
import { PostedShipmentHeader, PostedShipmentLine, ShipmentSync } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';

export interface PostedShipmentView {
  shipmentNo: string;
  orderNo: string;
  shopifyOrderName: string | null;
  shopCode: string | null;
  postingDate: string;
  shippingAgentCode: string | null;
  packageTrackingNo: string | null;
  /** pending | in-progress | fulfilled | partially-synced | not-synced; '' for a non-Shopify order. */
  syncStatus: string;
  shopifyFulfillmentIds: string[];
  lastError: string | null;
  lines: {
    lineNo: number;
    no: string | null;
    description: string;
    quantity: string;
    locationCode: string | null;
    fulfilledQuantity: number | null;
    /** Why units were not sent, one sentence per reason. */
    notSent: string[];
  }[];
}

/** Posted shipments with what Shopify made of them, newest first (for `order show` and `shipments list`). */
export async function listPostedShipments(
  context: ErpContext,
  filter: {
    shopCode?: string;
    store?: string;
    shopifyOrderId?: string;
    shipmentIds?: readonly number[];
    limit?: number;
  },
): Promise<PostedShipmentView[]> {
  const em = entityManagerOf(context).fork();
  const headers = await em.find(
    PostedShipmentHeader,
    {
      ...(filter.shopCode ? { shopCode: filter.shopCode.toUpperCase() } : {}),
      ...(filter.store ? { store: filter.store } : {}),
      ...(filter.shopifyOrderId ? { shopifyOrderId: filter.shopifyOrderId } : {}),
      ...(filter.shipmentIds ? { id: { $in: [...filter.shipmentIds] } } : {}),
    },
    { orderBy: { id: 'desc' }, limit: filter.limit ?? 100 },
  );
  if (headers.length === 0) return [];
  const ids = headers.map((header) => header.id);
  const [lines, syncs] = await Promise.all([
    em.find(PostedShipmentLine, { shipmentId: { $in: ids } }, { orderBy: { lineNo: 'asc' } }),
    em.find(ShipmentSync, { shipmentId: { $in: ids } }),
  ]);
  const syncOf = new Map(syncs.map((sync) => [sync.shipmentId, sync]));
  return headers.map((header) => {
    const sync = syncOf.get(header.id);
    const results = new Map<number, ShipmentLineResult>(
      (sync?.lineResults ?? []).map((line) => [line.lineNo, line]),
    );
    return {
      shipmentNo: header.no,
      orderNo: header.orderNo,
      shopifyOrderName: header.shopifyOrderName ?? null,
      shopCode: header.shopCode ?? null,
      postingDate: String(header.postingDate).slice(0, 10),
      shippingAgentCode: header.shippingAgentCode ?? null,
      packageTrackingNo: header.packageTrackingNo ?? null,
      syncStatus: sync?.status ?? '',
      shopifyFulfillmentIds: sync?.shopifyFulfillmentIds ?? [],
      lastError: sync?.lastError ?? null,
      lines: lines
        .filter((line) => line.shipmentId === header.id)
        .map((line) => {
          const result = results.get(line.lineNo);
          return {
            lineNo: line.lineNo,
            no: line.no ?? null,
            description: line.description,
            quantity: line.quantity,
            locationCode: line.locationCode ?? null,
            fulfilledQuantity: result ? result.fulfilledQuantity : null,
            notSent: (result?.notSent ?? []).map((part) => `${part.quantity} not sent: ${part.detail}`),
          };
        }),
    };
  });
}
