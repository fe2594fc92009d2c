import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/money';
import { closeDecision, documentProgress } from '../../domain/order-closing';
import type { OrderSnapshot, Refund, Transaction } from '../../domain/order-snapshot';
import { ImportedRefund, SalesHeader, SalesLine, ShopCard } from '../../erp/entities';
import { createCreditMemo } from '../../erp/services/refunds';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder } from '../../erp/services/orders';
import { postSalesShipment } from '../../erp/services/shipments';
import { releaseSalesDocument } from '../../erp/services/documents';
import { bag, line } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp(async (orm) => {
  await orm.em.fork().nativeUpdate(ShopCard, { code: SHOP }, { returnRefundProcess: 'auto_credit_memo' });
});
const em = () => erp.orm.em.fork();

const sale = (amount: string): Transaction => ({
  shopifyTransactionId: 'gid://shopify/OrderTransaction/1',
  kind: 'SALE',
  status: 'SUCCESS',
  gateway: 'shopify_payments',
  formattedGateway: 'Shopify Payments',
  amount: bag(amount),
  parentTransactionId: null,
  createdAt: '2026-11-20T10:00:00Z',
  processedAt: '2026-11-20T10:00:00Z',
  test: false,
  errorCode: null,
});

/** Issue 18 item 3: a paid order of 2 units; Shopify refunds 1 unshipped unit with restock type CANCEL. */
function cancelOneOfTwo(order: OrderSnapshot): OrderSnapshot {
  const refundPayment: Transaction = {
    ...sale('36.19'),
    shopifyTransactionId: 'gid://shopify/OrderTransaction/2',
    kind: 'REFUND',
    parentTransactionId: 'gid://shopify/OrderTransaction/1',
  };
  const refund: Refund = {
    shopifyRefundId: `gid://shopify/Refund/${order.number}`,
    createdAt: '2026-11-21T10:00:00Z',
    processedAt: '2026-11-21T10:00:00Z',
    note: null,
    totalRefunded: bag('36.19'),
    lines: [
      {
        shopifyRefundLineId: 'gid://shopify/RefundLineItem/1',
        shopifyLineId: order.lines[0]!.shopifyLineId,
        quantity: 1,
        restockType: 'CANCEL',
        restocked: true,
        locationId: 'gid://shopify/Location/101',
        price: bag('28.95'),
        subtotal: bag('28.95'),
        totalTax: bag('7.24'),
      },
    ],
    shipping: null,
    shippingLines: [],
    orderAdjustments: [],
    transactionIds: [refundPayment.shopifyTransactionId],
    transactions: [refundPayment],
    returnId: null,
  };
  return {
    ...order,
    updatedAt: '2026-11-21T10:00:00Z',
    financialStatus: 'PARTIALLY_REFUNDED',
    lines: [{ ...order.lines[0]!, currentQuantity: 1, unfulfilledQuantity: 1 }],
    transactions: [...order.transactions, refundPayment],
    refunds: [refund],
    totals: { ...order.totals, currentTotal: bag('36.19'), currentTotalTax: bag('7.24') },
  };
}

describe('a refund that cancels an unshipped unit', () => {
  it('is neither billed, nor received into stock, nor waited for; the order can close', async () => {
    const order = newOrder({
      lines: [
        line(1, { quantity: 2, currentQuantity: 2, unfulfilledQuantity: 2, originalUnitPrice: bag('28.95') }),
      ],
      shippingLines: [],
      transactions: [sale('72.38')],
      totals: {
        currentTotal: bag('72.38'),
        currentTotalTax: bag('14.48'),
        currentShipping: bag('0.00'),
        totalTipReceived: bag('0.00'),
      },
    });
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, order);
    const created = await createSalesDocument(erp.orm, importedOrderId);

    const reimport = await importOrder(erp.orm, SHOP, cancelOneOfTwo(order));
    expect(reimport).toMatchObject({ documentRebuilt: true });
    const refund = await em().findOneOrFail(ImportedRefund, {
      store: STORE,
      shopifyRefundId: `gid://shopify/Refund/${order.number}`,
    });
    const memo = await createCreditMemo(erp.orm, refund, 'automatic');
    expect(memo.outcome).not.toBe('created');
    expect(await em().count(SalesHeader, { importedOrderId, documentType: 'credit_memo' })).toBe(0);

    const header = await em().findOneOrFail(SalesHeader, created.salesHeaderId);
    // Billed: the unit the customer kept paying for, and Shopify's current total exactly.
    expect(new Decimal(header.amountIncludingTax).toFixed(2)).toBe('36.19');
    await releaseSalesDocument(erp.orm, header.no);
    await postSalesShipment(erp.orm, { document: header.no, lines: [{ lineNo: 20000, quantity: '1' }] });
    const lines = await em().find(SalesLine, { headerId: header.id });
    const document = {
      documentType: 'order' as const,
      documentNo: header.no,
      lines: lines.map((entry) => ({
        type: entry.type,
        quantity: entry.quantity,
        quantityShipped: entry.quantityShipped,
        quantityInvoiced: entry.quantityInvoiced,
      })),
    };
    expect(documentProgress(document).unitsToShip.toNumber()).toBe(0);
    expect(
      closeDecision({
        shopify: {
          closed: false,
          cancelled: false,
          fullyPaid: true,
          financialStatus: 'PARTIALLY_REFUNDED',
          fulfillmentStatus: 'FULFILLED',
        },
        document,
        shipmentsAwaitingSync: 0,
        closeRequiresInvoice: false,
        shopCode: SHOP,
      }),
    ).toMatchObject({ action: 'close' });
  });
});
