import { describe, expect, it } from 'vitest';
import { importOrder } from '../../erp/services/orders';
import { issuedGiftCardCounts, recordIssuedGiftCards } from '../../erp/services/refunds';
import { line } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

/** Imports an order with one gift card line of the given quantities; returns its imported id. */
async function giftCardOrder(quantities: {
  quantity: number;
  currentQuantity: number;
  unfulfilledQuantity: number;
}): Promise<number> {
  const giftCard = line(900, { isGiftCard: true, requiresShipping: false, taxable: false, ...quantities });
  const imported = await importOrder(erp.orm, SHOP, newOrder({ lines: [giftCard] }));
  return imported.importedOrderId!;
}

function card(id: number) {
  return {
    shopifyGiftCardId: `gid://shopify/GiftCard/${id}`,
    lastCharacters: 'AB12',
    initialValue: '25.00',
    balance: '25.00',
    currencyCode: 'NOK',
    enabled: true,
    createdAt: '2026-11-20T10:00:00Z',
  };
}

describe('gift cards an order issued', () => {
  it('counts the fulfilled units, and none once each is recorded', async () => {
    const orderId = await giftCardOrder({ quantity: 3, currentQuantity: 3, unfulfilledQuantity: 1 });
    expect(await issuedGiftCardCounts(erp.orm, orderId)).toEqual({ issued: 2, unrecorded: 2 });
    await recordIssuedGiftCards(erp.orm, orderId, [card(1), card(2)]);
    expect(await issuedGiftCardCounts(erp.orm, orderId)).toEqual({ issued: 2, unrecorded: 0 });
  });

  it('does not count a unit removed from the order as issued', async () => {
    // Two ordered, one removed by an edit, the other issued: one card exists.
    const issuedOne = await giftCardOrder({ quantity: 2, currentQuantity: 1, unfulfilledQuantity: 0 });
    expect(await issuedGiftCardCounts(erp.orm, issuedOne)).toEqual({ issued: 1, unrecorded: 1 });
    await recordIssuedGiftCards(erp.orm, issuedOne, [card(3)]);
    // Without this, the order would look for a card that does not exist after every import.
    expect(await issuedGiftCardCounts(erp.orm, issuedOne)).toEqual({ issued: 1, unrecorded: 0 });

    // Two ordered, one removed, the other not issued yet: no card exists.
    const issuedNone = await giftCardOrder({ quantity: 2, currentQuantity: 1, unfulfilledQuantity: 1 });
    expect(await issuedGiftCardCounts(erp.orm, issuedNone)).toEqual({ issued: 0, unrecorded: 0 });
  });
});
