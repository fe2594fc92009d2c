import type { DocumentFacts, ShopifyOrderFacts } from '../../domain/order-closing';
import { documentProgress } from '../../domain/order-closing';
import type { OrderProblem } from '../../domain/order-problems';
import { ImportedOrder, SalesLine, ShopCard } from '../entities';
import { archiveSalesDocument } from './archive-document';
import { entityManagerOf, inTransaction, type ErpContext } from './context';
import { lockImportedOrder } from './map-order';
import { findOrderDocument } from './order-document';
import { recordOrderProblems } from './order-problem-record';

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

export async function loadOrderCloseFacts(
  context: ErpContext,
  importedOrderId: number,
): Promise<OrderCloseFacts> {
  const em = entityManagerOf(context).fork();
  const order = await em.findOneOrFail(ImportedOrder, importedOrderId);
  const [shop, document, [awaiting]] = await Promise.all([
    em.findOneOrFail(ShopCard, order.shopCode),
    findOrderDocument(em, order.id),
    em.getConnection().execute<{ count: string }[]>(
      `select count(*) as count
         from sales_shipment_header h
         left join shipment_sync s on s.shipment_id = h.id
        where h.store = ? and h.shopify_order_id = ? and (s.id is null or s.status in ('pending', 'in-progress'))`,
      [order.store, order.shopifyOrderId],
    ),
  ]);
  const lines = document ? await em.find(SalesLine, { headerId: document.id }) : [];
  return {
    orderName: order.name,
    store: order.store,
    shopifyOrderId: order.shopifyOrderId,
    shopCode: order.shopCode,
    closeRequiresInvoice: shop.closeRequiresInvoice,
    shopify: {
      closed: order.closed,
      cancelled: order.cancelledAt !== null && order.cancelledAt !== undefined,
      fullyPaid: order.fullyPaid,
      financialStatus: order.financialStatus ?? null,
      fulfillmentStatus: order.fulfillmentStatus,
    },
    importedAt: order.lastImportedAt,
    document:
      document && (document.documentType === 'order' || document.documentType === 'invoice')
        ? {
            documentType: document.documentType,
            documentNo: document.no,
            archived: Boolean(document.archivedAt),
            lines: lines.map((line) => ({
              type: line.type,
              quantity: line.quantity,
              quantityShipped: line.quantityShipped,
              quantityInvoiced: line.quantityInvoiced,
            })),
          }
        : null,
    shipmentsAwaitingSync: Number(awaiting?.count ?? 0),
  };
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
  return inTransaction(context, async (em) => {
    const order = await lockImportedOrder(em, importedOrderId);
    order.closed = true;
    order.closedAt = closedAt ? new Date(closedAt) : (order.closedAt ?? new Date());
    order.stage = 'closed';
    if (order.problems.some((problem) => problem.code === 'ORDER_CLOSE_REFUSED'))
      recordOrderProblems(
        order,
        order.problems.filter((problem) => problem.code !== 'ORDER_CLOSE_REFUSED'),
      );
    const document = await findOrderDocument(em, order.id);
    let archived = false;
    if (document && !document.archivedAt) {
      const lines = await em.find(SalesLine, { headerId: document.id });
      const progress = documentProgress({
        documentType: document.documentType === 'invoice' ? 'invoice' : 'order',
        documentNo: document.no,
        lines: lines.map((line) => ({
          type: line.type,
          quantity: line.quantity,
          quantityShipped: line.quantityShipped,
          quantityInvoiced: line.quantityInvoiced,
        })),
      });
      if (progress.fullyShipped && progress.fullyInvoiced)
        archived = (await archiveSalesDocument(em, document, 'closed in Shopify, shipped and invoiced'))
          .archived;
    }
    await em.flush();
    return { archived: archived || Boolean(document?.archivedAt), documentNo: document?.no ?? null };
  });
}

/** Shopify refused to close the order: the refusal becomes one of the order's problems. */
export async function recordOrderCloseRefused(
  context: ErpContext,
  importedOrderId: number,
  problem: OrderProblem,
): Promise<void> {
  await inTransaction(context, async (em) => {
    const order = await lockImportedOrder(em, importedOrderId);
    recordOrderProblems(order, [
      ...order.problems.filter((existing) => existing.code !== 'ORDER_CLOSE_REFUSED'),
      problem,
    ]);
    await em.flush();
  });
}
