/**
 * The activities the workflows call, declared on the workflows' side: activities/ implements them
 * (createActivities is checked against OrderbridgeActivities), so workflows never import activities/.
 */
import type { HealthCheckActivities } from './health-check';
import type { OrderActivities, SyncOrdersActivities } from './order';
import type { OrderViewActivities } from './order-view';
import type { RefundActivities } from './refund';
import type { ShipmentActivities, SyncShipmentsActivities } from './shipment';
import type { ShopWebhookActivities } from './shop-webhooks';

export type OrderbridgeActivities = HealthCheckActivities &
  SyncOrdersActivities &
  OrderActivities &
  OrderViewActivities &
  RefundActivities &
  ShipmentActivities &
  SyncShipmentsActivities &
  ShopWebhookActivities;
