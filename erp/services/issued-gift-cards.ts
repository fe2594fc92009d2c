import { ImportedOrder, ImportedOrderLine, IssuedGiftCard } from '../entities';
import { inTransaction, type ErpContext } from './context';

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
 * Gift card units the order sold and Shopify has issued (fulfilled gift card lines), minus the
 * cards already recorded: more than 0 means the gift card list should ask Shopify.
 */
export async function unrecordedGiftCards(context: ErpContext, importedOrderId: number): Promise<number> {
  return inTransaction(context, async (em) => {
    const lines = await em.find(ImportedOrderLine, { orderId: importedOrderId, isGiftCard: true });
    const issued = lines.reduce(
      (total, line) => total + Math.max(0, line.quantity - line.quantityToFulfill),
      0,
    );
    if (issued === 0) return 0;
    return Math.max(0, issued - (await em.count(IssuedGiftCard, { orderId: importedOrderId })));
  });
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
