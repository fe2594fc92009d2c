import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { OrderCloseDocument, type OrderCloseMutation } from './generated/graphql';
import { shopifyGid } from './gids';
import { requirePayloadObject } from './mutation-payload';
import { acceptedPayload } from './user-errors';

export type ClosedOrder = NonNullable<NonNullable<OrderCloseMutation['orderClose']>['order']>;

/** orderClose (archive). Closing an already closed order is harmless, so a caller may repeat it. */
export async function closeOrder(
  client: ShopifyAdminClient,
  orderId: string,
  options: ShopifyRequestOptions & { subject?: string } = {},
): Promise<ClosedOrder> {
  const result = await client.request(OrderCloseDocument, { id: shopifyGid('Order', orderId) }, options);
  const context = { shopDomain: client.shopDomain, operationName: 'OrderClose' };
  const payload = acceptedPayload(context, result.orderClose, options.subject);
  return requirePayloadObject(client, 'OrderClose', payload.order, 'order');
}
