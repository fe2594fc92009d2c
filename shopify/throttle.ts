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

export class StoreThrottle {
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
    const startedAt = this.now();
    try {
      for (;;) {
        if (this.statusKnown && requestedCost > this.maximumAvailable) {
          throw new BucketTooSmallError(requestedCost, this.maximumAvailable);
        }
        if (!this.statusKnown && this.inFlight.size > 0) {
          // Still probing: wait for the first answer to tell the real bucket.
          await this.pause(1000);
          continue;
        }
        const availableNow = this.availableNow();
        if (availableNow >= requestedCost) {
          this.available = availableNow - requestedCost;
          this.availableAt = this.now();
          break;
        }
        await this.pause(Math.ceil(((requestedCost - availableNow) / this.restoreRate) * 1000));
      }
    } finally {
      releaseQueue();
    }
    const sequence = this.nextSequence++;
    this.inFlight.set(sequence, requestedCost);
    return { sequence, cost: requestedCost, waitedMs: this.now() - startedAt };
  }

  /** Shopify's view of the bucket after this request; replaces the local estimate. */
  report(lease: ThrottleLease, status: ThrottleStatus): void {
    this.inFlight.delete(lease.sequence);
    // Requests sent after this one may not be in Shopify's figure yet: keep them booked.
    let bookedLater = 0;
    for (const [sequence, cost] of this.inFlight) if (sequence > lease.sequence) bookedLater += cost;
    this.statusKnown = true;
    this.maximumAvailable = status.maximumAvailable;
    this.restoreRate = status.restoreRate > 0 ? status.restoreRate : this.restoreRate;
    this.available = Math.min(status.currentlyAvailable, status.maximumAvailable) - bookedLater;
    this.availableAt = this.now();
    this.wakeSleepers();
  }

  /** The request ended without a throttle status (network error, 5xx): its booking stays spent. */
  finish(lease: ThrottleLease): void {
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

  private availableNow(): number {
    const restored = ((this.now() - this.availableAt) / 1000) * this.restoreRate;
    return Math.min(this.maximumAvailable, this.available + restored);
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
