/** A shop card as the webhook receiver sees it. */
export interface WebhookShopCard {
  code: string;
  enabled: boolean;
  hasOrderSyncFilters: boolean;
}

export type OrderRoute = { route: 'workflow'; shopCode: string } | { route: 'order-sync'; reason: string };

/**
 * Which shop card an order webhook wakes the order's workflow for. The card that owns the order
 * keeps it. A new order goes straight to its workflow only when the store has one enabled card
 * without order sync filters: filters need the order's data, which the doorbell does not read, so
 * otherwise the next order sync (the reconciler) decides which card claims it.
 */
export function routeOrderWebhook(cards: readonly WebhookShopCard[], owner: string | undefined): OrderRoute {
  if (owner !== undefined) {
    const owning = cards.find((card) => card.code === owner);
    if (owning?.enabled) return { route: 'workflow', shopCode: owning.code };
    return { route: 'order-sync', reason: `shop card ${owner} that owns the order is disabled` };
  }
  const enabled = cards.filter((card) => card.enabled);
  if (enabled.length === 0) return { route: 'order-sync', reason: 'no enabled shop card' };
  if (enabled.length > 1)
    return { route: 'order-sync', reason: 'several shop cards: the order sync decides which claims it' };
  if (enabled[0]!.hasOrderSyncFilters)
    return { route: 'order-sync', reason: 'the shop card filters orders: the order sync applies them' };
  return { route: 'workflow', shopCode: enabled[0]!.code };
}
