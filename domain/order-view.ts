import { needsOperator, problemCategory, type OrderProblemCategory } from './order-problem-categories';
import type { OrderProblem, OrderProblemCode, OrderProblemSeverity } from './order-problems';
import type { OrderStage } from './order-stage';

/**
 * The read model of one order: what the CLI, the console and the search attributes show. The
 * order workflow derives it from its status with orderViewOf and writes it at every change; the
 * same value feeds OrderStage and OrderHasError, so the three can never disagree.
 * Pure: workflows import this file.
 */

export interface OrderViewProblem {
  category: OrderProblemCategory;
  code: OrderProblemCode;
  severity: OrderProblemSeverity;
  field: string;
  fix: string;
  /** The problem in words (names the order, the field and the fix; never personal data). */
  message: string;
}

export type OrderViewDocumentState = 'open' | 'released' | 'archived';

export interface OrderViewDocument {
  type: 'order' | 'invoice';
  no: string;
  state: OrderViewDocumentState;
}

export interface OrderView {
  store: string;
  shopifyOrderId: string;
  shopCode: string | null;
  orderName: string | null;
  stage: OrderStage;
  /** An open problem waits for a person (OrderHasError, `orders list --errors`). */
  hasError: boolean;
  /** Errors and warnings now open on the order; closed ones are gone. */
  problems: OrderViewProblem[];
  importedOrderId: number | null;
  document: OrderViewDocument | null;
  /** What happens next, or what a person must do: one line. */
  nextAction: string;
  /** Shown in default lists: not ended, or closed while its document still has work in the ERP. */
  open: boolean;
}

/** The parts of the workflow's OrderStatus the view reads (OrderStatus satisfies it). */
export interface OrderViewSource {
  store: string;
  shopifyOrderId: string;
  shopCode?: string;
  orderName?: string;
  stage: OrderStage;
  problems: readonly OrderProblem[];
  conflict?: string;
  importedOrderId?: number;
  document?: { documentType: 'order' | 'invoice'; documentNo: string; status: 'open' | 'released' };
  skippedReason?: string;
  closing?: { state: 'waiting' | 'refused' | 'closed'; reasons: readonly string[]; archived?: boolean };
}

export function orderViewOf(source: OrderViewSource): OrderView {
  const importFailed = source.importedOrderId === undefined;
  const problems: OrderViewProblem[] = source.problems.map((problem) => ({
    category: problemCategory(problem, importFailed),
    code: problem.code,
    severity: problem.severity,
    field: problem.field,
    fix: problem.fix,
    message: problem.message,
  }));
  if (source.conflict !== undefined && !problems.some((problem) => problem.code === 'DOCUMENT_CONFLICT')) {
    problems.push(conflictProblem(orderLabel(source), source.conflict));
  }
  const document: OrderViewDocument | null = source.document
    ? {
        type: source.document.documentType,
        no: source.document.documentNo,
        state: source.closing?.archived ? 'archived' : source.document.status,
      }
    : null;
  const hasError = problems.some(needsOperator);
  return {
    store: source.store,
    shopifyOrderId: source.shopifyOrderId,
    shopCode: source.shopCode ?? null,
    orderName: source.orderName ?? null,
    stage: source.stage,
    hasError,
    problems,
    importedOrderId: source.importedOrderId ?? null,
    document,
    nextAction: nextActionOf(source, problems, document),
    open:
      (source.stage !== 'closed' && source.stage !== 'skipped') ||
      (source.stage === 'closed' && document !== null && document.state !== 'archived'),
  };
}

/** The problems a person must act on, errors first. */
export function operatorProblems(view: { problems: readonly OrderViewProblem[] }): OrderViewProblem[] {
  const open = view.problems.filter(needsOperator);
  return [...open.filter((p) => p.severity === 'error'), ...open.filter((p) => p.severity !== 'error')];
}

function nextActionOf(
  source: OrderViewSource,
  problems: readonly OrderViewProblem[],
  document: OrderViewDocument | null,
): string {
  const first = operatorProblems({ problems })[0];
  if (first) return `${first.code}: ${first.fix}`;
  const cli = orderLabel(source).replace(/^#/, '');
  switch (source.stage) {
    case 'skipped':
      return `nothing: left out (${source.skippedReason ?? 'skipped'})`;
    case 'closed':
      return document && document.state !== 'archived'
        ? `finish the ERP side of ${document.type} ${document.no} (ship, invoice)`
        : 'nothing: closed';
    case 'importing':
    case 'mapping':
    case 'closing':
      return 'wait: the workflow is working on it';
    case 'imported':
    case 'needs-attention':
      return document
        ? 'wait: the workflow is working on it'
        : `create the document: \`orderbridge order create-document ${cli}\``;
    case 'document-created':
    case 'waiting-for-fulfilment': {
      const waiting = source.closing?.state === 'waiting' ? source.closing.reasons[0] : undefined;
      if (waiting) return `wait: ${waiting}`;
      return document?.type === 'order'
        ? `ship ${document.no} in the ERP (\`orderbridge erp ship ${document.no}\`)`
        : 'wait: Shopify fulfilment and payment, then the order closes';
    }
  }
}

function orderLabel(source: Pick<OrderViewSource, 'orderName' | 'shopifyOrderId'>): string {
  return source.orderName ?? source.shopifyOrderId.slice(source.shopifyOrderId.lastIndexOf('/') + 1);
}

function conflictProblem(orderName: string, conflict: string): OrderViewProblem {
  const fix = `see \`orderbridge order show ${orderName.replace(/^#/, '')}\` and change the sales document by hand`;
  return {
    category: 'document',
    code: 'DOCUMENT_CONFLICT',
    severity: 'error',
    field: 'document',
    fix,
    message: `Order ${orderName}: ${conflict}`,
  };
}
