import type { Client } from '@temporalio/client';
import proto, { type temporal as TemporalProto } from '@temporalio/proto';

// The package is CommonJS: its namespaces are reached through the default export at run time.
const { temporal } = proto;

const EventType = temporal.api.enums.v1.EventType;
type History = TemporalProto.api.history.v1.IHistory;

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

/** Mean start-to-close time of each activity type over the given histories, in milliseconds. */
export async function activityDurations(
  client: Client,
  workflowIds: readonly string[],
): Promise<Record<string, number>> {
  const totals = new Map<string, { sum: number; count: number }>();
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const scheduled = new Map<string, string>();
    const startedAt = new Map<string, number>();
    for (const event of history.events ?? []) {
      const eventId = String(event.eventId);
      const millis =
        Number(event.eventTime?.seconds ?? 0) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6);
      if (event.activityTaskScheduledEventAttributes) {
        scheduled.set(eventId, event.activityTaskScheduledEventAttributes.activityType?.name ?? '?');
        startedAt.set(eventId, millis);
      }
      const completed = event.activityTaskCompletedEventAttributes;
      if (completed) {
        const scheduledId = String(completed.scheduledEventId);
        const name = scheduled.get(scheduledId) ?? '?';
        const total = totals.get(name) ?? { sum: 0, count: 0 };
        total.sum += millis - (startedAt.get(scheduledId) ?? millis);
        total.count += 1;
        totals.set(name, total);
      }
    }
  }
  return Object.fromEntries([...totals].map(([name, total]) => [name, Math.round(total.sum / total.count)]));
}
