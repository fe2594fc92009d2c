import { adminClientFor, required, type ShopifyTarget } from './admin-client';
import { ScenarioOrderSnapshotDocument, type ScenarioOrderSnapshotQuery } from './generated/graphql';

export type OrderSnapshot = NonNullable<ScenarioOrderSnapshotQuery['order']>;

/** The order as Shopify reports it now: what scenario tests compare with what they asked for. */
export async function readOrder(target: ShopifyTarget, orderId: string): Promise<OrderSnapshot> {
  const result = await adminClientFor(target).request(ScenarioOrderSnapshotDocument, { id: orderId });
  return required(result.order, `order ${orderId}`);
}
