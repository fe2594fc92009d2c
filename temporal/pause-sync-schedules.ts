import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { ORDER_SYNC_SCHEDULE } from './order-sync-schedule';
import { SHIPMENT_SYNC_SCHEDULE } from './shipment-sync-schedule';
import { syncScheduleId } from './sync-schedules';

/**
 * Pauses every sync schedule of the shop cards, with `note` as the reason `schedule list` shows.
 * A card without a schedule is skipped. Returns the schedule ids paused.
 */
export async function pauseSyncSchedules(
  client: Client,
  shopCodes: readonly string[],
  note: string,
): Promise<string[]> {
  const paused: string[] = [];
  for (const shopCode of shopCodes) {
    for (const kind of [ORDER_SYNC_SCHEDULE, SHIPMENT_SYNC_SCHEDULE]) {
      const scheduleId = syncScheduleId(kind, shopCode);
      try {
        await client.schedule.getHandle(scheduleId).pause(note);
        paused.push(scheduleId);
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      }
    }
  }
  return paused;
}
