import type { Transaction } from '../../../domain/order-snapshot';

/**
 * The columns of an imported transaction that come straight from Shopify's: shared by the order
 * import (the order's own transactions) and the refund import (the transactions refunds pay back
 * through), so both store a transaction the same way.
 */
export function transactionFields(transaction: Transaction) {
  return {
    kind: transaction.kind,
    status: transaction.status,
    gateway: transaction.gateway,
    formattedGateway: transaction.formattedGateway,
    amountShop: transaction.amount.shop.amount,
    currencyShop: transaction.amount.shop.currencyCode,
    amountPresentment: transaction.amount.presentment.amount,
    currencyPresentment: transaction.amount.presentment.currencyCode,
    parentTransactionId: transaction.parentTransactionId,
    shopifyCreatedAt: new Date(transaction.createdAt),
    processedAt: transaction.processedAt ? new Date(transaction.processedAt) : null,
    test: transaction.test,
    errorCode: transaction.errorCode,
  };
}
