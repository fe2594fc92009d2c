import type { Command } from 'commander';
import { getShopCard } from '../../erp/services/settings';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';
import {
  ensureOrderSyncSchedule,
  listOrderSyncSchedules,
  orderSyncScheduleId,
  withOrderSyncSchedule,
} from '../../temporal/order-sync-schedule';

/** `orderbridge schedule ...`: one Temporal Schedule per shop card for order sync. */
export function registerScheduleCommand(program: Command, context: () => AppContext): void {
  const schedule = program
    .command('schedule')
    .description('Manage the order sync schedule of each shop card (Temporal Schedules, runs never overlap)');

  const withClient = <T>(run: (appContext: AppContext) => Promise<T>) => withAppContext(context, run);

  schedule
    .command('create')
    .description('Create (or update) the order sync schedule of a shop card')
    .requiredOption('--shop <code>', 'shop card code')
    .option('--every <interval>', 'how often, e.g. "5 minutes", "30s"', '5 minutes')
    .option('--paused', 'create it paused')
    .action(async (options: { shop: string; every: string; paused?: boolean }) =>
      withClient(async (appContext) => {
        // A schedule of a card that does not exist would only fail every run: refuse it now.
        const shop = await getShopCard(await appContext.erp(), options.shop);
        if (!shop) {
          throw new Error(
            `Shop card '${options.shop}' does not exist: create it with \`orderbridge shop add ${options.shop}\` first (shop cards: \`orderbridge shop list\`).`,
          );
        }
        const outcome = await ensureOrderSyncSchedule(await appContext.temporalClient(), {
          shopCode: shop.code,
          taskQueue: appContext.config.TEMPORAL_TASK_QUEUE,
          every: options.every,
          paused: Boolean(options.paused),
        });
        console.log(`Schedule ${orderSyncScheduleId(shop.code)} ${outcome}: every ${options.every}.`);
      }),
    );

  schedule
    .command('list')
    .description('List order sync schedules')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withClient(async (appContext) => {
        printTable(await listOrderSyncSchedules(await appContext.temporalClient()), Boolean(options.json));
      }),
    );

  for (const [name, description] of [
    ['pause', 'Pause the schedule (runs in progress finish)'],
    ['unpause', 'Resume the schedule'],
    ['trigger', 'Run a sync now through the schedule (skipped if one is running)'],
    ['delete', 'Delete the schedule'],
  ] as const) {
    schedule
      .command(name)
      .description(description)
      .requiredOption('--shop <code>', 'shop card code')
      .option('--note <text>', 'why (shown in the Temporal UI)')
      .option('--json', 'print JSON')
      .action(async (options: { shop: string; note?: string; json?: boolean }) =>
        withClient(async (appContext) => {
          const client = await appContext.temporalClient();
          await withOrderSyncSchedule(client, options.shop, async (handle) => {
            if (name === 'pause') await handle.pause(options.note ?? 'paused from the orderbridge CLI');
            else if (name === 'unpause')
              await handle.unpause(options.note ?? 'unpaused from the orderbridge CLI');
            else if (name === 'trigger') await handle.trigger();
            else await handle.delete();
          });
          printRecord({ schedule: orderSyncScheduleId(options.shop), done: name }, Boolean(options.json));
        }),
      );
  }
}
