import type { EntityManager } from '@mikro-orm/postgresql';
import { findOrderCandidates, type OrderCandidate } from '../erp/services/orders';
import { NotFoundError } from './exit-codes';

export type ResolvedOrder = OrderCandidate;

/** An order name shared by orders of several shops or stores: the operator must choose one. */
export class AmbiguousOrderReferenceError extends Error {
  constructor(
    readonly reference: string,
    readonly candidates: readonly ResolvedOrder[],
  ) {
    const lines = candidates.map(
      (candidate) =>
        `  ${candidate.name}  shop ${candidate.shopCode ?? '(none yet)'}  store ${candidate.store}  ` +
        `${candidate.importedOrderId === undefined ? 'to import' : 'imported'}`,
    );
    super(
      `Order ${reference} matches ${candidates.length} orders:\n${lines.join('\n')}\n` +
        `Add --shop <code> to say which one.`,
    );
    this.name = 'AmbiguousOrderReferenceError';
  }
}

/**
 * Finds an order from what an operator types: its name ("#1004" or "1004"), its numeric Shopify
 * id, or its GID. Names repeat across stores: every order the name matches, imported or still to
 * import, is a candidate, and more than one is refused with the list (never one picked).
 */
export async function resolveOrderReference(
  em: EntityManager,
  reference: string,
  shopCode?: string,
): Promise<ResolvedOrder> {
  const trimmed = reference.trim();
  const gid = /^\d+$/.test(trimmed) && trimmed.length > 8 ? `gid://shopify/Order/${trimmed}` : trimmed;
  const name = trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
  const found = await findOrderCandidates(em, {
    shopifyOrderId: gid,
    name,
    ...(shopCode ? { shopCode } : {}),
  });
  if (found.length > 1) throw new AmbiguousOrderReferenceError(reference, found);
  const [order] = found;
  if (order) return order;
  throw new NotFoundError(
    `No order ${reference} is known${shopCode ? ` for shop ${shopCode}` : ''}: run \`orderbridge sync orders --shop <code>\` first, or check the name.`,
  );
}
