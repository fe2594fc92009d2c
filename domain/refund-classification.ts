import { cancelledRefundAmount, isCancelledUnit } from './cancelled-units';
import { toDecimal } from './money';
import type { MoneyBag, OrderSnapshot, Refund, Transaction, TransactionStatus } from './order-snapshot';

/**
 * What a Shopify refund means to the ERP (SPEC §6, reference §2.4–2.5).
 *
 * - `credit`: the refund moved money or goods (an amount, a return, a RETURN restock, or a payment
 *   still under way): it becomes a credit memo, and the order's sales document keeps billing what
 *   was sold.
 * - `order-edit`: nothing was paid back and nothing came back (e.g. items removed from an unpaid
 *   order). Shopify already lowered the order's quantities; the import treats that like an edit,
 *   and there is nothing to credit.
 */
export type RefundKind = 'credit' | 'order-edit';

/** A refund's payment: still under way (wait), done, or there is none (a goods-only refund). */
export type RefundPaymentState = 'pending' | 'settled' | 'none';

/** The parts of a refund the classification reads; both the snapshot and the ERP rows provide them. */
export interface RefundFacts {
  /** Shopify's totalRefunded in the shop currency, a decimal string. */
  totalRefundedShop: string;
  returnId: string | null;
  lines: readonly { restockType: string; subtotal: MoneyBag; totalTax: MoneyBag }[];
  transactions: readonly { kind: string; status: string }[];
  /** The order's: whether line subtotals already include their tax. */
  taxesIncluded: boolean;
}

const UNSETTLED: readonly TransactionStatus[] = ['PENDING', 'AWAITING_RESPONSE'];

/**
 * Pending when any refund transaction is still PENDING or AWAITING_RESPONSE: Shopify reports the
 * refund's total as 0 until it settles, so a credit memo made now would be wrong.
 */
export function refundPaymentState(transactions: RefundFacts['transactions']): RefundPaymentState {
  const refunds = transactions.filter((transaction) => transaction.kind === 'REFUND');
  if (refunds.some((transaction) => (UNSETTLED as readonly string[]).includes(transaction.status)))
    return 'pending';
  return refunds.some((transaction) => transaction.status === 'SUCCESS') ? 'settled' : 'none';
}

/**
 * The reference's rule (a return, a non-zero total, or a RETURN restock) plus two cases it misses:
 * a refund whose payment is pending shows a total of 0 but will pay money back; and money paid back
 * for cancelled units is no credit, since the document never bills them (cancelled-units.ts).
 */
export function classifyRefund(refund: RefundFacts): RefundKind {
  const total = toDecimal(refund.totalRefundedShop, 'refund.totalRefunded');
  const cancelled = cancelledRefundAmount(refund.lines, 'shop', refund.taxesIncluded);
  if (!total.isZero() && !total.equals(cancelled)) return 'credit';
  if (refund.returnId !== null) return 'credit';
  if (refund.lines.some((line) => line.restockType === 'RETURN')) return 'credit';
  if (refundPaymentState(refund.transactions) === 'pending') return 'credit';
  return 'order-edit';
}

/**
 * The refund's transactions as the snapshot knows them: its own list when present, else the
 * order's transactions it names (snapshots stored before refunds carried their transactions).
 */
export function transactionsOfRefund(
  refund: Pick<Refund, 'transactionIds'> & { transactions?: readonly Transaction[] },
  orderTransactions: readonly Transaction[],
): readonly Transaction[] {
  if (refund.transactions && refund.transactions.length > 0) return refund.transactions;
  const wanted = new Set(refund.transactionIds);
  return orderTransactions.filter((transaction) => wanted.has(transaction.shopifyTransactionId));
}

export function refundFactsOf(
  refund: Refund,
  order: Pick<OrderSnapshot, 'transactions' | 'taxesIncluded'>,
): RefundFacts {
  return {
    totalRefundedShop: refund.totalRefunded.shop.amount,
    returnId: refund.returnId,
    lines: refund.lines,
    transactions: transactionsOfRefund(refund, order.transactions),
    taxesIncluded: order.taxesIncluded,
  };
}

/**
 * Whether an order may have refunds in the ERP: Shopify never deletes a refund, so an order whose
 * latest snapshot lists none has none; a snapshot taken before refunds were read does not know.
 */
export function mayHaveRefunds(snapshot: Pick<OrderSnapshot, 'refunds'>): boolean {
  return snapshot.refunds === undefined || snapshot.refunds.length > 0;
}

/** The order's refunds that become credit memos. */
export function creditRefunds(
  snapshot: Pick<OrderSnapshot, 'refunds' | 'transactions' | 'taxesIncluded'>,
): Refund[] {
  return (snapshot.refunds ?? []).filter(
    (refund) => classifyRefund(refundFactsOf(refund, snapshot)) === 'credit',
  );
}

/**
 * Units per order line (LineItem GID) that credit memos give back. Shopify's `currentQuantity`
 * already leaves them out; the sales document adds them back, since the credit memo credits them.
 * Cancelled units stay out: they are neither billed nor credited.
 */
export function quantitiesCreditedByRefunds(
  snapshot: Pick<OrderSnapshot, 'refunds' | 'transactions' | 'taxesIncluded'>,
): ReadonlyMap<string, number> {
  const credited = new Map<string, number>();
  for (const refund of creditRefunds(snapshot)) {
    for (const line of refund.lines.filter((entry) => !isCancelledUnit(entry)))
      credited.set(line.shopifyLineId, (credited.get(line.shopifyLineId) ?? 0) + line.quantity);
  }
  return credited;
}

/**
 * The quantity the sales document bills for an order line: what Shopify still counts, plus the
 * units credit memos give back (so the refund is credited once, by its memo, not twice).
 */
export function billedQuantity(
  line: { shopifyLineId: string; currentQuantity: number },
  credited: ReadonlyMap<string, number>,
): number {
  return line.currentQuantity + (credited.get(line.shopifyLineId) ?? 0);
}
