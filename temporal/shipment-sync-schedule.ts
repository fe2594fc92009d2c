import type { Client } from '@temporalio/client';
import { syncShipmentsWorkflowId } from '../workflows/messages';
import {
  ensureSyncSchedule,
  listSyncSchedules,
  syncScheduleId,
  withSyncSchedule,
  type SyncScheduleKind,
  type SyncScheduleSpec,
  type SyncScheduleSummary,
} from './sync-schedules';

/** The shipment sync of each shop card: the reconciler for shipments whose signal was lost (SPEC §5). */
export const SHIPMENT_SYNC_SCHEDULE: SyncScheduleKind = {
  prefix: 'shipment-sync:',
  workflowType: 'syncShipmentsWorkflow',
  workflowId: syncShipmentsWorkflowId,
  noun: 'shipment sync',
  createCommand: (shopCode) => `orderbridge shipments schedule create --shop ${shopCode}`,
};

export const shipmentSyncScheduleId = (shopCode: string) => syncScheduleId(SHIPMENT_SYNC_SCHEDULE, shopCode);
export const ensureShipmentSyncSchedule = (client: Client, spec: SyncScheduleSpec) =>
  ensureSyncSchedule(client, SHIPMENT_SYNC_SCHEDULE, spec);
export const listShipmentSyncSchedules = (client: Client): Promise<SyncScheduleSummary[]> =>
  listSyncSchedules(client, SHIPMENT_SYNC_SCHEDULE);
export const withShipmentSyncSchedule = <T>(
  client: Client,
  shopCode: string,
  operation: Parameters<typeof withSyncSchedule<T>>[3],
) => withSyncSchedule(client, SHIPMENT_SYNC_SCHEDULE, shopCode, operation);
