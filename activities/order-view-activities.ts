import { recordOrderView } from '../erp/services/orders';
import type { OrderViewActivities } from '../workflows/contracts/order-view';
import type { ActivityDeps } from './deps';

/** The one writer of the read model: each order workflow calls it at every change. */
export function createOrderViewActivities(deps: ActivityDeps): OrderViewActivities {
  return {
    recordOrderView: (input) => recordOrderView(deps.orm, input),
  };
}
