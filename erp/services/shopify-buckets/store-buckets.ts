import { entityManagerOf, type ErpContext } from '../shared/context';

/** What a booking tells: the bucket after it (level may be below zero: the booking waits its turn). */
export interface BookedPoints {
  level: number;
  maximumAvailable: number;
  restoreRate: number;
  statusKnown: boolean;
}

export interface AssumedBucket {
  maximumAvailable: number;
  restoreRate: number;
}

/** The level brought up to now: restored continuously since level_at, never beyond the size. */
const REFILLED = `least(b.maximum_available,
  b.level + greatest(0, extract(epoch from clock_timestamp() - b.level_at)) * b.restore_rate)`;

/**
 * Books `cost` points of `store`'s bucket in one statement (the row lock orders the bookings of
 * every process). The first booking of a store creates its row from the assumed bucket.
 */
export async function bookShopifyPoints(
  context: ErpContext,
  store: string,
  cost: number,
  assumed: AssumedBucket,
): Promise<BookedPoints> {
  const rows = await entityManagerOf(context).execute<
    { level: number; maximum_available: number; restore_rate: number; status_known: boolean }[]
  >(
    `insert into shopify_store_bucket as b (store, maximum_available, restore_rate, level, level_at, status_known)
     values (?, ?, ?, ?, clock_timestamp(), false)
     on conflict (store) do update set level = ${REFILLED} - ?, level_at = clock_timestamp()
     returning b.level, b.maximum_available, b.restore_rate, b.status_known`,
    [store, assumed.maximumAvailable, assumed.restoreRate, assumed.maximumAvailable - cost, cost],
  );
  const row = rows[0]!;
  return {
    level: Number(row.level),
    maximumAvailable: Number(row.maximum_available),
    restoreRate: Number(row.restore_rate),
    statusKnown: row.status_known,
  };
}

export interface ShopifyBucketReport {
  /** Points booked but not charged: requested minus actual cost (all of it when THROTTLED). */
  refund: number;
  /** Shopify's throttleStatus in the answer. */
  currentlyAvailable: number;
  maximumAvailable: number;
  restoreRate: number;
  /** Seconds since the request was sent: Shopify restored at most this long since its figure. */
  elapsedSeconds: number;
}

/**
 * Merges an answer into the shared bucket. The shared level is exact while our processes are the
 * bucket's only users, so Shopify's figure (plus what it restored since) only caps it: it sees
 * other apps and estimates that were too low. A changed or first-known size shifts the level by
 * the difference, so bookings already made stay counted.
 */
export async function reportShopifyThrottleStatus(
  context: ErpContext,
  store: string,
  report: ShopifyBucketReport,
): Promise<void> {
  const cap = Math.min(
    report.maximumAvailable,
    report.currentlyAvailable + report.restoreRate * Math.max(0, report.elapsedSeconds),
  );
  await entityManagerOf(context).execute(
    `update shopify_store_bucket as b set
       level = least(${REFILLED} + ? + case when b.status_known then 0 else ? - b.maximum_available end, ?),
       level_at = clock_timestamp(),
       maximum_available = ?,
       restore_rate = ?,
       status_known = true
     where b.store = ?`,
    [report.refund, report.maximumAvailable, cap, report.maximumAvailable, report.restoreRate, store],
  );
}

export interface ShopifyBucketState {
  store: string;
  maximumAvailable: number;
  restoreRate: number;
  /** Points free now (negative: that many are booked ahead of the restore). */
  availableNow: number;
  statusKnown: boolean;
}

/** Every store's bucket, brought up to now (metrics and `orderbridge status`). */
export async function readShopifyBuckets(context: ErpContext): Promise<ShopifyBucketState[]> {
  const rows = await entityManagerOf(context).execute<
    {
      store: string;
      maximum_available: number;
      restore_rate: number;
      available: number;
      status_known: boolean;
    }[]
  >(
    `select b.store, b.maximum_available, b.restore_rate, ${REFILLED} as available, b.status_known
     from shopify_store_bucket b order by b.store`,
  );
  return rows.map((row) => ({
    store: row.store,
    maximumAvailable: Number(row.maximum_available),
    restoreRate: Number(row.restore_rate),
    availableNow: Number(row.available),
    statusKnown: row.status_known,
  }));
}
