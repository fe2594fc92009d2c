import type { OrderProblemCategory } from '../../../domain/order-problem-categories';
import type { OrderProblemCode } from '../../../domain/order-problems';
import type { OrderStage } from '../../../domain/order-stage';
import type { OrderView, OrderViewDocument, OrderViewProblem } from '../../../domain/order-view';
import { entityManagerOf, type ErpContext } from '../shared/context';

/**
 * The read model of orders (table order_view): written by each order's workflow through the
 * recordOrderView activity, read by `orders list`, `order show` and the console. One place for
 * its SQL, so every front end pages and filters the same way.
 */

/** Orders a workflow's writes: later ones win, whatever order they arrive in. */
export interface OrderViewVersion {
  /** Start of the workflow's run chain (a later run of the same order starts a later chain). */
  chainStartedAt: string;
  /** Writes within the chain, counted by the workflow and carried over continue-as-new. */
  seq: number;
}

export interface OrderViewWrite {
  workflowId: string;
  view: OrderView;
  /** When the change happened, in workflow time (ISO). */
  updatedAt: string;
  version: OrderViewVersion;
}

/** Upserts the row unless a newer version is stored already: 'stale' then, and nothing changes. */
export async function recordOrderView(
  context: ErpContext,
  write: OrderViewWrite,
): Promise<'written' | 'stale'> {
  const { view } = write;
  const rows = await entityManagerOf(context).execute<{ workflow_id: string }[]>(
    `insert into order_view as v (workflow_id, store, shopify_order_id, shop_code, order_name, stage, has_error,
       problems, imported_order_id, document_type, document_no, document_state, next_action, open, updated_at,
       version_chain_started_at, version_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (workflow_id) do update set
       shop_code = excluded.shop_code, order_name = excluded.order_name, stage = excluded.stage,
       has_error = excluded.has_error, problems = excluded.problems, imported_order_id = excluded.imported_order_id,
       document_type = excluded.document_type, document_no = excluded.document_no,
       document_state = excluded.document_state, next_action = excluded.next_action, open = excluded.open,
       updated_at = excluded.updated_at, version_chain_started_at = excluded.version_chain_started_at,
       version_seq = excluded.version_seq
     where (v.version_chain_started_at, v.version_seq) < (excluded.version_chain_started_at, excluded.version_seq)
     returning workflow_id`,
    [
      write.workflowId,
      view.store,
      view.shopifyOrderId,
      view.shopCode,
      view.orderName,
      view.stage,
      view.hasError,
      JSON.stringify(view.problems),
      view.importedOrderId,
      view.document?.type ?? null,
      view.document?.no ?? null,
      view.document?.state ?? null,
      view.nextAction,
      view.open,
      write.updatedAt,
      write.version.chainStartedAt,
      write.version.seq,
    ],
  );
  return rows.length > 0 ? 'written' : 'stale';
}

export interface OrderViewFilter {
  shopCode?: string;
  stages?: readonly OrderStage[];
  /** Only orders with an open problem of this code (any severity). */
  problemCode?: OrderProblemCode;
  problemCategory?: OrderProblemCategory;
  /** Only orders whose open problems wait for a person (OrderHasError). */
  errorsOnly?: boolean;
  /** Closed and skipped orders too; otherwise only open ones (see OrderView.open). */
  includeClosed?: boolean;
  /** Last change at or after / before these instants. */
  updatedFrom?: Date;
  updatedBefore?: Date;
}

export interface OrderViewPageRequest extends OrderViewFilter {
  /** Rows per page (1..500). */
  limit: number;
  /** From the previous page's nextCursor; absent for the first page. */
  cursor?: string;
  /** Also count every row that matches the filter (one more query). */
  withTotal?: boolean;
}

/** A row of the read model, with the few ERP facts lists show beside it. */
export interface OrderViewRow extends OrderView {
  workflowId: string;
  updatedAt: Date;
  /** From the imported order, when there is one. */
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  total: string | null;
  currencyCode: string | null;
  sellToCustomerNo: string | null;
  shopifyCreatedAt: Date | null;
}

export interface OrderViewPage {
  rows: OrderViewRow[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
  total?: number;
}

/**
 * One page of orders, most recently changed first, filtered by shop, stage, problem and date.
 * Keyset paging on (updated_at, workflow_id): every page is an index range scan, however deep.
 */
export async function listOrderViews(
  context: ErpContext,
  request: OrderViewPageRequest,
): Promise<OrderViewPage> {
  const limit = Math.min(Math.max(Math.trunc(request.limit), 1), 500);
  const { where, params } = whereOf(request);
  const em = entityManagerOf(context);
  const pageWhere = [...where];
  const pageParams = [...params];
  if (request.cursor) {
    const [updatedAt, workflowId] = decodeCursor(request.cursor);
    pageWhere.push('(v.updated_at, v.workflow_id) < (?::timestamptz, ?)');
    pageParams.push(updatedAt, workflowId);
  }
  const rows = await em.execute<OrderViewSqlRow[]>(
    `select v.*, o.financial_status, o.fulfillment_status, o.current_total_shop, o.currency_code,
            o.sell_to_customer_no, o.shopify_created_at
       from order_view v
       left join imported_order o on o.id = v.imported_order_id
      ${pageWhere.length ? `where ${pageWhere.join(' and ')}` : ''}
      order by v.updated_at desc, v.workflow_id desc
      limit ?`,
    [...pageParams, limit + 1],
  );
  const page = rows.slice(0, limit).map(rowOf);
  const last = page[page.length - 1];
  const result: OrderViewPage = { rows: page };
  if (rows.length > limit && last) result.nextCursor = encodeCursor(last.updatedAt, last.workflowId);
  if (request.withTotal) {
    const [counted] = await em.execute<{ total: string }[]>(
      `select count(*) as total from order_view v ${where.length ? `where ${where.join(' and ')}` : ''}`,
      params,
    );
    result.total = Number(counted?.total ?? 0);
  }
  return result;
}

/** The SQL of a page, for EXPLAIN in bench/order-views.ts. */
export function orderViewPageSql(request: OrderViewFilter): { sql: string; params: unknown[] } {
  const { where, params } = whereOf(request);
  return {
    sql: `select v.* from order_view v ${where.length ? `where ${where.join(' and ')}` : ''}
          order by v.updated_at desc, v.workflow_id desc limit 50`,
    params,
  };
}

/** The read model row of one order, or null when its workflow has not written one yet. */
export async function findOrderView(
  context: ErpContext,
  order: { store: string; shopifyOrderId: string },
): Promise<OrderViewRow | null> {
  const [row] = await entityManagerOf(context).execute<OrderViewSqlRow[]>(
    `select v.*, o.financial_status, o.fulfillment_status, o.current_total_shop, o.currency_code,
            o.sell_to_customer_no, o.shopify_created_at
       from order_view v
       left join imported_order o on o.id = v.imported_order_id
      where v.store = ? and v.shopify_order_id = ?`,
    [order.store, order.shopifyOrderId],
  );
  return row ? rowOf(row) : null;
}

function whereOf(filter: OrderViewFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!filter.includeClosed) where.push('v.open');
  if (filter.errorsOnly) where.push('v.has_error');
  if (filter.shopCode) {
    where.push('v.shop_code = ?');
    params.push(filter.shopCode.toUpperCase());
  }
  if (filter.stages?.length) {
    where.push(`v.stage in (${filter.stages.map(() => '?').join(', ')})`);
    params.push(...filter.stages);
  }
  if (filter.problemCode) {
    where.push('v.problems @> ?::jsonb');
    params.push(JSON.stringify([{ code: filter.problemCode }]));
  }
  if (filter.problemCategory) {
    where.push('v.problems @> ?::jsonb');
    params.push(JSON.stringify([{ category: filter.problemCategory }]));
  }
  if (filter.updatedFrom) {
    where.push('v.updated_at >= ?');
    params.push(filter.updatedFrom.toISOString());
  }
  if (filter.updatedBefore) {
    where.push('v.updated_at < ?');
    params.push(filter.updatedBefore.toISOString());
  }
  return { where, params };
}

interface OrderViewSqlRow {
  workflow_id: string;
  store: string;
  shopify_order_id: string;
  shop_code: string | null;
  order_name: string | null;
  stage: OrderStage;
  has_error: boolean;
  problems: OrderViewProblem[];
  imported_order_id: number | null;
  document_type: OrderViewDocument['type'] | null;
  document_no: string | null;
  document_state: OrderViewDocument['state'] | null;
  next_action: string;
  open: boolean;
  updated_at: Date | string;
  financial_status: string | null;
  fulfillment_status: string | null;
  current_total_shop: string | null;
  currency_code: string | null;
  sell_to_customer_no: string | null;
  shopify_created_at: Date | string | null;
}

function rowOf(row: OrderViewSqlRow): OrderViewRow {
  return {
    workflowId: row.workflow_id,
    store: row.store,
    shopifyOrderId: row.shopify_order_id,
    shopCode: row.shop_code,
    orderName: row.order_name,
    stage: row.stage,
    hasError: row.has_error,
    problems: row.problems,
    importedOrderId: row.imported_order_id,
    document:
      row.document_type && row.document_no && row.document_state
        ? { type: row.document_type, no: row.document_no, state: row.document_state }
        : null,
    nextAction: row.next_action,
    open: row.open,
    updatedAt: new Date(row.updated_at),
    financialStatus: row.financial_status,
    fulfillmentStatus: row.fulfillment_status,
    total: row.current_total_shop,
    currencyCode: row.currency_code,
    sellToCustomerNo: row.sell_to_customer_no,
    shopifyCreatedAt: row.shopify_created_at === null ? null : new Date(row.shopify_created_at),
  };
}

function encodeCursor(updatedAt: Date, workflowId: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), workflowId])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      !Number.isNaN(Date.parse(decoded[0])) &&
      typeof decoded[1] === 'string'
    ) {
      return [decoded[0], decoded[1]];
    }
  } catch {
    // Falls through to the error below.
  }
  throw new Error(`Not a cursor of an order list: ${cursor.slice(0, 40)}`);
}
