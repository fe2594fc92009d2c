import { raw, type EntityManager } from '@mikro-orm/postgresql';
import {
  matchOrderFilters,
  type FilterableOrder,
  type OrderSyncFilters,
} from '../../../domain/order-filters';
import { ImportedOrder, OrderToImport } from '../../entities';

/** One order as discovery lists it (stage 1 of the order sync). */
export interface DiscoveredOrder extends FilterableOrder {
  shopifyOrderId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  closed: boolean;
  cancelledAt: string | null;
  /** Current total in the shop currency, decimal string. */
  totalAmount: string;
  currencyCode: string;
}

export interface OrderToDispatch {
  shopifyOrderId: string;
  name: string;
  updatedAt: string;
}

export interface DiscoveredOrdersOutcome {
  upserted: number;
  toDispatch: OrderToDispatch[];
  filteredOut: number;
  claimedByOtherShop: number;
  /** Archived or cancelled in Shopify and never imported: not orders to import (SPEC §3). */
  neverImportable: number;
  /** Already imported at the version listed (seen again through the overlap window). */
  upToDate: number;
  /** Sent to the order's workflow at the version listed by an earlier sync, and not imported yet. */
  alreadyDispatched: number;
}

/**
 * Records one page of discovered orders for a shop card, in one transaction: upserts the
 * orders-to-import rows (by store and order id, so overlapping windows and two shop cards on one
 * store write each row once), claims for this card the unclaimed rows its filters accept, and
 * returns the orders this card must dispatch: the ones it claimed now or before, and the ones it
 * already imported. The first card to claim an order keeps it (SPEC §7).
 */
export async function recordDiscoveredOrders(
  em: EntityManager,
  input: { store: string; shopCode: string; filters: OrderSyncFilters; orders: readonly DiscoveredOrder[] },
): Promise<DiscoveredOrdersOutcome> {
  const outcome: DiscoveredOrdersOutcome = {
    upserted: 0,
    toDispatch: [],
    filteredOut: 0,
    claimedByOtherShop: 0,
    neverImportable: 0,
    upToDate: 0,
    alreadyDispatched: 0,
  };
  if (input.orders.length === 0) return outcome;
  return em.transactional(async (tx) => {
    const ids = input.orders.map((order) => order.shopifyOrderId);
    const imported = await tx.find(
      ImportedOrder,
      { store: input.store, shopifyOrderId: { $in: ids } },
      { fields: ['shopifyOrderId', 'shopCode', 'shopifyUpdatedAt'] },
    );
    const importedBy = new Map(imported.map((order) => [order.shopifyOrderId, order.shopCode]));
    const importedVersion = new Map(
      imported.map((order) => [order.shopifyOrderId, order.shopifyUpdatedAt.getTime()]),
    );

    const importable = input.orders.filter((order) => {
      const known = importedBy.has(order.shopifyOrderId);
      if (!known && (order.closed || order.cancelledAt !== null)) {
        outcome.neverImportable += 1;
        return false;
      }
      // Overlapping windows list orders again: one imported at this very version needs nothing.
      const version = importedVersion.get(order.shopifyOrderId);
      if (version !== undefined && version >= Date.parse(order.updatedAt)) {
        outcome.upToDate += 1;
        return false;
      }
      return true;
    });
    if (importable.length > 0) {
      await tx.upsertMany(
        OrderToImport,
        importable.map((order) => ({
          store: input.store,
          shopifyOrderId: order.shopifyOrderId,
          name: order.name,
          shopifyCreatedAt: new Date(order.createdAt),
          shopifyUpdatedAt: new Date(order.updatedAt),
          financialStatus: order.financialStatus,
          fulfillmentStatus: order.fulfillmentStatus,
          riskLevel: order.riskLevel,
          tags: [...order.tags],
          channel: order.channel,
          sourceName: order.sourceName,
          totalAmount: order.totalAmount,
          currencyCode: order.currencyCode,
          closed: order.closed,
          cancelledAt: order.cancelledAt ? new Date(order.cancelledAt) : null,
        })),
        {
          onConflictFields: ['store', 'shopifyOrderId'],
          onConflictAction: 'merge',
          // The claim and the error state belong to the import, not to discovery.
          onConflictExcludeFields: [
            'id',
            'claimedByShopCode',
            'hasError',
            'errorText',
            'discoveredAt',
            'dispatchedUpdatedAt',
          ],
        },
      );
      outcome.upserted = importable.length;
    }

    const accepted: DiscoveredOrder[] = [];
    for (const order of importable) {
      const owner = importedBy.get(order.shopifyOrderId);
      if (owner !== undefined) {
        if (owner === input.shopCode) accepted.push(order);
        else outcome.claimedByOtherShop += 1;
        continue;
      }
      if (matchOrderFilters(order, input.filters).matches) accepted.push(order);
      else outcome.filteredOut += 1;
    }
    if (accepted.length === 0) return outcome;

    const acceptedIds = accepted.map((order) => order.shopifyOrderId);
    // Atomic claim: of two shop cards racing for one row, exactly one update finds it unclaimed.
    await tx.nativeUpdate(
      OrderToImport,
      { store: input.store, shopifyOrderId: { $in: acceptedIds }, claimedByShopCode: null },
      { claimedByShopCode: input.shopCode },
    );
    const claims = await tx.find(
      OrderToImport,
      { store: input.store, shopifyOrderId: { $in: acceptedIds } },
      { fields: ['shopifyOrderId', 'claimedByShopCode', 'dispatchedUpdatedAt'] },
    );
    const rows = new Map(claims.map((row) => [row.shopifyOrderId, row]));
    for (const order of accepted) {
      const row = rows.get(order.shopifyOrderId);
      const owner = importedBy.get(order.shopifyOrderId);
      if (owner === input.shopCode || row?.claimedByShopCode === input.shopCode) {
        // The workflow holds this very change already (signals are durable): sending it again
        // would only cost a signal and a workflow task while the import is under way.
        if (row?.dispatchedUpdatedAt?.getTime() === Date.parse(order.updatedAt)) {
          outcome.alreadyDispatched += 1;
          continue;
        }
        outcome.toDispatch.push({
          shopifyOrderId: order.shopifyOrderId,
          name: order.name,
          updatedAt: order.updatedAt,
        });
      } else {
        outcome.claimedByOtherShop += 1;
      }
    }
    return outcome;
  });
}

/**
 * Records that each order's workflow was sent the version listed, once the signals succeeded. Only
 * rows still at that version are marked: a newer version upserted meanwhile by another sync was
 * not sent by this one.
 */
export async function markOrdersDispatched(
  em: EntityManager,
  store: string,
  orders: readonly OrderToDispatch[],
): Promise<void> {
  if (orders.length === 0) return;
  await em.nativeUpdate(
    OrderToImport,
    {
      store,
      $or: orders.map((order) => ({
        shopifyOrderId: order.shopifyOrderId,
        shopifyUpdatedAt: new Date(order.updatedAt),
      })),
    },
    { dispatchedUpdatedAt: raw('shopify_updated_at') },
  );
}
