import type { Logger } from '../platform/logger';
import {
  ASSUMED_THROTTLE_STATUS,
  BucketTooSmallError,
  type ShopifyThrottle,
  type ThrottleLease,
  type ThrottleStatus,
} from './throttle';

/** The bucket after a booking; level below zero means the booking waits -level / restoreRate. */
export interface SharedBucketBooking {
  level: number;
  maximumAvailable: number;
  restoreRate: number;
  statusKnown: boolean;
}

/** Where the store's bucket is kept for every process (a row in PostgreSQL: erp/services/shopify-buckets). */
export interface SharedBucketStore {
  book(
    cost: number,
    assumed: { maximumAvailable: number; restoreRate: number },
  ): Promise<SharedBucketBooking>;
  report(report: {
    refund: number;
    currentlyAvailable: number;
    maximumAvailable: number;
    restoreRate: number;
    elapsedSeconds: number;
  }): Promise<void>;
}

interface SharedLease extends ThrottleLease {
  readonly sentAt: number;
}

/**
 * One store's Shopify budget shared by every worker process (issue 16). Each request books its
 * points in the shared bucket in one statement and, when the bucket is booked ahead, sleeps until
 * the restore reaches its booking: every process sees every other's bookings, so adding workers
 * adds no THROTTLED answers, and bookings go out in the order they were made. Answers refund what
 * was not charged and cap the level with Shopify's own figure.
 */
export class SharedStoreThrottle implements ShopifyThrottle {
  private nextSequence = 0;
  private known: SharedBucketBooking | undefined;

  constructor(
    readonly shopDomain: string,
    private readonly store: SharedBucketStore,
    private readonly logger?: Logger,
  ) {}

  async acquire(requestedCost: number): Promise<ThrottleLease> {
    if (this.known?.statusKnown && requestedCost > this.known.maximumAvailable) {
      throw new BucketTooSmallError(requestedCost, this.known.maximumAvailable);
    }
    const booking = await this.store.book(requestedCost, ASSUMED_THROTTLE_STATUS);
    this.known = booking;
    const waitMs = booking.level < 0 ? Math.ceil((-booking.level / booking.restoreRate) * 1000) : 0;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    const lease: SharedLease = {
      sequence: this.nextSequence++,
      cost: requestedCost,
      waitedMs: waitMs,
      sentAt: Date.now(),
    };
    return lease;
  }

  report(lease: ThrottleLease, status: ThrottleStatus, actualCost: number | null): void {
    const sentAt = (lease as SharedLease).sentAt ?? Date.now();
    this.store
      .report({
        refund: Math.max(0, lease.cost - (actualCost ?? 0)),
        currentlyAvailable: Math.min(status.currentlyAvailable, status.maximumAvailable),
        maximumAvailable: status.maximumAvailable,
        restoreRate: status.restoreRate > 0 ? status.restoreRate : (this.known?.restoreRate ?? 50),
        elapsedSeconds: (Date.now() - sentAt) / 1000,
      })
      // A lost report only leaves the shared level lower than it is (the next answer mends it).
      .catch((error: unknown) =>
        this.logger?.warn(
          { shopDomain: this.shopDomain, err: (error as Error).message },
          'shared Shopify bucket not updated',
        ),
      );
  }

  /** No answer: the booking stays spent, as Shopify may have charged it. */
  finish(): void {}
}
