import type { EntityManager } from '@mikro-orm/postgresql';
import { ImportedOrder, OrderToImport } from '../erp/entities';
import { NotFoundError } from './exit-codes';

export interface ResolvedOrder {
  store: string;
  shopifyOrderId: string;
  name: string;
  shopCode?: string;
  importedOrderId?: number;
}

/**
 * Finds an order from what an operator types: its name ("#1004" or "1004"), its numeric Shopify
 * id, or its GID. Names repeat across stores, so an ambiguous name asks for --shop.
 */
export async function resolveOrderReference(
  em: EntityManager,
  reference: string,
  shopCode?: string,
): Promise<ResolvedOrder> {
  const trimmed = reference.trim();
  const gid = /^\d+$/.test(trimmed) && trimmed.length > 8 ? `gid://shopify/Order/${trimmed}` : trimmed;
  const name = trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
  const shopFilter = shopCode ? { shopCode } : {};
  const imported = await em.find(
    ImportedOrder,
    { $or: [{ shopifyOrderId: gid }, { name }], ...shopFilter },
    { limit: 3 },
  );
  if (imported.length > 1) {
    throw new Error(`Order ${reference} matches orders of several shops: add --shop <code>.`);
  }
  const [order] = imported;
  if (order) {
    return {
      store: order.store,
      shopifyOrderId: order.shopifyOrderId,
      name: order.name,
      shopCode: order.shopCode,
      importedOrderId: order.id,
    };
  }
  const claimFilter = shopCode ? { claimedByShopCode: shopCode } : {};
  const queued = await em.find(
    OrderToImport,
    { $or: [{ shopifyOrderId: gid }, { name }], ...claimFilter },
    { limit: 3 },
  );
  if (queued.length > 1)
    throw new Error(`Order ${reference} matches orders of several stores: add --shop <code>.`);
  const [row] = queued;
  if (row) {
    return {
      store: row.store,
      shopifyOrderId: row.shopifyOrderId,
      name: row.name,
      ...(row.claimedByShopCode ? { shopCode: row.claimedByShopCode } : {}),
    };
  }
  throw new NotFoundError(
    `No order ${reference} is known${shopCode ? ` for shop ${shopCode}` : ''}: run \`orderbridge sync orders --shop <code>\` first, or check the name.`,
  );
}
