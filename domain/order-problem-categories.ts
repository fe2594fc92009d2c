import type { OrderProblem, OrderProblemCode } from './order-problems';

/**
 * Which step of an order a problem belongs to: operators work through them by step (orders that
 * did not import, orders that do not map, shipments not synced...). Pure: workflows import it.
 */
export const ORDER_PROBLEM_CATEGORIES = [
  'import',
  'mapping',
  'document',
  'shipment',
  'close',
  'refund',
] as const;
export type OrderProblemCategory = (typeof ORDER_PROBLEM_CATEGORIES)[number];

const CATEGORY_OF_CODE: Record<OrderProblemCode, OrderProblemCategory> = {
  SHOP_NOT_FOUND: 'import',
  SHOP_DISABLED: 'import',
  SHOP_CREDENTIALS_REFUSED: 'import',
  ORDER_NOT_IMPORTED: 'import',
  ORDER_CLAIMED_BY_OTHER_SHOP: 'import',
  ORDER_CANCELLED: 'import',
  ORDER_ARCHIVED: 'import',
  SNAPSHOT_INVALID: 'import',
  TEXT_ADJUSTED: 'import',
  CUSTOMER_NOT_FOUND: 'mapping',
  CUSTOMER_ADDRESS_MISSING: 'mapping',
  CUSTOMER_TEMPLATE_MISSING: 'mapping',
  ITEM_NOT_MAPPED: 'mapping',
  LOCATION_NOT_MAPPED: 'mapping',
  SHIPMENT_METHOD_NOT_MAPPED: 'mapping',
  CURRENCY_NOT_SET_UP: 'mapping',
  EXCHANGE_RATE_MISSING: 'mapping',
  ACCOUNT_NOT_SET: 'mapping',
  TAX_AREA_NOT_FOUND: 'mapping',
  DOCUMENT_CONFLICT: 'document',
  AMOUNT_NOT_ACCEPTED: 'document',
  DATA_REJECTED: 'document',
  STEP_FAILING: 'document',
  SHIPMENT_NOT_SYNCED: 'shipment',
  ORDER_CLOSE_REFUSED: 'close',
};

const STEP_CATEGORY: Partial<Record<string, OrderProblemCategory>> = {
  import: 'import',
  document: 'document',
  ship: 'shipment',
  close: 'close',
};

/** A failing import names fields of the order as Shopify sent it; the document step, the ERP's. */
export function problemCategory(
  problem: Pick<OrderProblem, 'code' | 'field'>,
  importFailed: boolean,
): OrderProblemCategory {
  // A failing step names itself in the field ('import', 'document', 'ship', 'close').
  if (problem.code === 'STEP_FAILING')
    return STEP_CATEGORY[problem.field] ?? (importFailed ? 'import' : 'document');
  if (importFailed && problem.code === 'DATA_REJECTED') return 'import';
  return CATEGORY_OF_CODE[problem.code];
}

/**
 * Warnings that still wait for a person: a shipment Shopify did not get is not blocking anything
 * in the ERP, but someone must fulfil the rest by hand.
 */
const ATTENTION_WARNINGS: ReadonlySet<OrderProblemCode> = new Set(['SHIPMENT_NOT_SYNCED']);

/** The problem is open work for an operator (an error, or a warning someone must act on). */
export function needsOperator(problem: Pick<OrderProblem, 'code' | 'severity'>): boolean {
  return problem.severity === 'error' || ATTENTION_WARNINGS.has(problem.code);
}
