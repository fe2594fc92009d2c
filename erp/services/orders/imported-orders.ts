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

/** Imported orders, newest in Shopify first (for `orders list`). */
export async function listImportedOrders(context: ErpContext, filter: ImportedOrderListFilter) {
  const where: FilterQuery<ImportedOrder> = {
    ...(filter.errorsOnly ? { hasError: true } : {}),
    ...(filter.shopCode ? { shopCode: filter.shopCode } : {}),
    ...(filter.includeClosed ? {} : { stage: { $ne: 'closed' } }),
  };
  return entityManagerOf(context).find(ImportedOrder, where, {
    orderBy: { shopifyCreatedAt: 'desc' },
    limit: filter.limit,
    fields: [...LISTED_FIELDS],
  });
}

/** One imported order with its snapshot, or null. */
export function findImportedOrder(
  context: ErpContext,
  importedOrderId: number,
): Promise<ImportedOrder | null> {
  return entityManagerOf(context).findOne(ImportedOrder, importedOrderId);
}
