/** What the health-check workflow asks of activities. Types only; activities/ implements it. */

export interface HealthCheckResult {
  workflowId: string;
  workerIdentity: string;
  checkedAt: string;
}

export interface HealthCheckActivities {
  recordHealthCheck(workflowId: string): Promise<HealthCheckResult>;
}
