import { entityManagerOf, type ErpContext } from '../shared/context';

/** What the console's overview shows for one shop card, all counted in SQL. */
export interface ShopOverviewCounts {
  shopCode: string;
  ordersByStage: Record<string, number>;
  problemsByCode: Record<string, number>;
  ordersToImport: number;
  ordersToImportWithErrors: number;
  shipmentsNotSynced: number;
  refundsAwaitingCreditMemo: number;
  webhookDeliveriesLastDay: number;
}

function byShop<T extends { shop_code: string }>(rows: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) grouped.set(row.shop_code, [...(grouped.get(row.shop_code) ?? []), row]);
  return grouped;
}

/** Counts for every shop card (by code). */
export async function shopOverviewCounts(context: ErpContext): Promise<ShopOverviewCounts[]> {
  const connection = entityManagerOf(context).getConnection();
  const [shops, stages, problems, toImport, shipments, refunds, webhooks] = await Promise.all([
    connection.execute<{ code: string; shop_domain: string }[]>(
      'select code, shop_domain from shop_card order by code',
    ),
    connection.execute<{ shop_code: string; stage: string; count: string }[]>(
      'select shop_code, stage, count(*) as count from imported_order group by shop_code, stage',
    ),
    connection.execute<{ shop_code: string; code: string; count: string }[]>(
      `select o.shop_code, p.value->>'code' as code, count(*) as count
         from imported_order o, jsonb_array_elements(o.problems) p
        where o.problems <> '[]'::jsonb
        group by o.shop_code, p.value->>'code'`,
    ),
    connection.execute<{ shop_code: string; count: string; errors: string }[]>(
      `select coalesce(claimed_by_shop_code, '') as shop_code, count(*) as count,
              count(*) filter (where has_error) as errors
         from order_to_import group by claimed_by_shop_code`,
    ),
    connection.execute<{ shop_code: string; count: string }[]>(
      `select h.shop_code, count(*) as count from sales_shipment_header h
         join shipment_sync s on s.shipment_id = h.id
        where s.status in ('not-synced', 'partially-synced') or s.needs_attention
        group by h.shop_code`,
    ),
    connection.execute<{ shop_code: string; count: string }[]>(
      `select o.shop_code, count(*) as count from imported_refund r join imported_order o on o.id = r.order_id
        where r.kind = 'credit' and r.credit_memo_no is null group by o.shop_code`,
    ),
    connection.execute<{ shop_domain: string; count: string }[]>(
      `select shop_domain, count(*) as count from webhook_delivery
        where received_at > now() - interval '1 day' group by shop_domain`,
    ),
  ]);
  const stagesOf = byShop(stages);
  const problemsOf = byShop(problems);
  const count = (rows: { shop_code: string; count: string }[], shopCode: string) =>
    Number(rows.find((row) => row.shop_code === shopCode)?.count ?? 0);
  return shops.map((shop) => ({
    shopCode: shop.code,
    ordersByStage: Object.fromEntries(
      (stagesOf.get(shop.code) ?? []).map((row) => [row.stage, Number(row.count)]),
    ),
    problemsByCode: Object.fromEntries(
      (problemsOf.get(shop.code) ?? []).map((row) => [row.code, Number(row.count)]),
    ),
    ordersToImport: count(toImport, shop.code),
    ordersToImportWithErrors: Number(toImport.find((row) => row.shop_code === shop.code)?.errors ?? 0),
    shipmentsNotSynced: count(shipments, shop.code),
    refundsAwaitingCreditMemo: count(refunds, shop.code),
    // Deliveries are kept per store: a store shared by several cards shows the same number on each.
    webhookDeliveriesLastDay: Number(
      webhooks.find((row) => row.shop_domain === shop.shop_domain)?.count ?? 0,
    ),
  }));
}
