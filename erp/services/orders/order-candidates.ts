import { ImportedOrder, OrderToImport } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';

/** An order an operator's reference may mean: imported (with its id) or still to import. */
export interface OrderCandidate {
  store: string;
  shopifyOrderId: string;
  name: string;
  shopCode?: string;
  importedOrderId?: number;
}

/**
 * Every order, imported or still to import, with this Shopify id or name (of one shop card, when
 * given), one per store and order: names repeat across stores, so the caller decides what many mean.
 */
export async function findOrderCandidates(
  context: ErpContext,
  match: { shopifyOrderId: string; name: string; shopCode?: string },
): Promise<OrderCandidate[]> {
  const em = entityManagerOf(context);
  const byIdOrName = { $or: [{ shopifyOrderId: match.shopifyOrderId }, { name: match.name }] };
  const imported = await em.find(
    ImportedOrder,
    { ...byIdOrName, ...(match.shopCode ? { shopCode: match.shopCode } : {}) },
    { limit: 10 },
  );
  const queued = await em.find(
    OrderToImport,
    { ...byIdOrName, ...(match.shopCode ? { claimedByShopCode: match.shopCode } : {}) },
    { limit: 10 },
  );
  const candidates = new Map<string, OrderCandidate>();
  for (const order of imported) {
    candidates.set(`${order.store} ${order.shopifyOrderId}`, {
      store: order.store,
      shopifyOrderId: order.shopifyOrderId,
      name: order.name,
      shopCode: order.shopCode,
      importedOrderId: order.id,
    });
  }
  for (const row of queued) {
    const key = `${row.store} ${row.shopifyOrderId}`;
    if (candidates.has(key)) continue;
    candidates.set(key, {
      store: row.store,
      shopifyOrderId: row.shopifyOrderId,
      name: row.name,
      ...(row.claimedByShopCode ? { shopCode: row.claimedByShopCode } : {}),
    });
  }
  return [...candidates.values()];
}
