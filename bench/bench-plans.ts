import { PLAN_LIMITS, type ThrottleLimits } from '../simulator';

/**
 * The budgets `--plan` throttles the simulator to. Standard is the figure (a 1,000-point
 * bucket restoring 100 points a second); the others are the simulator's published plans.
 */
export const BENCH_PLANS = {
  standard: { maximumAvailable: 1000, restoreRate: 100 },
  advanced: PLAN_LIMITS.advanced,
  plus: PLAN_LIMITS.plus,
  enterprise: PLAN_LIMITS.enterprise,
} as const satisfies Record<string, ThrottleLimits>;

export type BenchPlan = keyof typeof BENCH_PLANS;

/** `--plan <name>` from the command line, or undefined (an unthrottled store). */
export function benchPlanArgument(): BenchPlan | undefined {
  const index = process.argv.indexOf('--plan');
  if (index < 0) return undefined;
  const name = process.argv[index + 1] ?? '';
  if (!(name in BENCH_PLANS)) {
    throw new Error(`--plan expects one of ${Object.keys(BENCH_PLANS).join(', ')}`);
  }
  return name as BenchPlan;
}

/**
 * Orders per second the plan allows for `pointsPerOrder`: the bucket, full at the start, pays for
 * the first orders and the restore rate for the rest.
 */
export function planOrdersPerSecond(limits: ThrottleLimits, orders: number, pointsPerOrder: number): number {
  const restoreSeconds = (orders * pointsPerOrder - limits.maximumAvailable) / limits.restoreRate;
  return restoreSeconds > 0 ? orders / restoreSeconds : Number.POSITIVE_INFINITY;
}
