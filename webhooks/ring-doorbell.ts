import type { Client } from '@temporalio/client';
import { dispatchOrderChange } from '../temporal/dispatch-order';
import { startAppUninstalled, startPrivacyRequest } from '../temporal/start-shop-webhook-workflows';
import { routeOrderWebhook } from '../domain/webhook-routing';
import type { OrderTimings } from '../workflows/order-timings';
import { DurableQueueUnavailable, type VerifiedDelivery } from './receiver';

export interface DoorbellRingerDeps {
  temporalClient: Client;
  taskQueue: string;
  /** The shop card that imported or claimed an order, if any. */
  shopCardOwningOrder(store: string, shopifyOrderId: string): Promise<string | undefined>;
  /** Time Temporal gets to accept a signal, inside Shopify's 5-second limit. */
  acceptTimeoutMs?: number;
  orderTimings?: OrderTimings;
}

/** Turns a verified delivery into the signal-with-start (or start) of its workflow. */
export function createDoorbellRinger(deps: DoorbellRingerDeps) {
  const acceptTimeoutMs = deps.acceptTimeoutMs ?? 4000;

  async function accepted(call: () => Promise<unknown>): Promise<void> {
    try {
      await deps.temporalClient.withDeadline(Date.now() + acceptTimeoutMs, call);
    } catch (error) {
      throw new DurableQueueUnavailable(error);
    }
  }

  return async function ring(delivery: VerifiedDelivery): Promise<'signalled' | 'deferred-to-sync'> {
    const { doorbell, shopDomain } = delivery;
    switch (doorbell.kind) {
      case 'order-changed': {
        const owner = await deps.shopCardOwningOrder(shopDomain, doorbell.shopifyOrderId);
        const route = routeOrderWebhook(delivery.cards, owner);
        if (route.route === 'order-sync') return 'deferred-to-sync';
        await accepted(() =>
          dispatchOrderChange(
            deps.temporalClient,
            deps.taskQueue,
            {
              store: shopDomain,
              shopifyOrderId: doorbell.shopifyOrderId,
              change: {
                shopCode: route.shopCode,
                shopifyUpdatedAt: doorbell.shopifyUpdatedAt,
                source: 'webhook',
              },
            },
            deps.orderTimings,
          ),
        );
        return 'signalled';
      }
      case 'app-uninstalled':
        await accepted(() =>
          startAppUninstalled(deps.temporalClient, deps.taskQueue, delivery.eventId, {
            shopDomain,
            uninstalledAt: delivery.triggeredAt,
          }),
        );
        return 'signalled';
      case 'customers-data-request':
      case 'customers-redact':
        await accepted(() =>
          startPrivacyRequest(deps.temporalClient, deps.taskQueue, {
            shopDomain,
            eventId: delivery.eventId,
            topic: doorbell.kind === 'customers-redact' ? 'customers/redact' : 'customers/data_request',
            shopifyCustomerId: doorbell.shopifyCustomerId,
            shopifyOrderIds: doorbell.shopifyOrderIds,
          }),
        );
        return 'signalled';
      case 'shop-redact':
        await accepted(() =>
          startPrivacyRequest(deps.temporalClient, deps.taskQueue, {
            shopDomain,
            eventId: delivery.eventId,
            topic: 'shop/redact',
            shopifyOrderIds: [],
          }),
        );
        return 'signalled';
    }
  };
}
