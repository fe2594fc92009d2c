import { ImportedOrder, IssuedGiftCard } from '../../entities';
import { entityManagerOf, inTransaction, type ErpContext } from '../shared/context';

export interface IssuedGiftCardInput {
  shopifyGiftCardId: string;
  lastCharacters: string;
  initialValue: string;
  balance: string;
  currencyCode: string;
  enabled: boolean;
  createdAt: string;
}

/**
 * Gift card units the order sold and Shopify has issued (fulfilled gift card lines), and how many
 * of those cards are not recorded yet: more than 0 means the gift card list should ask Shopify. Read
 * outside any transaction: it runs after every import of an order with gift card lines, and both
 * counts come from the same query, which sees a single moment without BEGIN and COMMIT.
 *
 * Issued units are the line's current quantity less what is still to fulfil: a unit removed by an
 * edit never became a card (counted, the search would look for it after every import and never
 * stop early). A card refunded after it was issued leaves the current quantity too: that rare card
 * is not looked for, and the list shows its line without last characters.
 */
export async function issuedGiftCardCounts(
  context: ErpContext,
  importedOrderId: number,
): Promise<{ issued: number; unrecorded: number }> {
  const [row] = await entityManagerOf(context).execute<{ issued: number; recorded: number }[]>(
    `select coalesce(sum(greatest(0, l.current_quantity - l.quantity_to_fulfill)), 0)::int as issued,
            (select count(*) from issued_gift_card g where g.order_id = ?)::int as recorded
       from imported_order_line l
      where l.order_id = ? and l.is_gift_card`,
    [importedOrderId, importedOrderId],
  );
  const issued = row?.issued ?? 0;
  return { issued, unrecorded: issued === 0 ? 0 : Math.max(0, issued - (row?.recorded ?? 0)) };
}

/** Records (or refreshes) the cards Shopify issued for an order; idempotent by store and card id. */
export async function recordIssuedGiftCards(
  context: ErpContext,
  importedOrderId: number,
  cards: readonly IssuedGiftCardInput[],
): Promise<void> {
  if (cards.length === 0) return;
  await inTransaction(context, async (em) => {
    const order = await em.findOneOrFail(ImportedOrder, importedOrderId);
    for (const card of cards) {
      await em.upsert(
        IssuedGiftCard,
        {
          store: order.store,
          shopifyGiftCardId: card.shopifyGiftCardId,
          orderId: order.id,
          lastCharacters: card.lastCharacters,
          initialValue: card.initialValue,
          balance: card.balance,
          currencyCode: card.currencyCode,
          enabled: card.enabled,
          shopifyCreatedAt: new Date(card.createdAt),
        },
        { onConflictFields: ['store', 'shopifyGiftCardId'], onConflictAction: 'merge' },
      );
    }
  });
}
