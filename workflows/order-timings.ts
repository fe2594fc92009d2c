/**
 * How long the order workflow waits for things. Durations come from configuration (tests use
 * seconds; there is no time-skipping server offline), as Temporal duration strings or milliseconds.
 */
export interface OrderTimings {
  /** First automatic re-check of an order with problems (a mapping may have been added meanwhile). */
  recheckProblemsAfter: string | number;
  /** Re-checks back off by doubling up to this. */
  maxRecheckInterval: string | number;
  /**
   * Longest one attempt of an import or document activity may take before Temporal gives it to
   * another worker (a worker that died mid-step is detected after this).
   */
  activityAttemptTimeout: string | number;
}

export const DEFAULT_ORDER_TIMINGS: OrderTimings = {
  recheckProblemsAfter: '15 minutes',
  maxRecheckInterval: '6 hours',
  activityAttemptTimeout: '2 minutes',
};

/**
 * Heartbeat timeout of the order and refund workflows' activities (the worker beats for them,
 * activities/liveness-heartbeats.ts): a worker that died mid-attempt is noticed after this.
 */
export const ACTIVITY_HEARTBEAT_TIMEOUT = '15 seconds';
