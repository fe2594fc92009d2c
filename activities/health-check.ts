import { activityInfo } from '@temporalio/activity';
import { HealthCheck } from '../erp/entities';
import type { HealthCheckResult } from '../workflows/contracts/health-check';
import type { ActivityDeps } from './deps';

export function createHealthCheckActivities({ orm }: ActivityDeps) {
  return {
    async recordHealthCheck(workflowId: string): Promise<HealthCheckResult> {
      const em = orm.em.fork();
      const workerIdentity = activityInfo().workflowType
        ? `${process.pid}@${activityInfo().taskQueue}`
        : String(process.pid);
      // Upsert by workflow id: a retried attempt rewrites the same row instead of adding one.
      await em.upsert(HealthCheck, { workflowId, workerIdentity }, { onConflictFields: ['workflowId'] });
      const stored = await em.fork().findOneOrFail(HealthCheck, { workflowId });
      return {
        workflowId: stored.workflowId,
        workerIdentity: stored.workerIdentity,
        checkedAt: stored.checkedAt.toISOString(),
      };
    },
  };
}
