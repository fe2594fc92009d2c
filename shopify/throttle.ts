/**
 * A client-side model of Shopify's leaky bucket for one store, shared by every client in the
 * process (Shopify limits per app × store, whatever the number of workers or shop cards).
 *
 * It learns the bucket from `extensions.cost.throttleStatus` of every response and never assumes
 * a plan. Before the first answer it assumes a 1,000-point bucket restoring 50 points a second
 * (the oldest and smallest published plan) and lets a single request through, so the store's
 * real figures arrive before any burst is sent.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export const ASSUMED_THROTTLE_STATUS: Readonly<ThrottleStatus> = {
  maximumAvailable: 1000,
  currentlyAvailable: 1000,
  restoreRate: 50,
};

export interface ThrottleLease {
  readonly sequence: number;
  readonly cost: number;
  /** Time spent waiting for the bucket before this request could go. */
  readonly waitedMs: number;
}

export interface ThrottleSnapshot {
  statusKnown: boolean;
  maximumAvailable: number;
  restoreRate: number;
  availableNow: number;
  inFlight: number;
}

/**
 * What the client needs of a store's throttle: book before sending, tell back the answer. The
 * process-local StoreThrottle and the cross-process SharedStoreThrottle both are one.
 */
export interface ShopifyThrottle {
  acquire(requestedCost: number): Promise<ThrottleLease>;
  report(lease: ThrottleLease, status: ThrottleStatus, actualCost: number | null): void;
  finish(lease: ThrottleLease): void;
}

export class BucketTooSmallError extends Error {
  constructor(
    readonly requestedCost: number,
    readonly maximumAvailable: number,
  ) {
    super(`a request of ${requestedCost} points can never fit a bucket of ${maximumAvailable} points`);
    this.name = 'BucketTooSmallError';
  }
}

/** Milliseconds until a bucket in `status` holds `requestedCost` points again (0 if it already does). */
export function restoreWaitMs(requestedCost: number, status: ThrottleStatus): number {
  const deficit = requestedCost - status.currentlyAvailable;
  if (deficit <= 0) return 0;
  return Math.ceil((deficit / status.restoreRate) * 1000);
}

export class StoreThrottle implements ShopifyThrottle {
  private statusKnown = false;
  private maximumAvailable: number;
  private restoreRate: number;
  private available: number;
  private availableAt: number;
  private nextSequence = 0;
  private readonly inFlight = new Map<number, number>();
  private queueTail: Promise<void> = Promise.resolve();
  private readonly sleepers = new Set<() => void>();

  constructor(
    readonly shopDomain: string,
    private readonly now: () => number = Date.now,
    assumed: ThrottleStatus = ASSUMED_THROTTLE_STATUS,
  ) {
    this.maximumAvailable = assumed.maximumAvailable;
    this.restoreRate = assumed.restoreRate;
    this.available = assumed.currentlyAvailable;
    this.availableAt = now();
  }

  /**
   * Waits (first come, first served) until the bucket holds `requestedCost`, then books it.
   * Every response (report) or failure (finish) must be told back with the returned lease.
   */
  async acquire(requestedCost: number): Promise<ThrottleLease> {
    const previous = this.queueTail;
    let releaseQueue!: () => void;
    this.queueTail = new Promise<void>((resolve) => (releaseQueue = resolve));
    await previous;
    // Only time spent waiting for the bucket counts: a clock tick between two statements is no wait.
    let waitedMs = 0;
    const waitFor = async (ms: number) => {
      const from = this.now();
      await this.pause(ms);
      waitedMs += this.now() - from;
    };
    try {
      for (;;) {
        if (this.statusKnown && requestedCost > this.maximumAvailable) {
          throw new BucketTooSmallError(requestedCost, this.maximumAvailable);
        }
        if (!this.statusKnown && this.inFlight.size > 0) {
          // Still probing: wait for the first answer to tell the real bucket.
          await waitFor(1000);
          continue;
        }
        this.checkpoint();
        if (this.available >= requestedCost) break;
        await waitFor(Math.ceil(((requestedCost - this.available) / this.restoreRate) * 1000));
      }
      this.available -= requestedCost;
      const sequence = this.nextSequence++;
      this.inFlight.set(sequence, requestedCost);
      return { sequence, cost: requestedCost, waitedMs };
    } finally {
      releaseQueue();
    }
  }

  /**
   * Shopify's view of the bucket after this request's answer, merged with the local estimate.
   * The local estimate gets the unused part of this booking back (all of it when Shopify did not
   * run the request: THROTTLED). Two figures bound what is really free:
   * - Shopify's figure minus everything still in flight: never too high (those requests may
   *   already be in it, then they are counted twice), and it sees other apps and processes;
   * - the local estimate, exact while this process is the bucket's only user, but blind to the
   *   others, so it is capped by Shopify's figure.
   * The larger of the two is kept: the local model where it is sharper, Shopify's figure where
   * ours was too pessimistic (a failed request that Shopify never charged). The first answer, or
   * a changed bucket size, replaces the assumption outright.
   */
  report(lease: ThrottleLease, status: ThrottleStatus, actualCost: number | null): void {
    this.checkpoint();
    this.inFlight.delete(lease.sequence);
    const reported = Math.min(status.currentlyAvailable, status.maximumAvailable);
    const reportedLessInFlight = reported - this.bookedInFlight();
    const local = this.available + Math.max(0, lease.cost - (actualCost ?? 0));
    this.available =
      !this.statusKnown || status.maximumAvailable !== this.maximumAvailable
        ? reportedLessInFlight
        : Math.max(reportedLessInFlight, Math.min(local, reported));
    this.statusKnown = true;
    this.maximumAvailable = status.maximumAvailable;
    this.restoreRate = status.restoreRate > 0 ? status.restoreRate : this.restoreRate;
    this.wakeSleepers();
  }

  /** The request ended without a throttle status (network error, 5xx): its booking stays spent. */
  finish(lease: ThrottleLease): void {
    this.checkpoint();
    this.inFlight.delete(lease.sequence);
    this.wakeSleepers();
  }

  snapshot(): ThrottleSnapshot {
    return {
      statusKnown: this.statusKnown,
      maximumAvailable: this.maximumAvailable,
      restoreRate: this.restoreRate,
      availableNow: this.availableNow(),
      inFlight: this.inFlight.size,
    };
  }

  /**
   * Points free for a new request now. The bucket restores continuously but never beyond its
   * size; Shopify's own bucket (which still holds the cost of requests in flight, or will once
   * they arrive) is capped at its size, so what is free for us is capped at the size minus what
   * is in flight. Without that cap, restore Shopify wastes on a full bucket would be counted.
   */
  private availableNow(): number {
    const restored = ((this.now() - this.availableAt) / 1000) * this.restoreRate;
    return Math.min(this.maximumAvailable - this.bookedInFlight(), this.available + restored);
  }

  /** Brings the estimate up to now, before the set of requests in flight changes. */
  private checkpoint(): void {
    this.available = this.availableNow();
    this.availableAt = this.now();
  }

  private bookedInFlight(): number {
    let booked = 0;
    for (const cost of this.inFlight.values()) booked += cost;
    return booked;
  }

  /** Sleeps up to `ms`, or less when a report may have freed room (refunds make waits shorter). */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(1, ms));
      this.sleepers.add(wake);
    });
  }

  private wakeSleepers(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}

const throttlesByStore = new Map<string, StoreThrottle>();

/** The one throttle of `shopDomain` in this process. */
export function throttleForStore(shopDomain: string): StoreThrottle {
  const key = shopDomain.toLowerCase();
  let throttle = throttlesByStore.get(key);
  if (!throttle) {
    throttle = new StoreThrottle(key);
    throttlesByStore.set(key, throttle);
  }
  return throttle;
}

/** Drops what the process learnt about a store's bucket (tests that restart a simulated store). */
export function forgetStoreThrottle(shopDomain: string): void {
  throttlesByStore.delete(shopDomain.toLowerCase());
}
