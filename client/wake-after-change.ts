import type { ConfigurationChange } from '../domain/configuration-fixes';
import { findWorkFixableByChange } from '../erp/services/settings';
import { wakeFixableWork } from '../temporal/wake-fixable-work';
import type { AppContext } from './app-context';

/**
 * Run by every command that changes configuration, once the change is saved: wakes the orders and
 * refunds it can fix and says so on stderr (stdout may be JSON). The change stands when Temporal
 * cannot be reached; those orders then re-check after their back-off or on `order retry`.
 */
export async function wakeWorkFixedBy(
  appContext: AppContext,
  change: ConfigurationChange,
  shopCode?: string,
): Promise<void> {
  const work = await findWorkFixableByChange(await appContext.erp(), change, shopCode);
  const waiting = work.orders.length + work.refunds.length;
  if (waiting === 0) return;
  let client;
  try {
    client = await appContext.temporalClient();
  } catch (error) {
    console.error(
      `${work.orders.length} order(s) and ${work.refunds.length} refund(s) wait on this change, but Temporal ` +
        `is not reachable (${(error as Error).message}): they re-check after their back-off, or with ` +
        '`orderbridge order retry <order>`',
    );
    return;
  }
  const woken = await wakeFixableWork(client, appContext.config.TEMPORAL_TASK_QUEUE, work);
  console.error(
    `Woke ${woken.orders} order(s) and ${woken.refunds} refund(s) whose problem this change can fix.`,
  );
}
