import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;
type History = temporal.api.history.v1.IHistory;

/**
 * Billable Temporal actions in a workflow history, counted the way Temporal Cloud bills them:
 * a start, each signal and accepted update, each activity attempt, timer, search-attribute upsert,
 * child start, external signal, marker (local activities, side effects) and continue-as-new.
 */
export function countActions(history: History): number {
  let actions = 0;
  for (const event of history.events ?? []) {
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
      case EventType.EVENT_TYPE_TIMER_STARTED:
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
      case EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
      case EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED:
      case EventType.EVENT_TYPE_MARKER_RECORDED:
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        actions += 1;
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        // The history keeps only the last attempt; every earlier one was billed too.
        const attempt = event.activityTaskStartedEventAttributes?.attempt ?? 1;
        actions += Math.max(0, attempt - 1);
        break;
      }
      default:
        break;
    }
  }
  return actions;
}

/** Actions of each workflow, fetched with bounded concurrency. */
export async function countActionsOf(
  client: Client,
  workflowIds: readonly string[],
  concurrency = 16,
): Promise<number[]> {
  const counts: number[] = new Array<number>(workflowIds.length).fill(0);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < workflowIds.length) {
      const index = next++;
      const history = await client.workflow.getHandle(workflowIds[index]!).fetchHistory();
      counts[index] = countActions(history);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, workflowIds.length) }, lane));
  return counts;
}
