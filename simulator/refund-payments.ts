import { Amounts } from './money';
import { commitOrderChange } from './mutations/common';
import type { RefundRecord, TransactionRecord } from './records';
import type { ShopStore } from './store';

/**
 * Some gateways settle a refund later: Shopify then shows the refund's transactions as PENDING and
 * its totalRefunded as 0 until they succeed. refundCreate cannot ask for that, so this seed
 * function plays the gateway: it sets the status of the refund's transactions, the refund's total
 * becomes the sum of its successful ones, and the order changes (updatedAt, orders/updated).
 */
export function setRefundPaymentStatus(
  store: ShopStore,
  refundId: string,
  status: TransactionRecord['status'],
): RefundRecord {
  const refund = store.nodeOfType<RefundRecord>(refundId, 'Refund');
  if (!refund) throw new Error(`setRefundPaymentStatus: no refund ${refundId}`);
  const order = store.order(refund.sim.orderId);
  if (!order) throw new Error(`setRefundPaymentStatus: refund ${refundId} has no order`);
  const transactions = refund.sim.transactionIds
    .map((id) => order.transactions.find((transaction) => transaction.id === id))
    .filter((transaction): transaction is TransactionRecord => transaction !== undefined);
  for (const transaction of transactions) transaction.status = status;
  refund.totalRefundedSet = Amounts.sum(
    transactions
      .filter((transaction) => transaction.status === 'SUCCESS')
      .map((transaction) => Amounts.fromBag(transaction.amountSet)),
  )
    .round()
    .bag({ shop: order.currencyCode, presentment: order.presentmentCurrencyCode });
  refund.updatedAt = store.timestamp();
  commitOrderChange(store, order);
  return refund;
}
