import type { Logger } from '../platform/logger';
import {
  ASSUMED_THROTTLE_STATUS,
  BucketTooSmallError,
  type ShopifyThrottle,
  type ThrottleLease,
  type ThrottleStatus,
} from './throttle';

/** A booking attempt: taken, or not (then `level` is what is free now). */
export interface SharedBucketBooking {
  booked: boolean;
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

/** Longest sleep before asking the shared bucket again: other processes' refunds arrive unseen. */
const MAX_POLL_MS = 250;

/**
 * One store's Shopify budget shared by every worker process (issue 16). A request takes its points
 * from the shared bucket in one statement when the bucket holds them; otherwise it sleeps until
 * the restore (or a refund) should have made room and asks again. Every process sees every other's
 * bookings, so adding workers adds no THROTTLED answers. Within a process the requests queue first
 * come, first served once one had to wait, and only the head asks the database. Answers refund what was not charged and
 * cap the level with Shopify's own figure.
 */
export class SharedStoreThrottle implements ShopifyThrottle {
  private nextSequence = 0;
  private known: SharedBucketBooking | undefined;
  private queueTail: Promise<void> = Promise.resolve();
  private readonly sleepers = new Set<() => void>();
  private waiting = 0;

  constructor(
    readonly shopDomain: string,
    private readonly store: SharedBucketStore,
    private readonly logger?: Logger,
  ) {}

  async acquire(requestedCost: number): Promise<ThrottleLease> {
    const started = Date.now();
    // While nobody of this process waits, bookings go to the database side by side: one round
    // trip each, however slow the database is. Once one must wait, the rest queue behind it.
    if (this.waiting === 0 && (await this.tryBook(requestedCost))) return this.lease(requestedCost, 0);
    this.waiting++;
    const previous = this.queueTail;
    let releaseQueue!: () => void;
    this.queueTail = new Promise<void>((resolve) => (releaseQueue = resolve));
    try {
      await previous;
      while (!(await this.tryBook(requestedCost))) {
        const known = this.known!;
        const restoreMs = ((requestedCost - known.level) / known.restoreRate) * 1000;
        await this.pause(Math.max(5, Math.min(MAX_POLL_MS, Math.ceil(restoreMs))));
      }
    } finally {
      this.waiting--;
      releaseQueue();
    }
    return this.lease(requestedCost, Date.now() - started);
  }

  private async tryBook(requestedCost: number): Promise<boolean> {
    if (this.known?.statusKnown && requestedCost > this.known.maximumAvailable) {
      throw new BucketTooSmallError(requestedCost, this.known.maximumAvailable);
    }
    this.known = await this.store.book(requestedCost, ASSUMED_THROTTLE_STATUS);
    return this.known.booked;
  }

  private lease(cost: number, waitedMs: number): SharedLease {
    return { sequence: this.nextSequence++, cost, waitedMs, sentAt: Date.now() };
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
      // The refund may let the head of the queue go sooner than the restore alone.
      .then(() => this.wakeSleepers())
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

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private wakeSleepers(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}
