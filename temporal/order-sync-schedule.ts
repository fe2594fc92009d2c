import type { Client } from '@temporalio/client';
import { syncOrdersWorkflowId } from '../workflows/messages';
import {
  ensureSyncSchedule,
  listSyncSchedules,
  syncScheduleId,
  withSyncSchedule,
  type SyncScheduleKind,
  type SyncScheduleSpec,
  type SyncScheduleSummary,
} from './sync-schedules';

/** The order sync of each shop card: discovery on a schedule (SPEC §3, §9). */
export const ORDER_SYNC_SCHEDULE: SyncScheduleKind = {
  prefix: 'order-sync:',
  workflowType: 'syncOrdersWorkflow',
  workflowId: syncOrdersWorkflowId,
  noun: 'order sync',
  createCommand: (shopCode) => `orderbridge schedule create --shop ${shopCode}`,
};

export const orderSyncScheduleId = (shopCode: string) => syncScheduleId(ORDER_SYNC_SCHEDULE, shopCode);
export const ensureOrderSyncSchedule = (client: Client, spec: SyncScheduleSpec) =>
  ensureSyncSchedule(client, ORDER_SYNC_SCHEDULE, spec);
export const listOrderSyncSchedules = (client: Client): Promise<SyncScheduleSummary[]> =>
  listSyncSchedules(client, ORDER_SYNC_SCHEDULE);
export const withOrderSyncSchedule = <T>(
  client: Client,
  shopCode: string,
  operation: Parameters<typeof withSyncSchedule<T>>[3],
) => withSyncSchedule(client, ORDER_SYNC_SCHEDULE, shopCode, operation);
