import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  buildCreditMemo,
  type CreditMemoDraft,
  type CreditMemoOrderLine,
} from '../../../domain/credit-memo-lines';
import type { MoneyBag } from '../../../domain/order-snapshot';
import {
  blockingRefundProblems,
  refundNumber,
  RefundProblems,
  type RefundProblem,
  type RefundRef,
} from '../../../domain/refund-problems';
import { creditMemoMode } from '../../../domain/refund-settings';
import {
  GlAccount,
  ImportedOrder,
  ImportedOrderAdjustment,
  ImportedOrderLine,
  ImportedRefund,
  ImportedRefundLine,
  ImportedRefundShippingLine,
  NumberSeries,
  SalesHeader,
  SalesLine,
  ShopCard,
} from '../../entities';
import { inTransaction, lockShopifyOrder, type ErpContext } from '../shared/context';
import { nextNumber } from '../shared/number-series';
import { findOrderDocument } from '../documents/order-document';

/** Credit memo numbers: created on first use, like the posted-document series. */
export const CREDIT_MEMO_NOS = { code: 'S-CRM', prefix: 'SCM', digits: 6 } as const;

export type CreditMemoRequester = 'automatic' | 'operator';

export interface CreditMemoSummary {
  salesHeaderId: number;
  documentNo: string;
  status: 'open' | 'released';
  /** Decimal strings in the memo's currency. */
  amountIncludingTax: string;
  /** ISO code of the amounts. */
  isoCode: string;
  /** The rounding line's amount ("0" when none). */
  rounding: string;
}

/**
 * What happened to a request for a refund's credit memo. Only `created` wrote anything; every other
 * outcome is safe to ask again.
 */
export type CreditMemoResult =
  | {
      outcome: 'created' | 'exists';
      orderName: string;
      creditMemo: CreditMemoSummary;
      warnings: RefundProblem[];
    }
  /** Shopify still settles the refund's payment: its amounts are not final. */
  | { outcome: 'payment-pending'; orderName: string }
  /** The shop card leaves credit memos to the operator. */
  | { outcome: 'waiting-for-operator'; orderName: string; problems: RefundProblem[] }
  /** The order has no sales order or invoice yet. */
  | { outcome: 'waiting-for-document'; orderName: string; problems: RefundProblem[] }
  /** Something to fix first (an account, the return location, an item mapping). */
  | { outcome: 'blocked'; orderName: string; problems: RefundProblem[] }
  /** Never: the refund is not creditable, not imported, or the shop ignores refunds. */
  | { outcome: 'refused'; orderName: string; problems: RefundProblem[] };

function summaryOf(header: SalesHeader, isoCode: string, rounding: string): CreditMemoSummary {
  return {
    salesHeaderId: header.id,
    documentNo: header.no,
    status: header.status,
    amountIncludingTax: header.amountIncludingTax,
    isoCode,
    rounding,
  };
}

function isoCodeOf(header: SalesHeader, order: ImportedOrder): string {
  return header.currencyHandling === 'presentment' ? order.presentmentCurrencyCode : order.currencyCode;
}

async function existingMemo(em: EntityManager, refund: ImportedRefund, order: ImportedOrder) {
  const header = await em.findOne(SalesHeader, {
    store: refund.store,
    shopifyRefundId: refund.shopifyRefundId,
    documentType: 'credit_memo',
  });
  if (!header) return null;
  const rounding = await em.findOne(SalesLine, { headerId: header.id, origin: 'rounding' });
  return summaryOf(header, isoCodeOf(header, order), rounding?.amount ?? '0');
}

function bag(shop: string, presentment: string, order: ImportedOrder): MoneyBag {
  return {
    shop: { amount: shop, currencyCode: order.currencyCode },
    presentment: { amount: presentment, currencyCode: order.presentmentCurrencyCode },
  };
}

async function draftFor(
  em: EntityManager,
  refund: ImportedRefund,
  order: ImportedOrder,
  shop: ShopCard,
  document: SalesHeader,
): Promise<CreditMemoDraft> {
  // One connection per transaction: queries run one after the other.
  const byPosition = { orderBy: { position: 'asc' } } as const;
  const lines = await em.find(ImportedRefundLine, { refundId: refund.id }, byPosition);
  const shippingLines = await em.find(ImportedRefundShippingLine, { refundId: refund.id }, byPosition);
  const adjustments = await em.find(ImportedOrderAdjustment, { refundId: refund.id }, byPosition);
  const orderLines = await em.find(ImportedOrderLine, { orderId: order.id });
  const accountNos = [
    shop.refundAccountNo,
    shop.refundAccountNonRestockNo,
    shop.shippingChargesAccountNo,
    shop.soldGiftCardAccountNo,
  ].filter((accountNo): accountNo is string => Boolean(accountNo));
  const accounts = await em.find(GlAccount, { no: { $in: accountNos } });
  return buildCreditMemo({
    orderName: order.name,
    shopifyRefundId: refund.shopifyRefundId,
    shop: {
      code: shop.code,
      returnLocationCode: shop.returnLocationCode ?? null,
      refundAccountNo: shop.refundAccountNo ?? null,
      refundAccountNonRestockNo: shop.refundAccountNonRestockNo ?? null,
      shippingChargesAccountNo: shop.shippingChargesAccountNo ?? null,
      soldGiftCardAccountNo: shop.soldGiftCardAccountNo ?? null,
      shopifyOrderNoOnDocumentLine: shop.shopifyOrderNoOnDocumentLine,
    },
    document: {
      // The order document's frozen choice of money bag (SPEC §1), never the shop card's current one.
      side: document.currencyHandling === 'presentment' ? 'presentment' : 'shop',
      isoCode: isoCodeOf(document, order),
      pricesIncludingTax: document.pricesIncludingTax,
      taxRatePercent: document.taxRatePercent,
    },
    refund: {
      totalRefunded: bag(refund.totalRefundedShop, refund.totalRefundedPresentment, order),
      lines: lines.map((line) => ({
        shopifyLineId: line.shopifyLineId,
        quantity: line.quantity,
        restockType: line.restockType,
        restocked: line.restocked,
        price: bag(line.priceShop, line.pricePresentment, order),
        subtotal: bag(line.subtotalShop, line.subtotalPresentment, order),
        totalTax: bag(line.totalTaxShop, line.totalTaxPresentment, order),
      })),
      shippingLines: shippingLines.map((line) => ({
        shopifyShippingLineId: line.shopifyShippingLineId ?? null,
        title: line.title ?? null,
        subtotal: bag(line.subtotalShop, line.subtotalPresentment, order),
        tax: bag(line.taxShop, line.taxPresentment, order),
      })),
      adjustments: adjustments.map((adjustment) => ({
        reason: adjustment.reason ?? null,
        amount: bag(adjustment.amountShop, adjustment.amountPresentment, order),
        tax: bag(adjustment.taxShop, adjustment.taxPresentment, order),
      })),
    },
    orderLines: Object.fromEntries(
      orderLines.map((line): [string, CreditMemoOrderLine] => [
        line.shopifyLineId,
        {
          name: line.name,
          sku: line.sku ?? null,
          isGiftCard: line.isGiftCard,
          isTip: line.isTip,
          taxable: line.taxable,
          itemNo: line.itemNo ?? null,
          variantCode: line.variantCode ?? null,
        },
      ]),
    ),
    glAccounts: Object.fromEntries(
      accounts.map((account) => [account.no, { name: account.name, taxable: account.taxable }]),
    ),
  });
}

function recordProblems(refund: ImportedRefund, problems: readonly RefundProblem[]): void {
  const blocking = blockingRefundProblems(problems);
  refund.problems = [...problems];
  refund.hasError = blocking.length > 0;
  refund.errorText = blocking.length > 0 ? blocking.map((problem) => problem.message).join('\n') : null;
}

async function nextCreditMemoNo(em: EntityManager): Promise<string> {
  await em.upsert(NumberSeries, CREDIT_MEMO_NOS, { onConflictFields: ['code'], onConflictAction: 'ignore' });
  return nextNumber(em, CREDIT_MEMO_NOS.code);
}

async function attempt(
  em: EntityManager,
  ref: { store: string; shopifyRefundId: string },
  requestedBy: CreditMemoRequester,
): Promise<CreditMemoResult> {
  const found = await em.findOne(ImportedRefund, { store: ref.store, shopifyRefundId: ref.shopifyRefundId });
  if (!found) {
    const problem = RefundProblems.notImported({
      orderName: '(unknown order)',
      shopifyRefundId: ref.shopifyRefundId,
    });
    return { outcome: 'refused', orderName: '(unknown order)', problems: [problem] };
  }
  const order = await em.findOneOrFail(ImportedOrder, found.orderId);
  // Serialised with the order's imports and its document: one credit memo, built from settled data.
  await lockShopifyOrder(em, order.store, order.shopifyOrderId);
  const refund = await em.refresh(found);
  if (!refund)
    throw new Error(`Refund ${ref.shopifyRefundId} of order ${order.name} vanished during the request`);
  const problemRef: RefundRef = { orderName: order.name, shopifyRefundId: refund.shopifyRefundId };
  const orderName = order.name;

  const existing = await existingMemo(em, refund, order);
  if (existing) return { outcome: 'exists', orderName, creditMemo: existing, warnings: [] };

  const shop = await em.findOneOrFail(ShopCard, order.shopCode);
  const mode = creditMemoMode(shop);
  if (mode.mode === 'ignored') {
    return { outcome: 'refused', orderName, problems: [RefundProblems.processOff(problemRef, shop.code)] };
  }
  if (refund.kind === 'order-edit') {
    return { outcome: 'refused', orderName, problems: [RefundProblems.notCreditable(problemRef)] };
  }
  if (requestedBy === 'automatic' && mode.mode === 'operator') {
    const problems = 'invalidSettings' in mode ? [RefundProblems.settingsInvalid(problemRef, shop.code)] : [];
    recordProblems(refund, problems);
    return { outcome: 'waiting-for-operator', orderName, problems };
  }
  if (refund.paymentState === 'pending') return { outcome: 'payment-pending', orderName };

  const document = await findOrderDocument(em, order.id);
  if (!document) {
    const problems = [RefundProblems.orderDocumentMissing(problemRef)];
    recordProblems(refund, problems);
    return { outcome: 'waiting-for-document', orderName, problems };
  }

  const draft = await draftFor(em, refund, order, shop, document);
  recordProblems(refund, draft.problems);
  if (blockingRefundProblems(draft.problems).length > 0) {
    return { outcome: 'blocked', orderName, problems: draft.problems };
  }
  const documentNo = await nextCreditMemoNo(em);
  const released = shop.autoReleaseOrders;
  const header = em.create(SalesHeader, {
    documentType: 'credit_memo',
    no: documentNo,
    status: released ? 'released' : 'open',
    releasedAt: released ? new Date() : null,
    sellToCustomerNo: document.sellToCustomerNo,
    billToCustomerNo: document.billToCustomerNo,
    sellToAddress: document.sellToAddress,
    billToAddress: document.billToAddress,
    shipToAddress: document.shipToAddress ?? null,
    email: document.email ?? null,
    phone: document.phone ?? null,
    currencyCode: document.currencyCode ?? null,
    currencyHandling: document.currencyHandling,
    exchangeRateLcyPerUnit: document.exchangeRateLcyPerUnit,
    pricesIncludingTax: document.pricesIncludingTax,
    taxAreaCode: document.taxAreaCode ?? null,
    taxRatePercent: document.taxRatePercent,
    externalDocumentNo: `${order.name} refund ${refundNumber(refund.shopifyRefundId)}`,
    documentDate: (refund.shopifyCreatedAt ?? refund.processedAt ?? new Date()).toISOString().slice(0, 10),
    workDescription: refund.note ?? null,
    store: refund.store,
    shopifyOrderId: order.shopifyOrderId,
    shopifyOrderName: order.name,
    shopifyRefundId: refund.shopifyRefundId,
    importedOrderId: order.id,
    shopCode: shop.code,
    amount: draft.totals.amount,
    taxAmount: draft.totals.taxAmount,
    amountIncludingTax: draft.totals.amountIncludingTax,
    shopifyTotal: draft.refundTotal,
    totalDifference: draft.reconciliation.difference,
    reconciliation: draft.reconciliation,
  });
  await em.flush();
  for (const line of draft.lines) em.create(SalesLine, { headerId: header.id, ...line });
  refund.creditMemoNo = documentNo;
  await em.flush();
  return {
    outcome: 'created',
    orderName,
    creditMemo: summaryOf(header, isoCodeOf(document, order), draft.rounding),
    warnings: draft.problems,
  };
}

/**
 * The sales credit memo for one Shopify refund (SPEC §6), exactly once: a second call, a retry or
 * a parallel worker gets the existing memo (calls are serialised by the order's lock, and the
 * partial unique index on (store, refund) backs that up). `automatic` requests respect the shop
 * card (auto_credit_memo with auto create orders); an operator's request works in import_only too.
 * A refund whose payment is pending, or whose order has no document yet, waits. One transaction.
 */
export async function createCreditMemo(
  context: ErpContext,
  ref: { store: string; shopifyRefundId: string },
  requestedBy: CreditMemoRequester,
): Promise<CreditMemoResult> {
  try {
    return await inTransaction(context, (em) => attempt(em, ref, requestedBy));
  } catch (error) {
    // Only reachable when the lock was bypassed (a memo inserted by hand): the index wins.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return inTransaction(context, (em) => attempt(em, ref, requestedBy));
  }
}
