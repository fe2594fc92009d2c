import type { ActivityDeps } from './deps';
import { createHealthCheckActivities } from './health-check';

export type { ActivityDeps } from './deps';

/** All activities, built once per worker from its dependencies (Temporal's DI pattern). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createHealthCheckActivities(deps),
  };
}

export type OrderbridgeActivities = ReturnType<typeof createActivities>;
