import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { ShopifyNotFoundError } from './errors';
import {
  FulfillmentLineItemsPageDocument,
  FulfillmentOrderLineItemsPageDocument,
  OrderFulfillmentOrdersPageDocument,
  OrderFulfillmentStateDocument,
  type OrderFulfillmentStateQuery,
} from './generated/graphql';
import { shopifyGid } from './gids';
import { completeConnection } from './paging';

export type OrderFulfillmentState = NonNullable<OrderFulfillmentStateQuery['order']>;

/**
 * The order's fulfillment orders and fulfillments, complete. The reconciliation step before a
 * fulfillmentCreate is retried: if a fulfillment with the shipment's lines and tracking already
 * exists, the earlier call went through.
 */
export async function fetchOrderFulfillmentState(
  client: ShopifyAdminClient,
  orderId: string,
  options: ShopifyRequestOptions = {},
): Promise<{ order: OrderFulfillmentState; requestCount: number }> {
  const orderGid = shopifyGid('Order', orderId);
  const notFound = (operationName: string, id: string) =>
    new ShopifyNotFoundError({ shopDomain: client.shopDomain, operationName }, id);
  const order = (await client.request(OrderFulfillmentStateDocument, { id: orderGid }, options)).order;
  if (!order) throw notFound('OrderFulfillmentState', orderGid);
  let requestCount = 1;

  requestCount += await completeConnection(
    order.fulfillmentOrders,
    async (after) => {
      const page = await client.request(OrderFulfillmentOrdersPageDocument, { id: orderGid, after }, options);
      if (!page.order) throw notFound('OrderFulfillmentOrdersPage', orderGid);
      return page.order.fulfillmentOrders;
    },
    `fulfillment orders of order ${order.name}`,
  );
  for (const fulfillmentOrder of order.fulfillmentOrders.nodes) {
    requestCount += await completeConnection(
      fulfillmentOrder.lineItems,
      async (after) => {
        const page = await client.request(
          FulfillmentOrderLineItemsPageDocument,
          { id: fulfillmentOrder.id, after },
          options,
        );
        if (!page.fulfillmentOrder) throw notFound('FulfillmentOrderLineItemsPage', fulfillmentOrder.id);
        return page.fulfillmentOrder.lineItems;
      },
      `lines of ${fulfillmentOrder.id}`,
    );
  }
  for (const fulfillment of order.fulfillments) {
    requestCount += await completeConnection(
      fulfillment.fulfillmentLineItems,
      async (after) => {
        const page = await client.request(
          FulfillmentLineItemsPageDocument,
          { id: fulfillment.id, after },
          options,
        );
        if (!page.fulfillment) throw notFound('FulfillmentLineItemsPage', fulfillment.id);
        return page.fulfillment.fulfillmentLineItems;
      },
      `lines of ${fulfillment.id}`,
    );
  }
  return { order, requestCount };
}
