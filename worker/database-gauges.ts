import type { ErpOrm } from '../erp/orm';
import { ShopCard } from '../erp/entities';
import { readShopifyBuckets } from '../erp/services/shopify-buckets';
import {
  onScrape,
  orderSyncWatermarkLag,
  shopifyBucketSize,
  shopifyPointsAvailable,
} from '../platform/metrics';

/**
 * The gauges whose truth is in PostgreSQL, read at each scrape: every process shows the same
 * shared bucket and watermark, whichever worker moved them last.
 */
export async function refreshDatabaseGauges(orm: ErpOrm): Promise<void> {
  const em = orm.em.fork();
  const [buckets, shops] = await Promise.all([
    readShopifyBuckets(em.fork()),
    em.find(ShopCard, { enabled: true }, { fields: ['code', 'lastOrderSyncAt'] }),
  ]);
  shopifyPointsAvailable.reset();
  shopifyBucketSize.reset();
  for (const bucket of buckets) {
    shopifyPointsAvailable.set({ store: bucket.store }, Math.round(bucket.availableNow));
    if (bucket.statusKnown) shopifyBucketSize.set({ store: bucket.store }, bucket.maximumAvailable);
  }
  orderSyncWatermarkLag.reset();
  const now = Date.now();
  for (const shop of shops) {
    if (shop.lastOrderSyncAt) {
      orderSyncWatermarkLag.set({ shop: shop.code }, (now - shop.lastOrderSyncAt.getTime()) / 1000);
    }
  }
}

/** Refreshes the database gauges before every scrape of this process' registry; returns the undo. */
export function registerDatabaseGauges(orm: ErpOrm): () => void {
  return onScrape(() => refreshDatabaseGauges(orm));
}
