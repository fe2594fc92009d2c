/**
 * The activities the workflows call, declared on the workflows' side: activities/ implements them
 * (createActivities is checked against OrderbridgeActivities), so workflows never import activities/.
 */
import type { HealthCheckActivities } from './health-check';
import type { OrderActivities, SyncOrdersActivities } from './order';
import type { RefundActivities } from './refund';
import type { ShipmentActivities, SyncShipmentsActivities } from './shipment';

export type OrderbridgeActivities = HealthCheckActivities &
  SyncOrdersActivities &
  OrderActivities &
  RefundActivities &
  ShipmentActivities &
  SyncShipmentsActivities;
