import { cancellationSignal } from '@temporalio/activity';
import type { OrderSnapshot } from '../domain/order-snapshot';
import { issuedGiftCardCounts, recordIssuedGiftCards } from '../erp/services/refunds';
import type { ShopifyAdminClient } from '../shopify/client';
import { findIssuedGiftCards } from '../shopify/issued-gift-cards';
import type { ActivityDeps } from './deps';

/**
 * After an import: when the order sold gift cards that Shopify issued and the ERP does not know
 * them yet, read their last characters from Shopify for the gift card list. Informational only: a
 * failure (e.g. an app without read_gift_cards) is logged and never fails the order's import.
 */
export async function recordIssuedGiftCardsOf(
  deps: ActivityDeps,
  client: ShopifyAdminClient,
  importedOrderId: number,
  snapshot: Pick<OrderSnapshot, 'shopifyOrderId' | 'name' | 'createdAt' | 'updatedAt' | 'customer' | 'lines'>,
): Promise<void> {
  if (!snapshot.lines.some((line) => line.isGiftCard)) return;
  try {
    const { issued, unrecorded } = await issuedGiftCardCounts(deps.orm, importedOrderId);
    if (unrecorded === 0) return;
    const cards = await findIssuedGiftCards(
      client,
      {
        shopifyOrderId: snapshot.shopifyOrderId,
        createdAt: snapshot.createdAt,
        updatedAt: snapshot.updatedAt,
        customerId: snapshot.customer?.shopifyCustomerId ?? null,
        issued,
      },
      { signal: cancellationSignal() },
    );
    await recordIssuedGiftCards(
      deps.orm,
      importedOrderId,
      cards.map((card) => ({
        shopifyGiftCardId: card.id,
        lastCharacters: card.lastCharacters,
        initialValue: card.initialValue.amount,
        balance: card.balance.amount,
        currencyCode: card.initialValue.currencyCode,
        enabled: card.enabled,
        createdAt: card.createdAt,
      })),
    );
  } catch (error) {
    deps.logger.warn(
      { order: snapshot.name, error: (error as Error).message },
      'gift cards issued for the order could not be read from Shopify; the gift card list shows them without last characters',
    );
  }
}
