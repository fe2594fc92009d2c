import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One store's Shopify cost bucket as every worker process sees it: Shopify limits per app × store,
 * so the processes book their requests' points here instead of each guessing from its own answers.
 * `level` is what was free at `levelAt`; it goes below zero when requests are booked ahead of the
 * restore (each waits until its turn), which makes the booking order first come, first served.
 */
export const ShopifyStoreBucket = defineEntity({
  name: 'ShopifyStoreBucket',
  tableName: 'shopify_store_bucket',
  properties: {
    store: p.string().length(255).primary(),
    maximumAvailable: p.double(),
    restoreRate: p.double(),
    level: p.double(),
    levelAt: p.datetime(),
    /** False until Shopify's throttleStatus told the real bucket (an assumed small one until then). */
    statusKnown: p.boolean().default(false),
  },
});

export type ShopifyStoreBucket = InferEntity<typeof ShopifyStoreBucket>;
