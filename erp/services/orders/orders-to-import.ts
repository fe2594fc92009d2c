import { OrderToImport } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';

/**
 * Stage 1 rows as operators see them (`orderbridge orders-to-import`). Order sync writes and claims
 * them (record-discovered-orders.ts); a successful import deletes its row. Each function here is
 * atomic by itself, so it is sent without BEGIN and COMMIT around it.
 */
export interface OrderToImportView {
  id: number;
  store: string;
  shopifyOrderId: string;
  name: string;
  shopifyUpdatedAt: string;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  riskLevel: string | null;
  tags: string[];
  channel: string | null;
  totalAmount: string;
  currencyCode: string;
  hasError: boolean;
  errorText: string | null;
  claimedByShopCode: string | null;
}

function view(row: OrderToImport): OrderToImportView {
  return {
    id: row.id,
    store: row.store,
    shopifyOrderId: row.shopifyOrderId,
    name: row.name,
    shopifyUpdatedAt: row.shopifyUpdatedAt.toISOString(),
    financialStatus: row.financialStatus ?? null,
    fulfillmentStatus: row.fulfillmentStatus ?? null,
    riskLevel: row.riskLevel ?? null,
    tags: row.tags,
    channel: row.channel ?? null,
    totalAmount: row.totalAmount,
    currencyCode: row.currencyCode,
    hasError: row.hasError,
    errorText: row.errorText ?? null,
    claimedByShopCode: row.claimedByShopCode ?? null,
  };
}

/** The rows, newest change first: all, those with errors, those a shop card claimed, or these ids. */
export async function listOrdersToImport(
  context: ErpContext,
  filter: { ids?: readonly number[]; shopCode?: string; hasError?: boolean; limit?: number } = {},
): Promise<OrderToImportView[]> {
  const rows = await entityManagerOf(context).find(
    OrderToImport,
    {
      ...(filter.ids ? { id: { $in: [...filter.ids] } } : {}),
      ...(filter.shopCode ? { claimedByShopCode: filter.shopCode } : {}),
      ...(filter.hasError === undefined ? {} : { hasError: filter.hasError }),
    },
    { orderBy: { shopifyUpdatedAt: 'desc', id: 'desc' }, ...(filter.limit ? { limit: filter.limit } : {}) },
  );
  return rows.map(view);
}

/** Leaves orders out (SPEC §3): they are listed again only when Shopify changes them. */
export async function deleteOrdersToImport(context: ErpContext, ids: readonly number[]): Promise<number> {
  return entityManagerOf(context).nativeDelete(OrderToImport, { id: { $in: [...ids] } });
}

/** Keeps a failed import's row with has-error and the full text; the other rows go on. */
export async function markOrderToImportFailed(
  context: ErpContext,
  store: string,
  shopifyOrderId: string,
  errorText: string,
): Promise<boolean> {
  const updated = await entityManagerOf(context).nativeUpdate(
    OrderToImport,
    { store, shopifyOrderId },
    { hasError: true, errorText },
  );
  return updated > 0;
}
