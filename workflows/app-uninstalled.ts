import { proxyActivities } from '@temporalio/workflow';
import type { OrderbridgeActivities } from './contracts';
import type { AppUninstalledInput, AppUninstalledReport } from './contracts/shop-webhooks';

const activities = proxyActivities<OrderbridgeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * app/uninstalled: the store's token no longer works, so its shop cards are disabled and their
 * sync schedules paused, each with the reason, instead of failing every run from now on.
 */
export async function appUninstalledWorkflow(input: AppUninstalledInput): Promise<AppUninstalledReport> {
  const reason =
    `the app was uninstalled from ${input.shopDomain} at ${input.uninstalledAt}; ` +
    'install it again, then enable the shop card and unpause its schedules';
  const disabledShopCodes = await activities.disableShopCardsOfStore({
    shopDomain: input.shopDomain,
    reason,
  });
  const pausedScheduleIds = await activities.pauseShopSyncSchedules({
    shopCodes: disabledShopCodes,
    note: reason,
  });
  return { disabledShopCodes, pausedScheduleIds };
}
