import type { FilterQuery } from '@mikro-orm/core';
import { ImportedOrder } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';

export interface ImportedOrderListFilter {
  errorsOnly?: boolean;
  shopCode?: string;
  /** Closed (completed) orders too; open ones only otherwise. */
  includeClosed?: boolean;
  limit: number;
}

/** The fields an order list shows: the snapshot and the texts of large columns stay unread. */
const LISTED_FIELDS = [
  'name',
  'shopCode',
  'stage',
  'hasError',
  'errorText',
  'conflictText',
  'financialStatus',
  'fulfillmentStatus',
  'currentTotalShop',
  'currencyCode',
  'sellToCustomerNo',
  'shopifyCreatedAt',
] as const;

/**
 * Imported orders, newest in Shopify first (for `orders list`). Without `includeClosed`, an order
 * closed in Shopify still shows while its sales order or invoice is not archived: the ERP side
 * (shipping, posting the invoice) is not done yet.
 */
export async function listImportedOrders(context: ErpContext, filter: ImportedOrderListFilter) {
  const where: FilterQuery<ImportedOrder> = {
    ...(filter.errorsOnly ? { hasError: true } : {}),
    ...(filter.shopCode ? { shopCode: filter.shopCode } : {}),
  };
  const query = entityManagerOf(context)
    .createQueryBuilder(ImportedOrder, 'o')
    .select(['id', ...LISTED_FIELDS])
    .where(where)
    .orderBy({ shopifyCreatedAt: 'desc' })
    .limit(filter.limit);
  if (!filter.includeClosed) {
    query.andWhere(
      `(o.stage <> 'closed' or exists (select 1 from sales_header h
         where h.imported_order_id = o.id and h.document_type in ('order', 'invoice')
           and h.archived_at is null))`,
    );
  }
  return query.getResult();
}

/** One imported order with its snapshot, or null. */
export function findImportedOrder(
  context: ErpContext,
  importedOrderId: number,
): Promise<ImportedOrder | null> {
  return entityManagerOf(context).findOne(ImportedOrder, importedOrderId);
}
