import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { HealthCheckResult } from '../workflows/contracts/health-check';

/** Runs the health-check workflow once: a worker on `taskQueue` reached Temporal and PostgreSQL. */
export function runHealthCheck(client: Client, taskQueue: string): Promise<HealthCheckResult> {
  return client.workflow.execute('healthCheckWorkflow', {
    taskQueue,
    workflowId: `health-check:${randomUUID()}`,
    workflowExecutionTimeout: '30 seconds',
    args: [],
  });
}
