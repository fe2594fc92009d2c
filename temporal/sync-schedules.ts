import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
} from '@temporalio/client';

/** One kind of per-shop-card sync that runs on a Temporal Schedule (order sync, shipment sync). */
export interface SyncScheduleKind {
  /** Schedule ids are `<prefix><shop code>`. */
  prefix: string;
  workflowType: string;
  workflowId(shopCode: string): string;
  /** e.g. "order sync", for notes and messages. */
  noun: string;
  /** The command that creates it, for the "no schedule" message. */
  createCommand(shopCode: string): string;
}

export interface SyncScheduleSpec {
  shopCode: string;
  taskQueue: string;
  /** Temporal interval, e.g. '5 minutes'. */
  every: string;
  paused?: boolean;
  note?: string;
}

export interface SyncScheduleSummary {
  scheduleId: string;
  shopCode: string;
  every: string;
  paused: boolean;
  note: string;
  nextRunAt: string;
  lastRunAt: string;
}

export function syncScheduleId(kind: SyncScheduleKind, shopCode: string): string {
  return `${kind.prefix}${shopCode}`;
}

/**
 * Creates a shop card's sync schedule, or updates it in place when it exists. Runs never overlap
 * (SKIP): a sync still running when the next is due makes that one wait for the next slot.
 */
export async function ensureSyncSchedule(
  client: Client,
  kind: SyncScheduleKind,
  spec: SyncScheduleSpec,
): Promise<'created' | 'updated'> {
  const scheduleId = syncScheduleId(kind, spec.shopCode);
  const action = {
    type: 'startWorkflow' as const,
    workflowType: kind.workflowType,
    workflowId: kind.workflowId(spec.shopCode),
    taskQueue: spec.taskQueue,
    args: [{ shopCode: spec.shopCode }],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: spec.every }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
      state: {
        paused: spec.paused ?? false,
        note: spec.note ?? `${kind.noun} for shop card ${spec.shopCode}`,
      },
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

export async function listSyncSchedules(
  client: Client,
  kind: SyncScheduleKind,
): Promise<SyncScheduleSummary[]> {
  const summaries: SyncScheduleSummary[] = [];
  for await (const listed of client.schedule.list()) {
    if (!listed.scheduleId.startsWith(kind.prefix)) continue;
    let described;
    try {
      described = await client.schedule.getHandle(listed.scheduleId).describe();
    } catch (error) {
      // The list comes from visibility, which lags: a schedule deleted a moment ago is still listed.
      if (error instanceof ScheduleNotFoundError) continue;
      throw error;
    }
    const interval = described.spec.intervals?.[0];
    summaries.push({
      scheduleId: listed.scheduleId,
      shopCode: listed.scheduleId.slice(kind.prefix.length),
      every: interval ? `${Math.round(Number(interval.every) / 1000)}s` : '',
      paused: described.state.paused,
      note: described.state.note ?? '',
      nextRunAt: described.info.nextActionTimes[0]?.toISOString() ?? '',
      lastRunAt: described.info.recentActions.at(-1)?.takenAt.toISOString() ?? '',
    });
  }
  return summaries.sort((first, second) => first.shopCode.localeCompare(second.shopCode));
}

/** A clear message instead of a gRPC NOT_FOUND when a shop card has no such schedule. */
export async function withSyncSchedule<T>(
  client: Client,
  kind: SyncScheduleKind,
  shopCode: string,
  operation: (handle: ReturnType<Client['schedule']['getHandle']>) => Promise<T>,
): Promise<T> {
  try {
    return await operation(client.schedule.getHandle(syncScheduleId(kind, shopCode)));
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) {
      throw new Error(
        `Shop card ${shopCode} has no ${kind.noun} schedule: create it with \`${kind.createCommand(shopCode)}\`.`,
      );
    }
    throw error;
  }
}
