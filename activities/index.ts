import type { OrderbridgeActivities } from '../workflows/contracts';
import type { ActivityDeps } from './deps';
import { createHealthCheckActivities } from './health-check';
import { createOrderActivities } from './order-activities';
import { createOrderViewActivities } from './order-view-activities';
import { createRefundActivities } from './refund-activities';
import { createShipmentActivities } from './shipment-activities';
import { createShopWebhookActivities } from './shop-webhook-activities';
import { createShopifyClientSource } from './shopify-clients';
import { createSyncOrdersActivities } from './sync-orders';
import { createSyncShipmentsActivities } from './sync-shipments';

export type { ActivityDeps } from './deps';

/** All activities, built once per worker from its dependencies (Temporal's DI pattern). */
export function createActivities(deps: ActivityDeps): OrderbridgeActivities {
  const shopifyClientFor = createShopifyClientSource(deps);
  return {
    ...createHealthCheckActivities(deps),
    ...createSyncOrdersActivities(deps, shopifyClientFor),
    ...createOrderActivities(deps, shopifyClientFor),
    ...createOrderViewActivities(deps),
    ...createRefundActivities(deps),
    ...createShipmentActivities(deps, shopifyClientFor),
    ...createSyncShipmentsActivities(deps),
    ...createShopWebhookActivities(deps),
  };
}
