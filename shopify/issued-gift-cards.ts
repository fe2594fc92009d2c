import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { IssuedGiftCardsDocument, type IssuedGiftCardsQuery } from './generated/graphql';
import { connectionNodes } from './paging';

export type ShopifyIssuedGiftCard = IssuedGiftCardsQuery['giftCards']['nodes'][number];

/**
 * The gift cards Shopify issued for one order: cards created since the order was placed, kept when
 * their order is this one (the giftCards query cannot filter by order).
 */
export async function findIssuedGiftCards(
  client: ShopifyAdminClient,
  order: { shopifyOrderId: string; createdAt: string },
  options: ShopifyRequestOptions = {},
): Promise<ShopifyIssuedGiftCard[]> {
  const query = `created_at:>='${new Date(order.createdAt).toISOString()}'`;
  const found: ShopifyIssuedGiftCard[] = [];
  for await (const card of connectionNodes(
    async (after) => (await client.request(IssuedGiftCardsDocument, { query, after }, options)).giftCards,
    { what: `gift cards issued since ${order.createdAt}` },
  )) {
    if (card.order?.id === order.shopifyOrderId) found.push(card);
  }
  return found;
}
