import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
} from '@temporalio/client';
import { syncOrdersWorkflowId } from '../../workflows/messages';
import type { SyncOrdersInput } from '../../workflows/sync-orders';

export function orderSyncScheduleId(shopCode: string): string {
  return `order-sync:${shopCode}`;
}

export interface OrderSyncScheduleSpec {
  shopCode: string;
  taskQueue: string;
  /** Temporal interval, e.g. '5 minutes'. */
  every: string;
  paused?: boolean;
  note?: string;
}

/**
 * Creates the shop card's order sync schedule, or updates it in place when it exists. Runs never
 * overlap (SKIP): a sync still paging when the next is due makes that one wait for the next slot.
 */
export async function ensureOrderSyncSchedule(
  client: Client,
  spec: OrderSyncScheduleSpec,
): Promise<'created' | 'updated'> {
  const scheduleId = orderSyncScheduleId(spec.shopCode);
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'syncOrdersWorkflow',
    workflowId: syncOrdersWorkflowId(spec.shopCode),
    taskQueue: spec.taskQueue,
    args: [{ shopCode: spec.shopCode } satisfies SyncOrdersInput],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: spec.every }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
      state: { paused: spec.paused ?? false, note: spec.note ?? `order sync for shop card ${spec.shopCode}` },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec: { intervals: [{ every: spec.every }] },
      action,
      policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP },
    }));
    return 'updated';
  }
}

export interface OrderSyncScheduleSummary {
  scheduleId: string;
  shopCode: string;
  every: string;
  paused: boolean;
  note: string;
  nextRunAt: string;
  lastRunAt: string;
  lastRunStatus: string;
}

export async function listOrderSyncSchedules(client: Client): Promise<OrderSyncScheduleSummary[]> {
  const summaries: OrderSyncScheduleSummary[] = [];
  for await (const listed of client.schedule.list()) {
    if (!listed.scheduleId.startsWith('order-sync:')) continue;
    const described = await client.schedule.getHandle(listed.scheduleId).describe();
    const lastAction = described.info.recentActions.at(-1);
    const interval = described.spec.intervals?.[0];
    summaries.push({
      scheduleId: listed.scheduleId,
      shopCode: listed.scheduleId.slice('order-sync:'.length),
      every: interval ? `${Math.round(Number(interval.every) / 1000)}s` : '',
      paused: described.state.paused,
      note: described.state.note ?? '',
      nextRunAt: described.info.nextActionTimes[0]?.toISOString() ?? '',
      lastRunAt: lastAction?.takenAt.toISOString() ?? '',
      lastRunStatus: lastAction ? 'started' : '',
    });
  }
  return summaries.sort((first, second) => first.shopCode.localeCompare(second.shopCode));
}

/** A clear message instead of a gRPC NOT_FOUND when a shop card has no schedule. */
export async function withOrderSyncSchedule<T>(
  client: Client,
  shopCode: string,
  operation: (handle: ReturnType<Client['schedule']['getHandle']>) => Promise<T>,
): Promise<T> {
  try {
    return await operation(client.schedule.getHandle(orderSyncScheduleId(shopCode)));
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) {
      throw new Error(
        `Shop card ${shopCode} has no order sync schedule: create it with \`orderbridge schedule create --shop ${shopCode}\`.`,
      );
    }
    throw error;
  }
}
