/**
 * How often and how patiently one Shopify call is retried inside the client. Bounded on purpose:
 * once it runs out the caller gets ShopifyRetriesExhaustedError and Temporal's own retry policy
 * takes over, so a long Shopify outage never pins a worker slot.
 */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Backoff ceiling of the first retry; it doubles per retry up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
};

/** Attempts of one call whose answers are not GraphQL (an HTML page, JSON cut off). */
export const INVALID_ANSWER_MAX_ATTEMPTS = 3;

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new Error(
      `Shopify retry policy: maxAttempts must be a whole number ≥ 1, got ${policy.maxAttempts}.`,
    );
  }
  if (policy.baseDelayMs < 0 || policy.maxDelayMs < policy.baseDelayMs) {
    throw new Error(
      `Shopify retry policy: need 0 ≤ baseDelayMs ≤ maxDelayMs, got ${policy.baseDelayMs} and ${policy.maxDelayMs}.`,
    );
  }
  return policy;
}

/**
 * "Full jitter" backoff: a uniform draw between 0 and the exponential ceiling, so many workers
 * hitting the same 5xx do not come back in lockstep. `retryNumber` is 1 for the first retry.
 */
export function fullJitterDelayMs(
  policy: RetryPolicy,
  retryNumber: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After in seconds (possibly fractional) or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number.parseFloat(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
