import type { SimulatorClock } from './clock';

/** Bucket size and restore rate (points per second) of an app on one store. */
export interface ThrottleLimits {
  maximumAvailable: number;
  restoreRate: number;
}

/**
 * Shopify's plans as published (restore rates 100 / 200 / 1,000 / 2,000 points per second; the
 * buckets are 20 seconds of restore). The connector must read them from throttleStatus, never
 * assume them, so tests may configure any other size.
 */
export const PLAN_LIMITS = {
  basic: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
  enterprise: { maximumAvailable: 40000, restoreRate: 2000 },
} as const satisfies Record<string, ThrottleLimits>;

export type PlanName = keyof typeof PLAN_LIMITS;

export const PLAN_DISPLAY_NAMES: Record<PlanName, string> = {
  basic: 'Basic',
  advanced: 'Advanced',
  plus: 'Shopify Plus',
  enterprise: 'Commerce Components',
};

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** A leaky bucket per store, refilled continuously from the (injectable) clock. */
export class LeakyBucket {
  private available: number;
  private lastRefill: number;

  constructor(
    private limits: ThrottleLimits,
    private readonly clock: SimulatorClock,
    private unthrottled = false,
  ) {
    this.available = limits.maximumAvailable;
    this.lastRefill = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsedSeconds = Math.max(0, now - this.lastRefill) / 1000;
    this.available = Math.min(
      this.limits.maximumAvailable,
      this.available + elapsedSeconds * this.limits.restoreRate,
    );
    this.lastRefill = now;
  }

  /** Takes `cost` points if the bucket holds them; false (and nothing taken) otherwise. */
  tryTake(cost: number): boolean {
    this.refill();
    if (this.unthrottled) return true;
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back the difference between requested and actual cost. */
  refund(points: number): void {
    this.refill();
    if (this.unthrottled) return;
    this.available = Math.min(this.limits.maximumAvailable, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.limits.maximumAvailable,
      currentlyAvailable: this.unthrottled ? this.limits.maximumAvailable : Math.floor(this.available),
      restoreRate: this.limits.restoreRate,
    };
  }

  /**
   * Changes the limits at run time (the bucket keeps what it holds, capped at the new size). An
   * unthrottled bucket starts throttling here, full: a benchmark generates its store unthrottled,
   * then runs on a plan's budget.
   */
  configure(limits: ThrottleLimits): void {
    this.refill();
    if (this.unthrottled) this.available = limits.maximumAvailable;
    this.unthrottled = false;
    this.limits = limits;
    this.available = Math.min(this.available, limits.maximumAvailable);
  }

  /** Fills or drains the bucket (tests). */
  setAvailable(points: number): void {
    this.refill();
    this.available = Math.max(0, Math.min(this.limits.maximumAvailable, points));
  }
}
