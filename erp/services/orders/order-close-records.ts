import type { EntityManager } from '@mikro-orm/postgresql';
import type { DocumentFacts, DocumentLineFacts, ShopifyOrderFacts } from '../../../domain/order-closing';
import { documentProgress } from '../../../domain/order-closing';
import { blockingProblems, formatProblems, type OrderProblem } from '../../../domain/order-problems';
import { SalesHeader } from '../../entities';
import { archiveSalesDocument } from '../documents/archive-document';
import { entityManagerOf, inTransaction, lockShopifyOrder, type ErpContext } from '../shared/context';
import { timestampOf } from '../shared/sql-values';

/**
 * The ERP side of closing an order. It runs for every order that ships, so it reads and writes
 * with plain SQL: the imported order's Shopify snapshot is never loaded just to set three columns.
 */

/** What deciding whether an order can close needs from the ERP (SPEC §5). */
export interface OrderCloseFacts {
  orderName: string;
  store: string;
  shopifyOrderId: string;
  shopCode: string;
  closeRequiresInvoice: boolean;
  /** Shopify's view at the last import. */
  shopify: ShopifyOrderFacts;
  importedAt: Date;
  document: (DocumentFacts & { archived: boolean }) | null;
  shipmentsAwaitingSync: number;
}

interface OrderRecord {
  name: string;
  store: string;
  shopify_order_id: string;
  shop_code: string;
  closed: boolean;
  cancelled_at: string | null;
  fully_paid: boolean;
  financial_status: string | null;
  fulfillment_status: string;
  last_imported_at: string;
  close_requires_invoice: boolean;
  shipments_awaiting_sync: string;
}

interface DocumentRecord {
  id: number;
  document_type: 'order' | 'invoice';
  no: string;
  archived_at: string | null;
  lines: { type: DocumentLineFacts['type']; quantity: string; shipped: string; invoiced: string }[] | null;
}

async function orderDocument(
  em: EntityManager,
  importedOrderId: number,
): Promise<{ document: DocumentRecord; lines: DocumentLineFacts[] } | null> {
  const [document] = await em.execute<DocumentRecord[]>(
    `select h.id, h.document_type, h.no, h.archived_at,
            (select json_agg(json_build_object('type', l.type, 'quantity', l.quantity::text,
                                               'shipped', l.quantity_shipped::text,
                                               'invoiced', l.quantity_invoiced::text))
               from sales_line l where l.header_id = h.id) as lines
       from sales_header h
      where h.imported_order_id = ? and h.document_type in ('order', 'invoice')`,
    [importedOrderId],
  );
  if (!document) return null;
  return {
    document,
    lines: (document.lines ?? []).map((line) => ({
      type: line.type,
      quantity: line.quantity,
      quantityShipped: line.shipped,
      quantityInvoiced: line.invoiced,
    })),
  };
}

export async function loadOrderCloseFacts(
  context: ErpContext,
  importedOrderId: number,
): Promise<OrderCloseFacts> {
  const em = entityManagerOf(context).fork();
  const [[order], found] = await Promise.all([
    em.execute<OrderRecord[]>(
      `select o.name, o.store, o.shopify_order_id, o.shop_code, o.closed, o.cancelled_at, o.fully_paid,
              o.financial_status, o.fulfillment_status, o.last_imported_at,
              c.close_requires_invoice,
              (select count(*)
                 from sales_shipment_header h
                 left join shipment_sync s on s.shipment_id = h.id
                where h.store = o.store and h.shopify_order_id = o.shopify_order_id
                  and (s.id is null or s.status in ('pending', 'in-progress'))) as shipments_awaiting_sync
         from imported_order o
         join shop_card c on c.code = o.shop_code
        where o.id = ?`,
      [importedOrderId],
    ),
    orderDocument(em, importedOrderId),
  ]);
  if (!order) throw new Error(`Imported order ${importedOrderId} does not exist`);
  return {
    orderName: order.name,
    store: order.store,
    shopifyOrderId: order.shopify_order_id,
    shopCode: order.shop_code,
    closeRequiresInvoice: order.close_requires_invoice,
    shopify: {
      closed: order.closed,
      cancelled: order.cancelled_at !== null,
      fullyPaid: order.fully_paid,
      financialStatus: order.financial_status,
      fulfillmentStatus: order.fulfillment_status,
    },
    importedAt: timestampOf(order.last_imported_at)!,
    document: found
      ? {
          documentType: found.document.document_type,
          documentNo: found.document.no,
          archived: found.document.archived_at !== null,
          lines: found.lines,
        }
      : null,
    shipmentsAwaitingSync: Number(order.shipments_awaiting_sync),
  };
}

/** Locks the order (as every other unit of work on it does) and reads its problems. */
async function lockOrder(
  em: EntityManager,
  importedOrderId: number,
): Promise<{ problems: OrderProblem[]; conflictText: string | null }> {
  const [keys] = await em.execute<{ store: string; shopify_order_id: string }[]>(
    'select store, shopify_order_id from imported_order where id = ?',
    [importedOrderId],
  );
  if (!keys) throw new Error(`Imported order ${importedOrderId} does not exist`);
  await lockShopifyOrder(em, keys.store, keys.shopify_order_id);
  const [order] = await em.execute<{ problems: OrderProblem[]; conflict_text: string | null }[]>(
    'select problems, conflict_text from imported_order where id = ?',
    [importedOrderId],
  );
  return { problems: order!.problems, conflictText: order!.conflict_text };
}

/** Stores the order's problems with has-error and the text for people, as every other step does. */
async function writeProblems(
  em: EntityManager,
  importedOrderId: number,
  problems: readonly OrderProblem[],
  conflictText: string | null,
): Promise<void> {
  const blocking = blockingProblems(problems);
  await em.execute(
    `update imported_order
        set problems = ?::jsonb, has_error = ?, error_text = ?, version = version + 1, updated_at = now()
      where id = ?`,
    [
      JSON.stringify(problems),
      blocking.length > 0 || conflictText !== null,
      blocking.length > 0 ? formatProblems(blocking) : conflictText,
      importedOrderId,
    ],
  );
}

/**
 * Records that Shopify closed the order, and archives its document when it is shipped and
 * invoiced (re-checked here, under the order's lock). Clears an earlier close refusal.
 */
export async function recordOrderClosed(
  context: ErpContext,
  importedOrderId: number,
  closedAt: string | null,
): Promise<{ archived: boolean; documentNo: string | null }> {
  const em = entityManagerOf(context).fork();
  // Bumping the version makes an import that read the order before this change retry its flush.
  const [closed] = await em.execute<{ problems: OrderProblem[] }[]>(
    `update imported_order
        set closed = true, closed_at = coalesce(?::timestamptz, closed_at, now()), stage = 'closed',
            version = version + 1, updated_at = now()
      where id = ?
      returning problems`,
    [closedAt, importedOrderId],
  );
  if (!closed) throw new Error(`Imported order ${importedOrderId} does not exist`);
  // A refusal by Shopify, or of the card's credentials, is over once Shopify closed the order.
  const settled = (problem: OrderProblem) =>
    problem.code === 'ORDER_CLOSE_REFUSED' || problem.code === 'SHOP_CREDENTIALS_REFUSED';
  if (closed.problems.some(settled)) {
    await inTransaction(context, async (tx) => {
      const order = await lockOrder(tx, importedOrderId);
      const remaining = order.problems.filter((problem) => !settled(problem));
      await writeProblems(tx, importedOrderId, remaining, order.conflictText);
    });
  }
  const found = await orderDocument(em, importedOrderId);
  if (!found) return { archived: false, documentNo: null };
  const documentNo = found.document.no;
  if (found.document.archived_at !== null) return { archived: true, documentNo };
  if (!shippedAndInvoiced(found)) return { archived: false, documentNo };
  // Archived under the order's lock, after checking again that it is complete.
  return inTransaction(context, async (tx) => {
    await lockOrder(tx, importedOrderId);
    const again = await orderDocument(tx, importedOrderId);
    if (!again || again.document.archived_at !== null || !shippedAndInvoiced(again))
      return { archived: again?.document.archived_at !== null, documentNo };
    const document = await tx.findOneOrFail(SalesHeader, again.document.id);
    const result = await archiveSalesDocument(tx, document, 'closed in Shopify, shipped and invoiced');
    return { archived: result.archived, documentNo };
  });
}

function shippedAndInvoiced(found: { document: DocumentRecord; lines: DocumentLineFacts[] }): boolean {
  const progress = documentProgress({
    documentType: found.document.document_type,
    documentNo: found.document.no,
    lines: found.lines,
  });
  return progress.fullyShipped && progress.fullyInvoiced;
}

/** Shopify refused to close the order: the refusal becomes one of the order's problems. */
export async function recordOrderCloseRefused(
  context: ErpContext,
  importedOrderId: number,
  problem: OrderProblem,
): Promise<void> {
  await inTransaction(context, async (em) => {
    const order = await lockOrder(em, importedOrderId);
    await writeProblems(
      em,
      importedOrderId,
      [
        ...order.problems.filter(
          (existing) => existing.code !== 'ORDER_CLOSE_REFUSED' && existing.code !== problem.code,
        ),
        problem,
      ],
      order.conflictText,
    );
  });
}
