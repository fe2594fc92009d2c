import type { OrderSnapshot } from './order-snapshot';

/** Why an order is left out of an import (SPEC §3, §7). */
export type ImportSkipReason = 'cancelled' | 'archived' | 'claimed-by-other-shop';

export type ImportEligibility =
  { import: true; firstImport: boolean } | { import: false; reason: ImportSkipReason; detail: string };

/**
 * Decides whether a snapshot is imported through `shopCode`. Archived (closed) and cancelled orders
 * are not imported the first time; once imported they keep being updated (the header follows
 * Shopify, so the operator sees the cancellation). An order belongs to the shop card that imported
 * it first: another card on the same store never takes it over.
 */
export function importEligibility(
  snapshot: Pick<OrderSnapshot, 'name' | 'closed' | 'cancelledAt'>,
  shopCode: string,
  existing: { shopCode: string } | null,
): ImportEligibility {
  if (existing) {
    if (existing.shopCode !== shopCode) {
      return {
        import: false,
        reason: 'claimed-by-other-shop',
        detail: `order ${snapshot.name} was imported by shop card '${existing.shopCode}', not '${shopCode}'`,
      };
    }
    return { import: true, firstImport: false };
  }
  if (snapshot.cancelledAt !== null) {
    return {
      import: false,
      reason: 'cancelled',
      detail: `order ${snapshot.name} was cancelled at ${snapshot.cancelledAt} before it was ever imported`,
    };
  }
  if (snapshot.closed) {
    return {
      import: false,
      reason: 'archived',
      detail: `order ${snapshot.name} is archived in Shopify and was never imported`,
    };
  }
  return { import: true, firstImport: true };
}
