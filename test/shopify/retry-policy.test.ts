import { describe, expect, it } from 'vitest';
import { fullJitterDelayMs, parseRetryAfterMs, resolveRetryPolicy } from '../../shopify/retry-policy';

describe('bounded exponential backoff with full jitter', () => {
  const policy = resolveRetryPolicy({ maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 });

  it('draws between 0 and a ceiling that doubles per retry', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4].map((retry) => fullJitterDelayMs(policy, retry, top))).toEqual([99, 199, 399, 799]);
    expect(fullJitterDelayMs(policy, 3, () => 0)).toBe(0);
    expect(fullJitterDelayMs(policy, 3, () => 0.5)).toBe(200);
  });

  it('never waits longer than maxDelayMs', () => {
    expect(fullJitterDelayMs(policy, 5, () => 0.999_999)).toBe(999);
    expect(fullJitterDelayMs(policy, 40, () => 0.999_999)).toBe(999);
  });

  it('spreads retries: many clients do not come back at the same moment', () => {
    const delays = Array.from({ length: 200 }, () => fullJitterDelayMs(policy, 4));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(800);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });

  it('rejects a policy that cannot work', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => resolveRetryPolicy({ baseDelayMs: 500, maxDelayMs: 100 })).toThrow(/baseDelayMs/);
  });
});

describe('Retry-After', () => {
  it('reads seconds, fractions of a second and HTTP dates', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs('0.25')).toBe(250);
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(parseRetryAfterMs('Fri, 27 Nov 2026 12:00:03 GMT', now)).toBe(3000);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });
});
