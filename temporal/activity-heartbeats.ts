import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';

export interface ActivityHeartbeat {
  activityType: string;
  /** The first heartbeat detail, decoded; undefined before the first heartbeat. */
  details: unknown;
}

/**
 * The activities a workflow runs now, with what each last heartbeated: a long activity's progress,
 * read without a query handler (so without changing the workflow or its histories).
 */
export async function pendingActivityHeartbeats(handle: WorkflowHandle): Promise<ActivityHeartbeat[]> {
  const { raw } = await handle.describe();
  return (raw.pendingActivities ?? []).map((activity) => {
    const payload = activity.heartbeatDetails?.payloads?.[0];
    return {
      activityType: activity.activityType?.name ?? '',
      details: payload ? defaultPayloadConverter.fromPayload(payload) : undefined,
    };
  });
}
