import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
} from '@temporalio/client';
import { syncShipmentsWorkflowId } from '../../workflows/messages';
import type { SyncShipmentsWorkflowInput } from '../../workflows/sync-shipments';

const PREFIX = 'shipment-sync:';

export function shipmentSyncScheduleId(shopCode: string): string {
  return `${PREFIX}${shopCode}`;
}

export interface ShipmentSyncScheduleSpec {
  shopCode: string;
  taskQueue: string;
  /** Temporal interval, e.g. '10 minutes'. */
  every: string;
  paused?: boolean;
}

/**
 * Creates the shop card's shipment sync schedule (the reconciler for shipments whose signal was
 * lost), or updates it in place. Runs never overlap (SKIP).
 */
export async function ensureShipmentSyncSchedule(
  client: Client,
  spec: ShipmentSyncScheduleSpec,
): Promise<'created' | 'updated'> {
  const scheduleId = shipmentSyncScheduleId(spec.shopCode);
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'syncShipmentsWorkflow',
    workflowId: syncShipmentsWorkflowId(spec.shopCode),
    taskQueue: spec.taskQueue,
    args: [{ shopCode: spec.shopCode } satisfies SyncShipmentsWorkflowInput],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: spec.every }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
      state: { paused: spec.paused ?? false, note: `shipment sync for shop card ${spec.shopCode}` },
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

export interface ShipmentSyncScheduleSummary {
  scheduleId: string;
  shopCode: string;
  every: string;
  paused: boolean;
  nextRunAt: string;
  lastRunAt: string;
}

export async function listShipmentSyncSchedules(client: Client): Promise<ShipmentSyncScheduleSummary[]> {
  const summaries: ShipmentSyncScheduleSummary[] = [];
  for await (const listed of client.schedule.list()) {
    if (!listed.scheduleId.startsWith(PREFIX)) continue;
    const described = await client.schedule.getHandle(listed.scheduleId).describe();
    const interval = described.spec.intervals?.[0];
    summaries.push({
      scheduleId: listed.scheduleId,
      shopCode: listed.scheduleId.slice(PREFIX.length),
      every: interval ? `${Math.round(Number(interval.every) / 1000)}s` : '',
      paused: described.state.paused,
      nextRunAt: described.info.nextActionTimes[0]?.toISOString() ?? '',
      lastRunAt: described.info.recentActions.at(-1)?.takenAt.toISOString() ?? '',
    });
  }
  return summaries.sort((first, second) => first.shopCode.localeCompare(second.shopCode));
}

/** A clear message instead of a gRPC NOT_FOUND when a shop card has no shipment sync schedule. */
export async function withShipmentSyncSchedule<T>(
  client: Client,
  shopCode: string,
  operation: (handle: ReturnType<Client['schedule']['getHandle']>) => Promise<T>,
): Promise<T> {
  try {
    return await operation(client.schedule.getHandle(shipmentSyncScheduleId(shopCode)));
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) {
      throw new Error(
        `Shop card ${shopCode} has no shipment sync schedule: create it with \`orderbridge shipments schedule create --shop ${shopCode}\`.`,
      );
    }
    throw error;
  }
}
