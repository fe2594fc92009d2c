import { creditMemoMode } from '../../../domain/refund-settings';
import { ImportedOrder, ImportedRefund, ShopCard } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';

/** An imported order's refunds that will get a credit memo and have none yet. */
export interface RefundsAwaitingCreditMemo {
  order: { store: string; shopifyOrderId: string; shopCode: string; name: string };
  shopifyRefundIds: string[];
}

/**
 * The order's credit refunds without a credit memo, oldest first; none when its shop card ignores
 * refunds (then no credit memo is ever made).
 */
export async function refundsAwaitingCreditMemo(
  context: ErpContext,
  importedOrderId: number,
): Promise<RefundsAwaitingCreditMemo | null> {
  const em = entityManagerOf(context).fork();
  const refunds = await em.find(
    ImportedRefund,
    { orderId: importedOrderId, kind: 'credit', creditMemoNo: null },
    { orderBy: { id: 'asc' } },
  );
  if (refunds.length === 0) return null;
  const order = await em.findOneOrFail(ImportedOrder, importedOrderId);
  const shop = await em.findOneOrFail(ShopCard, order.shopCode);
  if (creditMemoMode(shop).mode === 'ignored') return null;
  return {
    order: {
      store: order.store,
      shopifyOrderId: order.shopifyOrderId,
      shopCode: order.shopCode,
      name: order.name,
    },
    shopifyRefundIds: refunds.map((refund) => refund.shopifyRefundId),
  };
}
