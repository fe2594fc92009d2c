import type { EntityManager } from '@mikro-orm/postgresql';
import { isGiftCardPayment, lastCharactersOf } from '../../../domain/gift-card-payments';
import type { OrderSnapshot, Refund, Transaction } from '../../../domain/order-snapshot';
import { classifyRefund, refundFactsOf, refundPaymentState } from '../../../domain/refund-classification';
import { importsRefunds } from '../../../domain/refund-settings';
import {
  ImportedOrderAdjustment,
  ImportedRefund,
  ImportedRefundLine,
  ImportedRefundShippingLine,
  ImportedReturn,
  ImportedReturnLine,
  ImportedTransaction,
  type ImportedOrder,
  type ShopCard,
} from '../../entities';
import { transactionFields } from '../orders/imported-transaction-fields';

function date(value: string | null): Date | null {
  return value ? new Date(value) : null;
}

function transactionRow(orderId: number, transaction: Transaction) {
  return {
    orderId,
    shopifyTransactionId: transaction.shopifyTransactionId,
    ...transactionFields(transaction),
  };
}

/**
 * What the order import keeps of payments beyond the transaction rows it writes itself: the masked
 * account, a gift card's last characters, and which refund a transaction pays back. A refund's
 * transaction the order list did not carry (it should) is added, so a refund's payment is never lost.
 */
async function writePaymentDetails(
  em: EntityManager,
  order: ImportedOrder,
  snapshot: OrderSnapshot,
  transactions: readonly ImportedTransaction[] | undefined,
) {
  const rows = transactions ?? (await em.find(ImportedTransaction, { orderId: order.id }));
  const byId = new Map(rows.map((row) => [row.shopifyTransactionId, row]));
  const refundOf = new Map<string, string>();
  for (const refund of snapshot.refunds ?? []) {
    for (const id of refund.transactionIds) refundOf.set(id, refund.shopifyRefundId);
    for (const transaction of refund.transactions ?? []) {
      refundOf.set(transaction.shopifyTransactionId, refund.shopifyRefundId);
      if (!byId.has(transaction.shopifyTransactionId)) {
        byId.set(
          transaction.shopifyTransactionId,
          em.create(ImportedTransaction, transactionRow(order.id, transaction)),
        );
      }
    }
  }
  const known = new Map(
    [
      ...snapshot.transactions,
      ...(snapshot.refunds ?? []).flatMap((refund) => refund.transactions ?? []),
    ].map((transaction) => [transaction.shopifyTransactionId, transaction]),
  );
  for (const [id, row] of byId) {
    const transaction = known.get(id);
    if (!transaction) continue;
    const accountNumber = transaction.accountNumber ?? null;
    em.assign(row, {
      accountNumber,
      giftCardLastCharacters: isGiftCardPayment(transaction) ? lastCharactersOf(accountNumber) : null,
      shopifyRefundId: refundOf.get(id) ?? null,
    });
  }
}

function refundFields(refund: Refund, snapshot: OrderSnapshot) {
  const facts = refundFactsOf(refund, snapshot);
  return {
    shopifyCreatedAt: date(refund.createdAt),
    processedAt: date(refund.processedAt),
    note: refund.note,
    totalRefundedShop: refund.totalRefunded.shop.amount,
    currencyShop: refund.totalRefunded.shop.currencyCode,
    totalRefundedPresentment: refund.totalRefunded.presentment.amount,
    currencyPresentment: refund.totalRefunded.presentment.currencyCode,
    shopifyReturnId: refund.returnId,
    kind: classifyRefund(facts),
    paymentState: refundPaymentState(facts.transactions),
    lastImportedAt: new Date(),
  };
}

/** A refund's lines are rewritten whole: Shopify never edits a refund, but a retried import may repeat. */
async function writeRefundChildren(em: EntityManager, refundId: number, refund: Refund) {
  await em.nativeDelete(ImportedRefundLine, { refundId });
  await em.nativeDelete(ImportedRefundShippingLine, { refundId });
  await em.nativeDelete(ImportedOrderAdjustment, { refundId });
  refund.lines.forEach((line, position) =>
    em.create(ImportedRefundLine, {
      refundId,
      position,
      shopifyRefundLineId: line.shopifyRefundLineId,
      shopifyLineId: line.shopifyLineId,
      quantity: line.quantity,
      restockType: line.restockType,
      restocked: line.restocked,
      locationId: line.locationId,
      priceShop: line.price.shop.amount,
      pricePresentment: line.price.presentment.amount,
      subtotalShop: line.subtotal.shop.amount,
      subtotalPresentment: line.subtotal.presentment.amount,
      totalTaxShop: line.totalTax.shop.amount,
      totalTaxPresentment: line.totalTax.presentment.amount,
    }),
  );
  refund.shippingLines.forEach((line, position) =>
    em.create(ImportedRefundShippingLine, {
      refundId,
      position,
      shopifyRefundShippingLineId: line.shopifyRefundShippingLineId,
      shopifyShippingLineId: line.shopifyShippingLineId,
      title: line.title,
      subtotalShop: line.subtotal.shop.amount,
      subtotalPresentment: line.subtotal.presentment.amount,
      taxShop: line.tax.shop.amount,
      taxPresentment: line.tax.presentment.amount,
    }),
  );
  refund.orderAdjustments.forEach((adjustment, position) =>
    em.create(ImportedOrderAdjustment, {
      refundId,
      position,
      shopifyOrderAdjustmentId: adjustment.shopifyOrderAdjustmentId,
      reason: adjustment.reason,
      amountShop: adjustment.amount.shop.amount,
      amountPresentment: adjustment.amount.presentment.amount,
      taxShop: adjustment.tax.shop.amount,
      taxPresentment: adjustment.tax.presentment.amount,
    }),
  );
}

async function writeRefunds(em: EntityManager, order: ImportedOrder, snapshot: OrderSnapshot) {
  // Rows Shopify no longer lists stay, so without a listed refund there is nothing to read or write.
  if ((snapshot.refunds ?? []).length === 0) return;
  const stored = await em.find(ImportedRefund, { orderId: order.id });
  const byId = new Map(stored.map((row) => [row.shopifyRefundId, row]));
  for (const refund of snapshot.refunds ?? []) {
    const fields = refundFields(refund, snapshot);
    let row = byId.get(refund.shopifyRefundId);
    if (row) em.assign(row, fields);
    else {
      row = em.create(ImportedRefund, {
        orderId: order.id,
        store: order.store,
        shopifyRefundId: refund.shopifyRefundId,
        ...fields,
      });
    }
    await em.flush();
    await writeRefundChildren(em, row.id, refund);
  }
}

async function writeReturns(em: EntityManager, order: ImportedOrder, snapshot: OrderSnapshot) {
  // As for refunds: stored returns stay, so none listed means nothing to do.
  if ((snapshot.returns ?? []).length === 0) return;
  const stored = await em.find(ImportedReturn, { orderId: order.id });
  const byId = new Map(stored.map((row) => [row.shopifyReturnId, row]));
  for (const orderReturn of snapshot.returns ?? []) {
    const fields = {
      name: orderReturn.name,
      status: orderReturn.status,
      totalQuantity: orderReturn.totalQuantity,
      shopifyCreatedAt: date(orderReturn.createdAt ?? null),
      closedAt: date(orderReturn.closedAt ?? null),
    };
    let row = byId.get(orderReturn.shopifyReturnId);
    if (row) em.assign(row, fields);
    else {
      row = em.create(ImportedReturn, {
        orderId: order.id,
        shopifyReturnId: orderReturn.shopifyReturnId,
        ...fields,
      });
    }
    await em.flush();
    await em.nativeDelete(ImportedReturnLine, { returnId: row.id });
    const returnId = row.id;
    orderReturn.lines.forEach((line, position) =>
      em.create(ImportedReturnLine, {
        returnId,
        position,
        shopifyReturnLineId: line.shopifyReturnLineId,
        shopifyLineId: line.shopifyLineId,
        quantity: line.quantity,
        returnReason: line.returnReason,
        returnReasonName: line.returnReasonName ?? null,
        customerNote: line.customerNote ?? null,
      }),
    );
  }
}

/**
 * The after-sales part of an order import (SPEC §3 stage 2, §6), in the import's transaction:
 * payment details always; refunds (lines, shipping, adjustments) and returns when the shop card
 * imports them (its return and refund setting is not blank). Rows Shopify no longer lists stay:
 * Shopify never deletes a refund, and a credit memo may point at one. `transactions`: the order's
 * transaction rows when the caller holds all of them (the import just synced them), so they are
 * not read again.
 */
export async function writeAfterSalesData(
  em: EntityManager,
  order: ImportedOrder,
  snapshot: OrderSnapshot,
  shop: Pick<ShopCard, 'returnRefundProcess'>,
  transactions?: readonly ImportedTransaction[],
): Promise<void> {
  await em.flush();
  await writePaymentDetails(em, order, snapshot, transactions);
  if (importsRefunds(shop)) {
    await writeRefunds(em, order, snapshot);
    await writeReturns(em, order, snapshot);
  }
  await em.flush();
}
