import { entityManagerOf, type ErpContext } from '../shared/context';

/**
 * The web console's lists: one page at a time (offset and one row more than asked, to know
 * whether a next page exists), filtered in SQL so a store of 100,000 orders stays quick.
 */
export interface PageRequest {
  offset: number;
  limit: number;
}

export interface Page<T> {
  rows: T[];
  offset: number;
  hasMore: boolean;
}

export interface OrderListFilter extends PageRequest {
  shopCode?: string;
  stage?: string;
  problemCode?: string;
  /** Created in Shopify on or after / before these dates (YYYY-MM-DD). */
  from?: string;
  to?: string;
  errorsOnly?: boolean;
  /** An order name such as "#1009" or "1009". */
  name?: string;
}

export interface OrderListRow {
  id: number;
  name: string;
  store: string;
  shopifyOrderId: string;
  shopCode: string;
  stage: string;
  hasError: boolean;
  problems: { code: string; severity: string; field: string; message: string; fix: string }[];
  total: string;
  currencyCode: string;
  customerNo: string | null;
  shopifyCustomerId: string | null;
  createdAt: string;
}

function pageOf<T>(rows: T[], request: PageRequest): Page<T> {
  return { rows: rows.slice(0, request.limit), offset: request.offset, hasMore: rows.length > request.limit };
}

function dateFilters(
  column: string,
  filter: { from?: string; to?: string },
  where: string[],
  params: unknown[],
) {
  if (filter.from) {
    where.push(`${column} >= ?::date`);
    params.push(filter.from);
  }
  if (filter.to) {
    where.push(`${column} < ?::date + 1`);
    params.push(filter.to);
  }
}

interface OrderRow {
  id: number;
  name: string;
  store: string;
  shopify_order_id: string;
  shop_code: string;
  stage: string;
  has_error: boolean;
  problems: OrderListRow['problems'];
  current_total_shop: string;
  currency_code: string;
  sell_to_customer_no: string | null;
  shopify_customer_id: string | null;
  shopify_created_at: Date;
}

/** Imported orders, newest in Shopify first. */
export async function pageImportedOrders(
  context: ErpContext,
  filter: OrderListFilter,
): Promise<Page<OrderListRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.shopCode) {
    where.push('shop_code = ?');
    params.push(filter.shopCode);
  }
  if (filter.stage) {
    where.push('stage = ?');
    params.push(filter.stage);
  }
  if (filter.errorsOnly) where.push('has_error');
  if (filter.problemCode) {
    where.push('problems @> ?::jsonb');
    params.push(JSON.stringify([{ code: filter.problemCode }]));
  }
  if (filter.name) {
    where.push('name = ?');
    params.push(filter.name.startsWith('#') ? filter.name : `#${filter.name}`);
  }
  dateFilters('shopify_created_at', filter, where, params);
  const rows = await entityManagerOf(context)
    .getConnection()
    .execute<OrderRow[]>(
      `select id, name, store, shopify_order_id, shop_code, stage, has_error, problems, current_total_shop,
              currency_code, sell_to_customer_no, shopify_customer_id, shopify_created_at
         from imported_order ${where.length ? `where ${where.join(' and ')}` : ''}
        order by shopify_created_at desc, id desc
        limit ? offset ?`,
      [...params, filter.limit + 1, filter.offset],
    );
  return pageOf(
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      store: row.store,
      shopifyOrderId: row.shopify_order_id,
      shopCode: row.shop_code,
      stage: row.stage,
      hasError: row.has_error,
      problems: row.problems ?? [],
      total: row.current_total_shop,
      currencyCode: row.currency_code,
      customerNo: row.sell_to_customer_no,
      shopifyCustomerId: row.shopify_customer_id,
      createdAt: new Date(row.shopify_created_at).toISOString(),
    })),
    filter,
  );
}

export interface OrderToImportRow {
  id: number;
  name: string;
  store: string;
  shopCode: string | null;
  createdAt: string;
  financialStatus: string | null;
  channel: string | null;
  total: string;
  currencyCode: string;
  hasError: boolean;
  errorText: string | null;
}

interface OrderToImportSqlRow {
  id: number;
  name: string;
  store: string;
  claimed_by_shop_code: string | null;
  shopify_created_at: Date;
  financial_status: string | null;
  channel: string | null;
  total_amount: string;
  currency_code: string;
  has_error: boolean;
  error_text: string | null;
}

/** Stage 1 rows, newest in Shopify first. */
export async function pageOrdersToImport(
  context: ErpContext,
  filter: PageRequest & {
    shopCode?: string;
    errorsOnly?: boolean;
    from?: string;
    to?: string;
    name?: string;
  },
): Promise<Page<OrderToImportRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.shopCode) {
    where.push('claimed_by_shop_code = ?');
    params.push(filter.shopCode);
  }
  if (filter.errorsOnly) where.push('has_error');
  if (filter.name) {
    where.push('name = ?');
    params.push(filter.name.startsWith('#') ? filter.name : `#${filter.name}`);
  }
  dateFilters('shopify_created_at', filter, where, params);
  const rows = await entityManagerOf(context)
    .getConnection()
    .execute<OrderToImportSqlRow[]>(
      `select id, name, store, claimed_by_shop_code, shopify_created_at, financial_status, channel,
              total_amount, currency_code, has_error, error_text
         from order_to_import ${where.length ? `where ${where.join(' and ')}` : ''}
        order by shopify_created_at desc, id desc
        limit ? offset ?`,
      [...params, filter.limit + 1, filter.offset],
    );
  return pageOf(
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      store: row.store,
      shopCode: row.claimed_by_shop_code,
      createdAt: new Date(row.shopify_created_at).toISOString(),
      financialStatus: row.financial_status,
      channel: row.channel,
      total: row.total_amount,
      currencyCode: row.currency_code,
      hasError: row.has_error,
      errorText: row.error_text,
    })),
    filter,
  );
}

/** Posted shipments Shopify has not (fully) taken: their ids, newest first, for listPostedShipments. */
export async function pageShipmentsNotSynced(
  context: ErpContext,
  filter: PageRequest & { shopCode?: string; from?: string; to?: string },
): Promise<Page<number>> {
  const where = [`(s.status in ('not-synced', 'partially-synced') or s.needs_attention)`];
  const params: unknown[] = [];
  if (filter.shopCode) {
    where.push('h.shop_code = ?');
    params.push(filter.shopCode);
  }
  dateFilters('h.posting_date', filter, where, params);
  const rows = await entityManagerOf(context)
    .getConnection()
    .execute<{ id: number }[]>(
      `select h.id from sales_shipment_header h join shipment_sync s on s.shipment_id = h.id
        where ${where.join(' and ')}
        order by h.id desc limit ? offset ?`,
      [...params, filter.limit + 1, filter.offset],
    );
  return pageOf(
    rows.map((row) => row.id),
    filter,
  );
}

export interface RefundAwaitingRow {
  refund: string;
  shopifyRefundId: string;
  store: string;
  orderName: string;
  shopifyOrderId: string;
  shopCode: string;
  createdAt: string;
  total: string;
  payment: string;
  error: string | null;
  returnRefundProcess: string | null;
  autoCreateOrders: boolean;
}

interface RefundSqlRow {
  shopify_refund_id: string;
  store: string;
  name: string;
  shopify_order_id: string;
  shop_code: string;
  shopify_created_at: Date | null;
  total_refunded_shop: string;
  currency_shop: string;
  payment_state: string;
  error_text: string | null;
  return_refund_process: string | null;
  auto_create_orders: boolean;
}

/** Credit refunds without a credit memo, newest first, with what their shop card does with refunds. */
export async function pageRefundsAwaitingCreditMemo(
  context: ErpContext,
  filter: PageRequest & { shopCode?: string; from?: string; to?: string },
): Promise<Page<RefundAwaitingRow>> {
  const where = [`r.kind = 'credit'`, 'r.credit_memo_no is null'];
  const params: unknown[] = [];
  if (filter.shopCode) {
    where.push('o.shop_code = ?');
    params.push(filter.shopCode);
  }
  dateFilters('r.shopify_created_at', filter, where, params);
  const rows = await entityManagerOf(context)
    .getConnection()
    .execute<RefundSqlRow[]>(
      `select r.shopify_refund_id, r.store, o.name, o.shopify_order_id, o.shop_code, r.shopify_created_at,
              r.total_refunded_shop, r.currency_shop, r.payment_state, r.error_text,
              c.return_refund_process, c.auto_create_orders
         from imported_refund r join imported_order o on o.id = r.order_id join shop_card c on c.code = o.shop_code
        where ${where.join(' and ')}
        order by r.id desc limit ? offset ?`,
      [...params, filter.limit + 1, filter.offset],
    );
  return pageOf(
    rows.map((row) => ({
      refund: row.shopify_refund_id.split('/').pop() ?? row.shopify_refund_id,
      shopifyRefundId: row.shopify_refund_id,
      store: row.store,
      orderName: row.name,
      shopifyOrderId: row.shopify_order_id,
      shopCode: row.shop_code,
      createdAt: row.shopify_created_at ? new Date(row.shopify_created_at).toISOString() : '',
      total: `${row.total_refunded_shop} ${row.currency_shop}`,
      payment: row.payment_state,
      error: row.error_text,
      returnRefundProcess: row.return_refund_process,
      autoCreateOrders: row.auto_create_orders,
    })),
    filter,
  );
}

export interface ShipmentSyncState {
  shipmentId: number;
  shipmentNo: string;
  store: string | null;
  shopifyOrderId: string | null;
  orderName: string;
  shopCode: string | null;
  status: string | null;
  attempts: number;
  lastError: string | null;
  updatedAt: string | null;
}

/** One posted shipment and where its sync to Shopify stands, by shipment number; null when unknown. */
export async function shipmentSyncState(
  context: ErpContext,
  shipmentNo: string,
): Promise<ShipmentSyncState | null> {
  const [row] = await entityManagerOf(context)
    .getConnection()
    .execute<
      {
        id: number;
        no: string;
        store: string | null;
        shopify_order_id: string | null;
        shopify_order_name: string | null;
        shop_code: string | null;
        status: string | null;
        attempts: number | null;
        last_error: string | null;
        updated_at: Date | null;
      }[]
    >(
      `select h.id, h.no, h.store, h.shopify_order_id, h.shopify_order_name, h.shop_code,
              s.status, s.attempts, s.last_error, s.updated_at
         from sales_shipment_header h left join shipment_sync s on s.shipment_id = h.id
        where h.no = ?`,
      [shipmentNo],
    );
  if (!row) return null;
  return {
    shipmentId: row.id,
    shipmentNo: row.no,
    store: row.store,
    shopifyOrderId: row.shopify_order_id,
    orderName: row.shopify_order_name ?? row.shopify_order_id ?? row.no,
    shopCode: row.shop_code,
    status: row.status,
    attempts: row.attempts ?? 0,
    lastError: row.last_error,
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
  };
}
