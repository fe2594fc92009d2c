import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { blockingProblems, OrderProblemsError, type OrderProblem } from '../../../domain/order-problems';
import type { DraftSalesDocument } from '../../../domain/sales-document';
import { Decimal } from '../../../domain/money';
import { shopifyTotalsBeforeCreditedRefunds } from '../../../domain/credited-refund-totals';
import { mayHaveRefunds } from '../../../domain/refund-classification';
import { reconcileTotals, type TotalsReconciliation } from '../../../domain/totals-reconciliation';
import { SalesHeader, SalesLine, type ImportedOrder } from '../../entities';
import type { SalesDocumentStatus } from '../../entities/sales-header';
import { inTransaction, type ErpContext } from '../shared/context';
import { requireErpSetup } from '../settings/erp-setup';
import { lockOrderForMapping, prepareSalesDocument, type OrderDocumentFacts } from '../orders/map-order';
import { NumberSeriesMissingError, TAKE_NUMBER_CTE } from '../shared/number-series';
import { findOrderDocument } from './order-document';
import { recordOrderProblems } from '../orders/order-problem-record';

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
  /**
   * Whether the order has refunds in Shopify (as last imported), so the caller wakes refunds that
   * waited for the document only when there can be some; true when not known.
   */
  mayHaveRefunds: boolean;
}

function resultOf(
  header: OrderDocumentFacts,
  created: boolean,
  warnings: OrderProblem[],
  order: ImportedOrder | null,
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
    mayHaveRefunds: order ? mayHaveRefunds(order.snapshot) : true,
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

/**
 * Stands in for the document number in the reconciliation (its text names the document) until the
 * number is taken. A NUL character: Postgres text can hold none, so no order name or amount contains
 * it; in JSON it is the escape below.
 */
const DOCUMENT_NO_MARKER = '\u0000';
const DOCUMENT_NO_MARKER_IN_JSON = JSON.stringify(DOCUMENT_NO_MARKER).slice(1, -1);

/**
 * Takes the document's number and puts it on the header and into its reconciliation, together.
 * The number is taken last: its series row stays locked until commit, so taking it first
 * would serialise every document creation behind the slowest one.
 */
async function numberDocument(
  em: EntityManager,
  headerId: number,
  seriesCode: string,
  reconciliationWithMarker: TotalsReconciliation,
): Promise<string> {
  const [numbered] = await em.execute<{ no: string }[]>(
    `with ${TAKE_NUMBER_CTE},
     numbered as (select no, to_json(no)::text as quoted from taken)
     update sales_header h
        set no = numbered.no,
            reconciliation = replace(?, ?, substr(numbered.quoted, 2, length(numbered.quoted) - 2))::jsonb
       from numbered
      where h.id = ?
      returning h.no`,
    [seriesCode, JSON.stringify(reconciliationWithMarker), DOCUMENT_NO_MARKER_IN_JSON, headerId],
  );
  if (!numbered) throw new NumberSeriesMissingError(seriesCode);
  return numbered.no;
}

type Outcome =
  | { kind: 'exists'; header: OrderDocumentFacts; order: ImportedOrder | null }
  | { kind: 'created'; header: OrderDocumentFacts; order: ImportedOrder; warnings: OrderProblem[] }
  | { kind: 'blocked'; problems: OrderProblem[] };

/**
 * Creates the sales order or invoice for an imported order, exactly once (SPEC §4.1): mapping runs
 * first; a blocking problem is recorded on the order and thrown as OrderProblemsError. A second call
 * (a retry, a duplicate signal, a parallel worker) returns the existing document: calls on one
 * order are serialised by its lock, and a partial unique index backs that up. Lines: comment, items,
 * gift cards, tips, shipping; totals compared with Shopify's and the difference stored. Released
 * at once when the shop card says so.
 *
 * For a new order it locks and reads the order, reads what mapping needs beside it, the customer
 * candidates (and makes the new customer with its link), the item fallbacks when a line has no
 * explicit link and the lines' items, then writes the header with the order's changes, the lines
 * and the number.
 * Configuration comes from the process cache while its version holds (erp-config.ts).
 */
export async function createSalesDocument(
  context: ErpContext,
  importedOrderId: number,
): Promise<CreateSalesDocumentResult> {
  let outcome: Outcome;
  try {
    outcome = await inTransaction(context, async (em): Promise<Outcome> => {
      const { order, work } = await lockOrderForMapping(em, importedOrderId);
      if (work.document) return { kind: 'exists', header: work.document, order };

      const prepared = await prepareSalesDocument(em, order, { work });
      const conflict = order.problems.filter((problem) => problem.code === 'DOCUMENT_CONFLICT');
      recordOrderProblems(order, [...conflict, ...prepared.problems]);
      const blocking = blockingProblems(prepared.problems);
      if (blocking.length > 0 || !prepared.draft) {
        await em.flush();
        return { kind: 'blocked', problems: blocking };
      }
      const { draft, shop } = prepared;
      const setup = await requireErpSetup(work.config);
      // Until the number is taken the header carries a placeholder that is unique per imported order.
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
      order.stage = order.stage === 'closed' ? 'closed' : 'document-created';
      order.documentBaseline = order.snapshot;
      // One flush: the header's insert and the order's one update (mapping, problems, stage).
      await em.flush();
      if (draft.lines.length > 0) {
        await em.insertMany(
          SalesLine,
          draft.lines.map((line) => ({ headerId: header.id, ...line })),
        );
      }
      const documentNo = await numberDocument(
        em,
        header.id,
        draft.header.documentType === 'invoice' ? setup.salesInvoiceNos : setup.salesOrderNos,
        reconciliationOf(order, draft, DOCUMENT_NO_MARKER),
      );
      return {
        kind: 'created',
        // The managed header keeps its placeholder number: the statement above wrote the real one.
        header: {
          id: header.id,
          documentType: header.documentType,
          no: documentNo,
          status: header.status,
          totalDifference: header.totalDifference,
        },
        order,
        warnings: prepared.problems,
      };
    });
  } catch (error) {
    // Only reachable when the lock was bypassed (e.g. a document inserted by hand): the index wins.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const header = await inTransaction(context, (em) => findOrderDocument(em, importedOrderId));
    if (!header) throw error;
    outcome = { kind: 'exists', header, order: null };
  }
  if (outcome.kind === 'blocked') throw new OrderProblemsError(outcome.problems);
  return outcome.kind === 'exists'
    ? resultOf(outcome.header, false, [], outcome.order)
    : resultOf(outcome.header, true, outcome.warnings, outcome.order);
}

/**
 * Rebuilds the lines of an open document after Shopify edits (SPEC §10), in the caller's
 * transaction. The document keeps the tax decision it was made with, so its header, lines and
 * totals stay taxed alike whatever the shop card's priority says now. When mapping now fails (e.g.
 * an added item is not mapped) the document is left as it was and the problems are returned.
 */
export async function rebuildSalesDocumentLines(
  em: EntityManager,
  order: ImportedOrder,
  header: SalesHeader,
): Promise<{ rebuilt: boolean; problems: OrderProblem[] }> {
  const frozenCurrencyHandling = header.currencyHandling === 'presentment' ? 'presentment' : 'shop';
  const frozenTax = { taxAreaCode: header.taxAreaCode ?? null, taxRatePercent: header.taxRatePercent };
  const prepared = await prepareSalesDocument(em, order, { frozenCurrencyHandling, frozenTax });
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
    taxAreaCode: draft.header.taxAreaCode,
    taxRatePercent: draft.header.taxRatePercent,
    shippingAgentCode: draft.header.shippingAgentCode,
    shippingAgentServiceCode: draft.header.shippingAgentServiceCode,
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
