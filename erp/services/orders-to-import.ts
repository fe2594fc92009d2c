import { matchOrderFilters } from '../../domain/order-filters';
import { ImportedOrder, OrderToImport, ShopCard } from '../entities';
import { inTransaction, type ErpContext } from './context';

/** One discovered order, as stage 1 of the sync lists it (SPEC §3). */
export interface OrderToImportInput {
  /** Order GID. */
  shopifyOrderId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  riskLevel: string | null;
  tags: string[];
  channel: string | null;
  sourceName: string | null;
  /** Total in the shop currency, a decimal string. */
  totalAmount: string;
  currencyCode: string;
  closed: boolean;
  cancelledAt: string | null;
}

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

/**
 * Upserts discovered orders by (store, order id). An archived order that was never imported is not
 * queued (SPEC §3). A row's error and claim survive the upsert: only a successful import (which
 * deletes the row) or an operator clears them.
 */
export async function upsertOrdersToImport(
  context: ErpContext,
  store: string,
  rows: readonly OrderToImportInput[],
): Promise<{ inserted: number; updated: number; skippedArchived: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0, skippedArchived: 0 };
  return inTransaction(context, async (em) => {
    const ids = rows.map((row) => row.shopifyOrderId);
    const [queued, imported] = await Promise.all([
      em.find(OrderToImport, { store, shopifyOrderId: { $in: ids } }, { fields: ['shopifyOrderId'] }),
      em.find(ImportedOrder, { store, shopifyOrderId: { $in: ids } }, { fields: ['shopifyOrderId'] }),
    ]);
    const queuedIds = new Set(queued.map((row) => row.shopifyOrderId));
    const importedIds = new Set(imported.map((row) => row.shopifyOrderId));
    const wanted = rows.filter((row) => !row.closed || importedIds.has(row.shopifyOrderId));
    // The last row wins when a page lists an order twice (a moving updated_at window does that).
    const unique = [...new Map(wanted.map((row) => [row.shopifyOrderId, row])).values()];
    if (unique.length > 0) {
      await em.upsertMany(
        OrderToImport,
        unique.map((row) => ({
          store,
          shopifyOrderId: row.shopifyOrderId,
          name: row.name,
          shopifyCreatedAt: new Date(row.createdAt),
          shopifyUpdatedAt: new Date(row.updatedAt),
          financialStatus: row.financialStatus,
          fulfillmentStatus: row.fulfillmentStatus,
          riskLevel: row.riskLevel,
          tags: row.tags,
          channel: row.channel,
          sourceName: row.sourceName,
          totalAmount: row.totalAmount,
          currencyCode: row.currencyCode,
          closed: row.closed,
          cancelledAt: row.cancelledAt ? new Date(row.cancelledAt) : null,
        })),
        {
          onConflictFields: ['store', 'shopifyOrderId'],
          onConflictAction: 'merge',
          onConflictExcludeFields: [
            'hasError',
            'errorText',
            'claimedByShopCode',
            'discoveredAt',
            'dispatchedUpdatedAt',
          ],
        },
      );
    }
    const inserted = unique.filter((row) => !queuedIds.has(row.shopifyOrderId)).length;
    return { inserted, updated: unique.length - inserted, skippedArchived: rows.length - wanted.length };
  });
}

/**
 * The rows a shop card imports now: rows of its store it already claimed, unclaimed rows whose
 * order it imported before (updates always reach the card that owns the order, filters or not),
 * and unclaimed rows that match its filters. Claiming is one conditional UPDATE per row, so two
 * cards (or two syncs) never claim the same row. Rows owned by another card's import are left alone.
 */
export async function claimOrdersToImport(
  context: ErpContext,
  shopCode: string,
  options: { shopifyOrderIds?: readonly string[] } = {},
): Promise<{ claimed: OrderToImportView[]; filteredOut: number; ownedByOtherShop: number }> {
  return inTransaction(context, async (em) => {
    const shop = await em.findOne(ShopCard, shopCode);
    if (!shop)
      throw new Error(
        `Shop card '${shopCode}' does not exist: create it with \`orderbridge shop add ${shopCode}\``,
      );
    const store = shop.shopDomain;
    const rows = await em.find(
      OrderToImport,
      {
        store,
        $or: [{ claimedByShopCode: null }, { claimedByShopCode: shopCode }],
        ...(options.shopifyOrderIds ? { shopifyOrderId: { $in: [...options.shopifyOrderIds] } } : {}),
      },
      { orderBy: { shopifyUpdatedAt: 'asc', id: 'asc' } },
    );
    const owners = new Map(
      (
        await em.find(
          ImportedOrder,
          { store, shopifyOrderId: { $in: rows.map((row) => row.shopifyOrderId) } },
          { fields: ['shopifyOrderId', 'shopCode'] },
        )
      ).map((order) => [order.shopifyOrderId, order.shopCode]),
    );
    const claimed: OrderToImportView[] = [];
    let filteredOut = 0;
    let ownedByOtherShop = 0;
    for (const row of rows) {
      const owner = owners.get(row.shopifyOrderId);
      if (owner && owner !== shopCode) {
        ownedByOtherShop++;
        continue;
      }
      if (row.claimedByShopCode !== shopCode) {
        const belongs =
          owner === shopCode ||
          matchOrderFilters(
            {
              financialStatus: row.financialStatus ?? null,
              fulfillmentStatus: row.fulfillmentStatus ?? null,
              riskLevel: row.riskLevel ?? null,
              channel: row.channel ?? null,
              sourceName: row.sourceName ?? null,
              tags: row.tags,
            },
            shop.orderSyncFilters,
          ).matches;
        if (!belongs) {
          filteredOut++;
          continue;
        }
        const taken = await em.nativeUpdate(
          OrderToImport,
          { id: row.id, claimedByShopCode: null },
          { claimedByShopCode: shopCode },
        );
        if (taken === 0) continue;
        row.claimedByShopCode = shopCode;
      }
      claimed.push(view(row));
    }
    return { claimed, filteredOut, ownedByOtherShop };
  });
}

export async function listOrdersToImport(
  context: ErpContext,
  filter: { store?: string; shopCode?: string; hasError?: boolean; limit?: number } = {},
): Promise<OrderToImportView[]> {
  return inTransaction(context, async (em) => {
    const rows = await em.find(
      OrderToImport,
      {
        ...(filter.store ? { store: filter.store } : {}),
        ...(filter.shopCode ? { claimedByShopCode: filter.shopCode } : {}),
        ...(filter.hasError === undefined ? {} : { hasError: filter.hasError }),
      },
      { orderBy: { shopifyUpdatedAt: 'asc', id: 'asc' }, limit: filter.limit ?? 1000 },
    );
    return rows.map(view);
  });
}

/** Leaves orders out of the sync (SPEC §3): they come back only when Shopify changes them again. */
export async function deleteOrdersToImport(
  context: ErpContext,
  store: string,
  shopifyOrderIds: readonly string[],
): Promise<number> {
  return inTransaction(context, (em) =>
    em.nativeDelete(OrderToImport, { store, shopifyOrderId: { $in: [...shopifyOrderIds] } }),
  );
}

/** Keeps a failed import's row with has-error and the full text; the other rows go on. */
export async function markOrderToImportFailed(
  context: ErpContext,
  store: string,
  shopifyOrderId: string,
  errorText: string,
): Promise<boolean> {
  const updated = await inTransaction(context, (em) =>
    em.nativeUpdate(OrderToImport, { store, shopifyOrderId }, { hasError: true, errorText }),
  );
  return updated > 0;
}
