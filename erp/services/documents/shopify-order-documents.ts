import { SalesHeader, SalesLine } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';

/** The sales documents made for one Shopify order, with their lines in document and line order. */
export async function documentsOfShopifyOrder(
  context: ErpContext,
  order: { store: string; shopifyOrderId: string },
): Promise<{ documents: SalesHeader[]; lines: SalesLine[] }> {
  const em = entityManagerOf(context);
  const documents = await em.find(SalesHeader, { store: order.store, shopifyOrderId: order.shopifyOrderId });
  const lines = documents.length
    ? await em.find(
        SalesLine,
        { headerId: { $in: documents.map((document) => document.id) } },
        { orderBy: { headerId: 'asc', lineNo: 'asc' } },
      )
    : [];
  return { documents, lines };
}
