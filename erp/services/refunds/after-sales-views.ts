import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GIFT_CARD_GATEWAY } from '../../../domain/gift-card-payments';
import { refundNumber } from '../../../domain/refund-problems';
import { normalizeShopifyId } from '../../../domain/shopify-ids';
import {
  ImportedOrder,
  ImportedOrderLine,
  ImportedRefund,
  ImportedReturn,
  ImportedTransaction,
  IssuedGiftCard,
} from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';

/**
 * What operators read about refunds, returns, payments and gift cards (SPEC §6, §8): plain rows
 * for the CLI, read in one transaction each, amounts as the decimal strings the store keeps.
 */

export interface RefundRow {
  refund: string;
  shopifyRefundId: string;
  store: string;
  order: string;
  shopifyOrderId: string;
  shopCode: string;
  createdAt: string;
  total: string;
  presentmentTotal: string;
  kind: string;
  payment: string;
  creditMemo: string;
  error: string;
}

export class RefundNotFoundError extends Error {
  constructor(reference: string) {
    super(
      `No refund ${reference} is in the ERP: give the refund's number (as in Shopify's admin) or its gid, ` +
        'and import its order first (`orderbridge order retry <order>`) through a shop card whose returnRefundProcess is not blank',
    );
    this.name = 'RefundNotFoundError';
  }
}

type OrderRef = Pick<ImportedOrder, 'id' | 'name' | 'store' | 'shopifyOrderId' | 'shopCode'>;

function orderFilter(orders: readonly OrderRef[]) {
  return orders.map((order) => order.id);
}

async function ordersMatching(
  em: EntityManager,
  filter: { importedOrderId?: number; shopCode?: string },
): Promise<OrderRef[]> {
  const where: FilterQuery<ImportedOrder> = {
    ...(filter.importedOrderId !== undefined ? { id: filter.importedOrderId } : {}),
    ...(filter.shopCode ? { shopCode: filter.shopCode.toUpperCase() } : {}),
  };
  return em.find(ImportedOrder, where, { fields: ['id', 'name', 'store', 'shopifyOrderId', 'shopCode'] });
}

function refundRow(refund: ImportedRefund, order: OrderRef): RefundRow {
  return {
    refund: refundNumber(refund.shopifyRefundId),
    shopifyRefundId: refund.shopifyRefundId,
    store: refund.store,
    order: order.name,
    shopifyOrderId: order.shopifyOrderId,
    shopCode: order.shopCode,
    createdAt: refund.shopifyCreatedAt?.toISOString() ?? '',
    total: `${refund.totalRefundedShop} ${refund.currencyShop}`,
    presentmentTotal: `${refund.totalRefundedPresentment} ${refund.currencyPresentment}`,
    kind: refund.kind,
    payment: refund.paymentState,
    creditMemo: refund.creditMemoNo ?? '',
    error: refund.errorText ?? '',
  };
}

/** Refunds of one order, of one shop card, or all, newest first. */
export async function listRefunds(
  context: ErpContext,
  filter: { importedOrderId?: number; shopCode?: string } = {},
): Promise<RefundRow[]> {
  return inTransaction(context, async (em) => {
    const orders = await ordersMatching(em, filter);
    const byId = new Map(orders.map((order) => [order.id, order]));
    const refunds = await em.find(
      ImportedRefund,
      { orderId: { $in: orderFilter(orders) } },
      { orderBy: { shopifyCreatedAt: 'desc', id: 'desc' } },
    );
    return refunds.map((refund) => refundRow(refund, byId.get(refund.orderId)!));
  });
}

/** One refund by its number ("998877") or gid, optionally within a shop card. */
export async function findRefund(
  context: ErpContext,
  reference: string,
  shopCode?: string,
): Promise<RefundRow> {
  const shopifyRefundId = (() => {
    try {
      return normalizeShopifyId('Refund', reference);
    } catch {
      throw new RefundNotFoundError(reference);
    }
  })();
  return inTransaction(context, async (em) => {
    const refunds = await em.find(ImportedRefund, { shopifyRefundId });
    const matches: RefundRow[] = [];
    for (const refund of refunds) {
      const order = await em.findOneOrFail(ImportedOrder, refund.orderId);
      if (!shopCode || order.shopCode === shopCode.toUpperCase()) matches.push(refundRow(refund, order));
    }
    if (matches.length > 1)
      throw new Error(`Refund ${reference} exists in several stores: add --shop <code>.`);
    const [match] = matches;
    if (!match) throw new RefundNotFoundError(reference);
    return match;
  });
}

export interface ReturnRow {
  order: string;
  name: string;
  status: string;
  quantity: number;
  createdAt: string;
}

export async function listReturns(context: ErpContext, importedOrderId: number): Promise<ReturnRow[]> {
  return inTransaction(context, async (em) => {
    const order = await em.findOneOrFail(ImportedOrder, importedOrderId);
    const returns = await em.find(ImportedReturn, { orderId: importedOrderId }, { orderBy: { id: 'asc' } });
    return returns.map((entry) => ({
      order: order.name,
      name: entry.name,
      status: entry.status,
      quantity: entry.totalQuantity,
      createdAt: entry.shopifyCreatedAt?.toISOString() ?? '',
    }));
  });
}

export interface TransactionRow {
  order: string;
  transaction: string;
  kind: string;
  status: string;
  gateway: string;
  amount: string;
  currency: string;
  presentmentAmount: string;
  presentmentCurrency: string;
  giftCard: string;
  refund: string;
  createdAt: string;
  test: boolean;
}

/** Payment transactions (SPEC §6) as imported: of one order, of one shop card, or all. */
export async function listTransactions(
  context: ErpContext,
  filter: { importedOrderId?: number; shopCode?: string } = {},
): Promise<TransactionRow[]> {
  return inTransaction(context, async (em) => {
    const orders = await ordersMatching(em, filter);
    const byId = new Map(orders.map((order) => [order.id, order]));
    const transactions = await em.find(
      ImportedTransaction,
      { orderId: { $in: orderFilter(orders) } },
      { orderBy: { orderId: 'asc', shopifyCreatedAt: 'asc', id: 'asc' } },
    );
    return transactions.map((transaction) => ({
      order: byId.get(transaction.orderId)!.name,
      transaction: transaction.shopifyTransactionId.slice(
        transaction.shopifyTransactionId.lastIndexOf('/') + 1,
      ),
      kind: transaction.kind,
      status: transaction.status,
      gateway: transaction.gateway ?? '',
      amount: transaction.amountShop,
      currency: transaction.currencyShop,
      presentmentAmount: transaction.amountPresentment,
      presentmentCurrency: transaction.currencyPresentment,
      giftCard: transaction.giftCardLastCharacters ? `…${transaction.giftCardLastCharacters}` : '',
      refund: transaction.shopifyRefundId ? refundNumber(transaction.shopifyRefundId) : '',
      createdAt: transaction.shopifyCreatedAt.toISOString(),
      test: transaction.test,
    }));
  });
}

export interface GiftCardRow {
  /** issued: sold on the order; used: paid the order (a refund back to a card shows as used, kind REFUND). */
  use: 'issued' | 'used';
  order: string;
  lastCharacters: string;
  amount: string;
  currency: string;
  /** Sold card: its balance now (as last read); used card: the payment's kind and status. */
  detail: string;
}

/**
 * The gift card list (SPEC §6): cards the shop's orders issued (one row per card Shopify reported,
 * or per sold gift card line while Shopify has not), and cards used to pay (gift card transactions).
 */
export async function listGiftCards(
  context: ErpContext,
  filter: { shopCode?: string } = {},
): Promise<GiftCardRow[]> {
  return inTransaction(context, async (em) => {
    const orders = await ordersMatching(em, filter);
    const byId = new Map(orders.map((order) => [order.id, order]));
    const ids = orderFilter(orders);
    const rows: GiftCardRow[] = [];
    const cards = await em.find(
      IssuedGiftCard,
      { orderId: { $in: ids } },
      { orderBy: { shopifyCreatedAt: 'asc' } },
    );
    const cardsPerOrder = new Map<number, number>();
    for (const card of cards) {
      cardsPerOrder.set(card.orderId, (cardsPerOrder.get(card.orderId) ?? 0) + 1);
      rows.push({
        use: 'issued',
        order: byId.get(card.orderId)!.name,
        lastCharacters: card.lastCharacters,
        amount: card.initialValue,
        currency: card.currencyCode,
        detail: `balance ${card.balance}${card.enabled ? '' : ' (disabled)'}`,
      });
    }
    const soldLines = await em.find(
      ImportedOrderLine,
      { orderId: { $in: ids }, isGiftCard: true },
      { orderBy: { orderId: 'asc', position: 'asc' } },
    );
    for (const line of soldLines) {
      if (cardsPerOrder.has(line.orderId)) continue;
      const order = await em.findOneOrFail(ImportedOrder, line.orderId);
      rows.push({
        use: 'issued',
        order: order.name,
        lastCharacters: '',
        amount: line.unitPriceShop,
        currency: order.currencyCode,
        detail: `${line.quantity} × '${line.name}', card not reported by Shopify yet`,
      });
    }
    const payments = await em.find(
      ImportedTransaction,
      { orderId: { $in: ids }, gateway: GIFT_CARD_GATEWAY },
      { orderBy: { shopifyCreatedAt: 'asc', id: 'asc' } },
    );
    for (const payment of payments) {
      rows.push({
        use: 'used',
        order: byId.get(payment.orderId)!.name,
        lastCharacters: payment.giftCardLastCharacters ?? '',
        amount: payment.amountShop,
        currency: payment.currencyShop,
        detail: `${payment.kind} ${payment.status}`,
      });
    }
    return rows;
  });
}
