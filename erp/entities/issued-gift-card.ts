import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';
import { moneyColumn } from './money-columns';

/**
 * A gift card Shopify issued for a sold gift card line (SPEC §6 gift card list), as Shopify's gift
 * card list reports it: only its last characters, never the code.
 */
export const IssuedGiftCard = defineEntity({
  name: 'IssuedGiftCard',
  tableName: 'issued_gift_card',
  properties: {
    id: p.integer().primary().autoincrement(),
    store: p.string().length(255),
    /** GiftCard GID. */
    shopifyGiftCardId: p.string().length(100),
    orderId: p.manyToOne(ImportedOrder).mapToPk().joinColumn('order_id').deleteRule('cascade'),
    lastCharacters: p.string().length(10),
    initialValue: moneyColumn(),
    balance: moneyColumn(),
    currencyCode: p.string().length(10),
    enabled: p.boolean().default(true),
    shopifyCreatedAt: p.datetime(),
  },
  uniques: [{ properties: ['store', 'shopifyGiftCardId'] }],
  indexes: [{ properties: ['orderId'] }],
});

export type IssuedGiftCard = InferEntity<typeof IssuedGiftCard>;
