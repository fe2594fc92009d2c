import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { GiftCardsDocument, type GiftCardsQuery } from './generated/graphql';
import { connectionNodes } from './paging';

export type ShopifyGiftCard = GiftCardsQuery['giftCards']['nodes'][number];

/** Gift cards of the store, optionally narrowed with giftCards search syntax, to the end. */
export async function* listGiftCards(
  client: ShopifyAdminClient,
  options: ShopifyRequestOptions & { query?: string } = {},
): AsyncGenerator<ShopifyGiftCard> {
  const { query, ...requestOptions } = options;
  yield* connectionNodes(
    async (after) => (await client.request(GiftCardsDocument, { query, after }, requestOptions)).giftCards,
    { what: 'gift cards' },
  );
}
