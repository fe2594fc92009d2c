import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { OrderbridgeActivities } from './contracts';
import type { HealthCheckResult } from './contracts/health-check';

const { recordHealthCheck } = proxyActivities<OrderbridgeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

/** A worker reaches Temporal and PostgreSQL: the activity writes a row and reads it back. */
export async function healthCheckWorkflow(): Promise<HealthCheckResult> {
  return recordHealthCheck(workflowInfo().workflowId);
}
