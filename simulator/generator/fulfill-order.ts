import {
  adminClientFor,
  assertNoUserErrors,
  required,
  ScenarioError,
  type ShopifyTarget,
} from './admin-client';
import {
  ScenarioFulfillmentCreateDocument,
  ScenarioOrderFulfillmentOrdersDocument,
  type FulfillmentOrderLineItemsInput,
} from './generated/graphql';

export interface FulfillOrderRequest {
  /** Only these order lines and quantities; by default everything still open. */
  lines?: { lineItemId: string; quantity: number }[];
  /** Only fulfillment orders assigned to this location. */
  locationId?: string;
  tracking?: { company?: string; number?: string; url?: string };
  notifyCustomer?: boolean;
}

export interface CreatedFulfillment {
  id: string;
  locationId: string | null;
}

/**
 * Ships what is open with fulfillmentCreate, one request per location, because Shopify requires
 * every fulfillment order in one request to share a location.
 */
export async function fulfillOrder(
  target: ShopifyTarget,
  orderId: string,
  request: FulfillOrderRequest = {},
): Promise<CreatedFulfillment[]> {
  const client = adminClientFor(target);
  const order = required(
    (await client.request(ScenarioOrderFulfillmentOrdersDocument, { id: orderId })).order,
    `order ${orderId}`,
  );
  if (order.fulfillmentOrders.pageInfo.hasNextPage) {
    throw new ScenarioError(
      `Order ${order.name} has more fulfillment orders than one page: fulfil it location by location.`,
    );
  }
  const wanted = request.lines
    ? new Map(request.lines.map((line) => [line.lineItemId, line.quantity]))
    : undefined;
  const byLocation = new Map<string, FulfillmentOrderLineItemsInput[]>();
  for (const fulfillmentOrder of order.fulfillmentOrders.nodes) {
    if (fulfillmentOrder.status !== 'OPEN' && fulfillmentOrder.status !== 'IN_PROGRESS') continue;
    const locationId = fulfillmentOrder.assignedLocation.location?.id ?? '';
    if (request.locationId && locationId !== request.locationId) continue;
    if (fulfillmentOrder.lineItems.pageInfo.hasNextPage) {
      throw new ScenarioError(
        `Fulfillment order ${fulfillmentOrder.id} of ${order.name} has more lines than one page.`,
      );
    }
    const items = fulfillmentOrder.lineItems.nodes.flatMap((item) => {
      const asked = wanted ? wanted.get(item.lineItem.id) : item.remainingQuantity;
      const quantity = Math.min(asked ?? 0, item.remainingQuantity);
      if (wanted && quantity > 0) wanted.set(item.lineItem.id, (asked ?? 0) - quantity);
      return quantity > 0 ? [{ id: item.id, quantity }] : [];
    });
    if (items.length === 0) continue;
    const group = byLocation.get(locationId) ?? [];
    group.push({ fulfillmentOrderId: fulfillmentOrder.id, fulfillmentOrderLineItems: items });
    byLocation.set(locationId, group);
  }
  const unshipped = wanted ? [...wanted].filter(([, quantity]) => quantity > 0) : [];
  if (unshipped.length > 0) {
    throw new ScenarioError(
      `Order ${order.name} has nothing open to ship for ${unshipped.map(([id, quantity]) => `${quantity} × ${id}`).join(', ')}.`,
    );
  }
  if (byLocation.size === 0) throw new ScenarioError(`Order ${order.name} has nothing open to fulfil.`);

  const created: CreatedFulfillment[] = [];
  for (const lineItemsByFulfillmentOrder of byLocation.values()) {
    const tracking = request.tracking;
    const result = await client.request(ScenarioFulfillmentCreateDocument, {
      fulfillment: {
        lineItemsByFulfillmentOrder,
        notifyCustomer: request.notifyCustomer ?? false,
        ...(tracking
          ? {
              trackingInfo: {
                ...(tracking.company ? { company: tracking.company } : {}),
                ...(tracking.number ? { number: tracking.number } : {}),
                ...(tracking.url ? { url: tracking.url } : {}),
              },
            }
          : {}),
      },
    });
    const payload = required(result.fulfillmentCreate, `fulfillmentCreate for ${order.name}`);
    assertNoUserErrors('fulfillmentCreate', order.name, payload.userErrors);
    const fulfillment = required(payload.fulfillment, `fulfillmentCreate for ${order.name}: fulfillment`);
    created.push({ id: fulfillment.id, locationId: fulfillment.location?.id ?? null });
  }
  return created;
}
