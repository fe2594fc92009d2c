/**
 * What Shopify calls cost, counted per client and per store: the benchmarks divide these by the
 * number of orders to report requests and cost points per order.
 */
export interface CallTotals {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests that repeated an earlier failed attempt. */
  retries: number;
  /** Requests that had to wait for the bucket (before sending or after THROTTLED). */
  throttleWaits: number;
  throttleWaitMs: number;
  /** Sum of Shopify's requestedQueryCost (our estimate when a response carried none). */
  requestedCost: number;
  /** Sum of Shopify's actualQueryCost. */
  actualCost: number;
}

export interface CallCountersSnapshot extends CallTotals {
  byOperation: Record<string, CallTotals>;
}

function emptyTotals(): CallTotals {
  return { requests: 0, retries: 0, throttleWaits: 0, throttleWaitMs: 0, requestedCost: 0, actualCost: 0 };
}

export class CallCounters {
  private totals = emptyTotals();
  private byOperation = new Map<string, CallTotals>();

  recordRequest(operationName: string, isRetry: boolean): void {
    this.add(operationName, { requests: 1, retries: isRetry ? 1 : 0 });
  }

  recordThrottleWait(operationName: string, waitedMs: number): void {
    this.add(operationName, { throttleWaits: 1, throttleWaitMs: waitedMs });
  }

  recordCost(operationName: string, requestedCost: number, actualCost: number): void {
    this.add(operationName, { requestedCost, actualCost });
  }

  snapshot(): CallCountersSnapshot {
    return {
      ...this.totals,
      byOperation: Object.fromEntries([...this.byOperation].map(([name, totals]) => [name, { ...totals }])),
    };
  }

  reset(): void {
    this.totals = emptyTotals();
    this.byOperation = new Map();
  }

  private add(operationName: string, delta: Partial<CallTotals>): void {
    let operationTotals = this.byOperation.get(operationName);
    if (!operationTotals) {
      operationTotals = emptyTotals();
      this.byOperation.set(operationName, operationTotals);
    }
    for (const key of Object.keys(delta) as (keyof CallTotals)[]) {
      const amount = delta[key] ?? 0;
      this.totals[key] += amount;
      operationTotals[key] += amount;
    }
  }
}

const countersByStore = new Map<string, CallCounters>();

/** Counters of every client of `shopDomain` in this process together. */
export function storeCallCounters(shopDomain: string): CallCounters {
  const key = shopDomain.toLowerCase();
  let counters = countersByStore.get(key);
  if (!counters) {
    counters = new CallCounters();
    countersByStore.set(key, counters);
  }
  return counters;
}

/** The difference between two snapshots: what happened in between (e.g. during one benchmark run). */
export function countersSince(
  before: CallCountersSnapshot,
  after: CallCountersSnapshot,
): CallCountersSnapshot {
  const minus = (later: CallTotals, earlier: CallTotals | undefined): CallTotals => {
    const base = earlier ?? emptyTotals();
    return {
      requests: later.requests - base.requests,
      retries: later.retries - base.retries,
      throttleWaits: later.throttleWaits - base.throttleWaits,
      throttleWaitMs: later.throttleWaitMs - base.throttleWaitMs,
      requestedCost: later.requestedCost - base.requestedCost,
      actualCost: later.actualCost - base.actualCost,
    };
  };
  return {
    ...minus(after, before),
    byOperation: Object.fromEntries(
      Object.entries(after.byOperation).map(([name, totals]) => [
        name,
        minus(totals, before.byOperation[name]),
      ]),
    ),
  };
}
