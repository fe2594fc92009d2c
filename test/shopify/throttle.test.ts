import { afterEach, describe, expect, it, vi } from 'vitest';
import { BucketTooSmallError, restoreWaitMs, StoreThrottle, throttleForStore } from '../../shopify/throttle';

/** A throttle that already knows its bucket: `maximum` points restoring `restoreRate` a second. */
function knownThrottle(maximum: number, available: number, restoreRate: number): StoreThrottle {
  const throttle = new StoreThrottle('test.myshopify.com');
  return withStatus(throttle, maximum, available, restoreRate);
}

function withStatus(
  throttle: StoreThrottle,
  maximum: number,
  available: number,
  restoreRate: number,
): StoreThrottle {
  throttle.report(
    { sequence: -1, cost: 0, waitedMs: 0 },
    {
      maximumAvailable: maximum,
      currentlyAvailable: available,
      restoreRate,
    },
    0,
  );
  return throttle;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('restore maths', () => {
  it('waits the deficit divided by the restore rate', () => {
    expect(restoreWaitMs(768, { maximumAvailable: 1000, currentlyAvailable: 268, restoreRate: 100 })).toBe(
      5000,
    );
    expect(restoreWaitMs(50, { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 1000 })).toBe(50);
    expect(restoreWaitMs(10, { maximumAvailable: 1000, currentlyAvailable: 900, restoreRate: 50 })).toBe(0);
  });
});

describe('one store throttle', () => {
  it('lets a request through at once when the bucket holds its cost, and books it', async () => {
    const throttle = knownThrottle(1000, 1000, 50);
    const lease = await throttle.acquire(600);
    expect(lease.waitedMs).toBe(0);
    expect(throttle.snapshot().availableNow).toBeLessThan(401);
    expect(throttle.snapshot().inFlight).toBe(1);
  });

  it('reports no wait when it did not pause, however the clock moved meanwhile (a loaded machine)', async () => {
    let clock = 0;
    const throttle = withStatus(new StoreThrottle('test.myshopify.com', () => (clock += 7)), 1000, 1000, 50);
    const lease = await throttle.acquire(600);
    expect(lease.waitedMs).toBe(0);
  });

  it('waits until the restore rate has refilled the missing points', async () => {
    // 1 point per millisecond: 60 missing points take 60 ms of the (fake) clock.
    vi.useFakeTimers();
    const throttle = knownThrottle(100, 100, 1000);
    const first = await throttle.acquire(100);
    throttle.finish(first);
    let granted = false;
    const second = throttle.acquire(60).then((lease) => ((granted = true), lease));
    await vi.advanceTimersByTimeAsync(59);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toBe(true);
    expect((await second).waitedMs).toBe(60);
  });

  it("takes Shopify's figure over its own estimate and wakes waiting requests on a refund", async () => {
    // 10 points a second: without the report the second request would wait 60 s.
    vi.useFakeTimers();
    const throttle = knownThrottle(1000, 1000, 10);
    const big = await throttle.acquire(900);
    let granted = false;
    const waiting = throttle.acquire(700).then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(30);
    expect(granted).toBe(false);
    throttle.report(big, { maximumAvailable: 1000, currentlyAvailable: 980, restoreRate: 10 }, 20);
    // Only 30 ms of the clock passed: the report, not the restore rate, let it through.
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(true);
    await waiting;
  });

  it('keeps requests still in flight booked, though Shopify may not count them yet', async () => {
    const throttle = knownThrottle(1000, 1000, 1);
    const first = await throttle.acquire(100);
    await throttle.acquire(300);
    // Shopify answers the first (it ran for its full 100) before it has seen the second.
    throttle.report(first, { maximumAvailable: 1000, currentlyAvailable: 900, restoreRate: 1 }, 100);
    expect(Math.floor(throttle.snapshot().availableNow)).toBe(600);
  });

  it('gets the unused part of a booking back when the answer reports a lower actual cost', async () => {
    const throttle = knownThrottle(1000, 1000, 1);
    const lease = await throttle.acquire(800);
    throttle.report(lease, { maximumAvailable: 1000, currentlyAvailable: 950, restoreRate: 1 }, 50);
    expect(Math.floor(throttle.snapshot().availableNow)).toBe(950);
  });

  it('gets a whole booking back after THROTTLED, and follows a lower figure from Shopify', async () => {
    const throttle = knownThrottle(1000, 1000, 1);
    const lease = await throttle.acquire(500);
    // Another app drained the bucket: Shopify did not run this request and has 200 points left.
    throttle.report(lease, { maximumAvailable: 1000, currentlyAvailable: 200, restoreRate: 1 }, null);
    expect(Math.floor(throttle.snapshot().availableNow)).toBe(200);
  });

  it("takes Shopify's higher figure when its own was too pessimistic (a failed request never charged)", async () => {
    const throttle = knownThrottle(1000, 1000, 1);
    throttle.finish(await throttle.acquire(400));
    const lease = await throttle.acquire(10);
    expect(Math.floor(throttle.snapshot().availableNow)).toBe(590);
    throttle.report(lease, { maximumAvailable: 1000, currentlyAvailable: 990, restoreRate: 1 }, 10);
    expect(Math.floor(throttle.snapshot().availableNow)).toBe(990);
  });

  it('never counts restore beyond the bucket size while requests are in flight', async () => {
    // Shopify's bucket still holds the 80 booked points (or will when they arrive) and cannot
    // restore past its size: 20 is all that is free, however long the request takes.
    const throttle = knownThrottle(100, 100, 1000);
    await throttle.acquire(80);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(throttle.snapshot().availableNow).toBe(20);
  });

  it('learns the bucket from the first answer, sending only one request before it', async () => {
    const throttle = new StoreThrottle('probe.myshopify.com');
    expect(throttle.snapshot()).toMatchObject({
      statusKnown: false,
      maximumAvailable: 1000,
      restoreRate: 50,
    });
    const probe = await throttle.acquire(10);
    let secondSent = false;
    const second = throttle.acquire(10).then((lease) => {
      secondSent = true;
      return lease;
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(secondSent).toBe(false);
    throttle.report(probe, { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 }, 10);
    await second;
    expect(throttle.snapshot()).toMatchObject({
      statusKnown: true,
      maximumAvailable: 2000,
      restoreRate: 100,
    });
  });

  it('refuses a request the store bucket can never hold', async () => {
    const throttle = knownThrottle(40, 40, 2);
    await expect(throttle.acquire(41)).rejects.toBeInstanceOf(BucketTooSmallError);
  });

  it('serves waiting requests first come, first served', async () => {
    const throttle = knownThrottle(100, 0, 1000);
    const order: string[] = [];
    await Promise.all([
      throttle.acquire(80).then(() => order.push('big first')),
      throttle.acquire(5).then(() => order.push('small second')),
    ]);
    expect(order).toEqual(['big first', 'small second']);
  });

  it('is one per store across the process, whatever the case of the domain', () => {
    expect(throttleForStore('Shared.myshopify.com')).toBe(throttleForStore('shared.myshopify.com'));
    expect(throttleForStore('shared.myshopify.com')).not.toBe(throttleForStore('other.myshopify.com'));
  });
});
