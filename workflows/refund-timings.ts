import type { OrderTimings } from './order-timings';

/**
 * How long the refund workflow waits between checks of a pending payment, a missing order document
 * or a blocking problem. The order workflow's timings are reused: they are configured once (tests
 * use seconds; there is no time-skipping server offline).
 */
export type RefundTimings = Pick<
  OrderTimings,
  'recheckProblemsAfter' | 'maxRecheckInterval' | 'activityAttemptTimeout'
>;
