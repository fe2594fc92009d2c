import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { IssuedGiftCardsDocument, type IssuedGiftCardsQuery } from './generated/graphql';
import { connectionPages } from './paging';

export type ShopifyIssuedGiftCard = IssuedGiftCardsQuery['giftCards']['nodes'][number];

export interface GiftCardIssuingOrder {
  shopifyOrderId: string;
  createdAt: string;
  /** The order's updatedAt in the snapshot that showed the cards as issued. */
  updatedAt: string;
  /** The order's customer GID: Shopify issues a purchased card to the buyer. */
  customerId: string | null;
  /**
   * Cards the order issued in all, those the caller already knows included: the search stops once
   * it has found this many (the order's cards come first after its creation, in creation order).
   */
  issued: number;
}

/**
 * Issuing a card moves its order's updatedAt, so a card the snapshot counts as issued was created
 * before that, give or take clock skew between Shopify's services: minutes of slack are plenty.
 */
const ISSUED_AFTER_UPDATE_SLACK_MS = 5 * 60_000;

/**
 * The gift cards Shopify issued for one order. giftCards cannot filter by order, so the search is
 * narrowed to the cards created between the order's creation and its update that issued them, and
 * first to the buyer's cards; the cards whose order is this one are kept. Without the narrowing, a
 * backlog import of gift card orders pages through every card issued since each order: quadratic
 * in requests and cost. Only when the buyer's cards do not account for all does the wider search run.
 *
 * Each search reads cards in creation order from the order's creation, 10 a page, and stops at the
 * page where the order's cards are all found: the others in the window (the buyer's later orders,
 * other buyers') cost a point each and are not needed. The count is of all the order's cards, not
 * only those still to record: a card recorded earlier is found again first, and stopping at it
 * would leave a later one unfound for good.
 */
export async function findIssuedGiftCards(
  client: ShopifyAdminClient,
  order: GiftCardIssuingOrder,
  options: ShopifyRequestOptions = {},
): Promise<ShopifyIssuedGiftCard[]> {
  const until = new Date(Date.parse(order.updatedAt) + ISSUED_AFTER_UPDATE_SLACK_MS).toISOString();
  const window = `created_at:>='${new Date(order.createdAt).toISOString()}' AND created_at:<='${until}'`;
  const customerNumber = order.customerId?.split('/').pop();
  if (customerNumber) {
    const buyers = await search(client, `${window} AND customer_id:${customerNumber}`, order, options);
    if (buyers.length >= order.issued) return buyers;
  }
  return search(client, window, order, options);
}

async function search(
  client: ShopifyAdminClient,
  query: string,
  order: GiftCardIssuingOrder,
  options: ShopifyRequestOptions,
): Promise<ShopifyIssuedGiftCard[]> {
  const found: ShopifyIssuedGiftCard[] = [];
  for await (const page of connectionPages(
    async (after) => (await client.request(IssuedGiftCardsDocument, { query, after }, options)).giftCards,
    { what: `gift cards issued for order ${order.shopifyOrderId}` },
  )) {
    found.push(...page.nodes.filter((card) => card.order?.id === order.shopifyOrderId));
    if (found.length >= order.issued) break;
  }
  return found;
}
