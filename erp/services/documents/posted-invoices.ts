import { PostedSalesInvoice } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';

/** The posted sales invoices of one Shopify order, oldest first. */
export async function postedInvoicesOfShopifyOrder(
  context: ErpContext,
  order: { store: string; shopifyOrderId: string },
): Promise<PostedSalesInvoice[]> {
  return entityManagerOf(context).find(
    PostedSalesInvoice,
    { store: order.store, shopifyOrderId: order.shopifyOrderId },
    { orderBy: { id: 'asc' } },
  );
}
