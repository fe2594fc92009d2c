import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { blockingProblems, OrderProblemsError, type OrderProblem } from '../../domain/order-problems';
import type { DraftSalesDocument } from '../../domain/sales-document';
import { Decimal } from '../../domain/money';
import { shopifyTotalsBeforeCreditedRefunds } from '../../domain/credited-refund-totals';
import { reconcileTotals } from '../../domain/totals-reconciliation';
import { SalesHeader, SalesLine, type ImportedOrder } from '../entities';
import type { SalesDocumentStatus } from '../entities/sales-header';
import { inTransaction, type ErpContext } from './context';
import { getErpSetup } from './erp-setup';
import { lockImportedOrder, prepareSalesDocument } from './map-order';
import { nextNumber } from './number-series';
import { findOrderDocument } from './order-document';
import { recordOrderProblems } from './order-problem-record';

export interface CreateSalesDocumentResult {
  salesHeaderId: number;
  documentType: 'order' | 'invoice';
  documentNo: string;
  status: SalesDocumentStatus;
  /** Document total minus Shopify's, a decimal string without trailing zeros; "0" when they agree. */
  totalDifference: string;
  /** False when the document already existed (a retry, a duplicate trigger): nothing was created. */
  created: boolean;
  /** Warnings that did not block (e.g. no shipment method mapping). */
  warnings: OrderProblem[];
}

function resultOf(
  header: SalesHeader,
  created: boolean,
  warnings: OrderProblem[],
): CreateSalesDocumentResult {
  return {
    salesHeaderId: header.id,
    documentType: header.documentType === 'invoice' ? 'invoice' : 'order',
    documentNo: header.no,
    status: header.status,
    // Canonical form whether the header was just built ("0.00") or read back from numeric(20,4) ("0.0000").
    totalDifference: new Decimal(header.totalDifference).toFixed(),
    created,
    warnings,
  };
}

function insertLines(em: EntityManager, headerId: number, draft: DraftSalesDocument): void {
  for (const line of draft.lines) em.create(SalesLine, { headerId, ...line });
}

function reconciliationOf(order: ImportedOrder, draft: DraftSalesDocument, documentNo: string) {
  const side = draft.header.currencyHandling;
  return reconcileTotals({
    orderName: order.name,
    documentNo,
    lines: draft.lines,
    totals: draft.totals,
    // The document bills what refunds' credit memos credit; compare with Shopify before those refunds.
    shopify: shopifyTotalsBeforeCreditedRefunds(order.snapshot),
    side,
    isoCode: side === 'shop' ? order.currencyCode : order.presentmentCurrencyCode,
  });
}

type Outcome =
  | { kind: 'exists'; header: SalesHeader }
  | { kind: 'created'; header: SalesHeader; warnings: OrderProblem[] }
  | { kind: 'blocked'; problems: OrderProblem[] };

/**
 * Creates the sales order or invoice for an imported order, exactly once (SPEC §4.1): mapping runs
 * first; a blocking problem is recorded on the order and thrown as OrderProblemsError. A second call
 * (a retry, a duplicate signal, a parallel worker) returns the existing document: calls on one
 * order are serialised by its lock, and a partial unique index backs that up. Lines: comment, items,
 * gift cards, tips, shipping; totals compared with Shopify's and the difference stored. Released
 * at once when the shop card says so.
 */
export async function createSalesDocument(
  context: ErpContext,
  importedOrderId: number,
): Promise<CreateSalesDocumentResult> {
  let outcome: Outcome;
  try {
    outcome = await inTransaction(context, async (em): Promise<Outcome> => {
      const order = await lockImportedOrder(em, importedOrderId);
      const existing = await findOrderDocument(em, order.id);
      if (existing) return { kind: 'exists', header: existing };

      const prepared = await prepareSalesDocument(em, order);
      const conflict = order.problems.filter((problem) => problem.code === 'DOCUMENT_CONFLICT');
      recordOrderProblems(order, [...conflict, ...prepared.problems]);
      const blocking = blockingProblems(prepared.problems);
      if (blocking.length > 0 || !prepared.draft) {
        if (order.stage === 'mapped') order.stage = 'imported';
        await em.flush();
        return { kind: 'blocked', problems: blocking };
      }
      const { draft, shop } = prepared;
      const setup = await getErpSetup(em);
      // The number is taken last: its series row stays locked until commit, so taking it first
      // would serialise every document creation behind the slowest one. Until then the header
      // carries a placeholder that is unique per imported order.
      const placeholderNo = `~${order.id}`;
      const reconciliation = reconciliationOf(order, draft, placeholderNo);
      const released = shop.autoReleaseOrders;
      const header = em.create(SalesHeader, {
        ...draft.header,
        no: placeholderNo,
        status: released ? 'released' : 'open',
        releasedAt: released ? new Date() : null,
        importedOrderId: order.id,
        shopCode: shop.code,
        amount: draft.totals.amount,
        taxAmount: draft.totals.taxAmount,
        amountIncludingTax: draft.totals.amountIncludingTax,
        shopifyTotal: reconciliation.shopifyTotal,
        totalDifference: reconciliation.difference,
        reconciliation,
      });
      await em.flush();
      insertLines(em, header.id, draft);
      order.stage = order.stage === 'closed' ? 'closed' : 'document_created';
      order.documentBaseline = order.snapshot;
      await em.flush();
      const documentNo = await nextNumber(
        em,
        draft.header.documentType === 'invoice' ? setup.salesInvoiceNos : setup.salesOrderNos,
      );
      header.no = documentNo;
      header.reconciliation = reconciliationOf(order, draft, documentNo);
      await em.flush();
      return { kind: 'created', header, warnings: prepared.problems };
    });
  } catch (error) {
    // Only reachable when the lock was bypassed (e.g. a document inserted by hand): the index wins.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const header = await inTransaction(context, (em) => findOrderDocument(em, importedOrderId));
    if (!header) throw error;
    outcome = { kind: 'exists', header };
  }
  if (outcome.kind === 'blocked') throw new OrderProblemsError(outcome.problems);
  return outcome.kind === 'exists'
    ? resultOf(outcome.header, false, [])
    : resultOf(outcome.header, true, outcome.warnings);
}

/**
 * Rebuilds the lines of an open document after Shopify edits (SPEC §10), in the caller's
 * transaction. When mapping now fails (e.g. an added item is not mapped) the document is left as it
 * was and the problems are returned.
 */
export async function rebuildSalesDocumentLines(
  em: EntityManager,
  order: ImportedOrder,
  header: SalesHeader,
): Promise<{ rebuilt: boolean; problems: OrderProblem[] }> {
  const frozenCurrencyHandling = header.currencyHandling === 'presentment' ? 'presentment' : 'shop';
  const prepared = await prepareSalesDocument(em, order, { frozenCurrencyHandling });
  if (blockingProblems(prepared.problems).length > 0 || !prepared.draft) {
    return { rebuilt: false, problems: prepared.problems };
  }
  const { draft } = prepared;
  await em.nativeDelete(SalesLine, { headerId: header.id });
  insertLines(em, header.id, draft);
  const reconciliation = reconciliationOf(order, draft, header.no);
  em.assign(header, {
    shipToAddress: draft.header.shipToAddress,
    shipmentMethodCode: draft.header.shipmentMethodCode,
    amount: draft.totals.amount,
    taxAmount: draft.totals.taxAmount,
    amountIncludingTax: draft.totals.amountIncludingTax,
    shopifyTotal: reconciliation.shopifyTotal,
    totalDifference: reconciliation.difference,
    reconciliation,
  });
  order.documentBaseline = order.snapshot;
  await em.flush();
  return { rebuilt: true, problems: prepared.problems };
}
