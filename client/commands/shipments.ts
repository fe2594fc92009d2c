import type { Command } from 'commander';
import type { SyncShipmentsReport } from '../../workflows/contracts/shipment';
import { listPostedShipments } from '../../erp/services/shipments';
import { startShipmentSync } from '../../temporal/sync-runs';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';
import {
  ensureShipmentSyncSchedule,
  listShipmentSyncSchedules,
  shipmentSyncScheduleId,
  withShipmentSyncSchedule,
} from '../../temporal/shipment-sync-schedule';
import { flagNeedsAttention, UsageError } from '../exit-codes';
import { wholeNumber } from '../option-parsers';
import { withProgress } from '../progress-line';
import { shipmentSyncProgressReader } from '../sync-progress';

/** `orderbridge shipments ...`: posted shipments and their sync to Shopify (SPEC §5). */
export function registerShipmentsCommand(program: Command, context: () => AppContext): void {
  const shipments = program
    .command('shipments')
    .description('Posted shipments and their fulfillments in Shopify: list, sync now, schedule');

  shipments
    .command('sync')
    .description(
      'Send every posted shipment not yet settled with Shopify (the reconciler; posting one sends it at once) and report what was sent',
    )
    .option('--shop <code>', 'only this shop card (default: every enabled one)')
    .option('--since <date>', 'only shipments posted on or after this date (YYYY-MM-DD)')
    .option(
      '--wait <seconds>',
      'how long to wait for the order workflows before reporting',
      wholeNumber({ min: 0 }),
      120,
    )
    .option('--json', 'print JSON')
    .action(async (options: { shop?: string; since?: string; wait: number; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        if (options.since && Number.isNaN(Date.parse(options.since)))
          throw new UsageError(`--since ${options.since}: expected a date such as 2026-11-01`);
        const waitSeconds = options.wait;
        const client = await appContext.temporalClient();
        const started = Date.now();
        const shopCode = options.shop?.toUpperCase();
        const run = { taskQueue: appContext.config.TEMPORAL_TASK_QUEUE, label: 'manual', startedAt: started };
        const handle = await startShipmentSync(client, run, {
          ...(shopCode ? { shopCode } : {}),
          ...(options.since ? { since: options.since } : {}),
          waitSeconds,
        });
        const report: SyncShipmentsReport = await withProgress(
          handle.result(),
          shipmentSyncProgressReader(handle),
        );
        const { shipments: sent, ...counts } = report;
        const notSent = report.notSynced + report.partiallySynced;
        if (notSent > 0) flagNeedsAttention(`${notSent} shipments not (fully) sent to Shopify`);
        if (options.json) {
          printRecord({ ...report, seconds: (Date.now() - started) / 1000 }, true);
          return;
        }
        printRecord({ ...counts, seconds: (Date.now() - started) / 1000 }, false);
        if (sent.length > 0) {
          console.log('');
          printTable(
            sent.map((shipment) => ({
              ...shipment,
              shopifyFulfillmentIds: shipment.shopifyFulfillmentIds.join(', '),
            })),
            false,
          );
        }
      }),
    );

  shipments
    .command('list')
    .description('Posted shipments, newest first, with their sync status')
    .option('--shop <code>', 'shop card')
    .option('--limit <n>', 'at most this many', wholeNumber({ min: 1 }), 50)
    .option('--json', 'print JSON')
    .action(async (options: { shop?: string; limit: number; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const rows = await listPostedShipments(await appContext.erp(), {
          ...(options.shop ? { shopCode: options.shop } : {}),
          limit: options.limit,
        });
        if (options.json) {
          printTable(rows, true);
          return;
        }
        printTable(
          rows.map(({ lines, shopifyFulfillmentIds, lastError, ...row }) => ({
            ...row,
            lines: lines.length,
            fulfillments: shopifyFulfillmentIds.length,
            error: lastError ?? '',
          })),
          false,
        );
      }),
    );

  const schedule = shipments
    .command('schedule')
    .description('The shipment sync schedule of each shop card (Temporal Schedules, runs never overlap)');

  schedule
    .command('create')
    .description('Create (or update) the shipment sync schedule of a shop card')
    .requiredOption('--shop <code>', 'shop card code')
    .option('--every <interval>', 'how often, e.g. "10 minutes", "30s"', '10 minutes')
    .option('--paused', 'create it paused')
    .action(async (options: { shop: string; every: string; paused?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const shopCode = options.shop.toUpperCase();
        const outcome = await ensureShipmentSyncSchedule(await appContext.temporalClient(), {
          shopCode,
          taskQueue: appContext.config.TEMPORAL_TASK_QUEUE,
          every: options.every,
          paused: Boolean(options.paused),
        });
        console.log(`Schedule ${shipmentSyncScheduleId(shopCode)} ${outcome}: every ${options.every}.`);
      }),
    );

  schedule
    .command('list')
    .description('List shipment sync schedules')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        printTable(await listShipmentSyncSchedules(await appContext.temporalClient()), Boolean(options.json));
      }),
    );

  for (const [name, description] of [
    ['pause', 'Pause the schedule (a run in progress finishes)'],
    ['unpause', 'Resume the schedule'],
    ['trigger', 'Run a shipment sync now through the schedule (skipped if one is running)'],
    ['delete', 'Delete the schedule'],
  ] as const) {
    schedule
      .command(name)
      .description(description)
      .requiredOption('--shop <code>', 'shop card code')
      .option('--note <text>', 'why (shown in the Temporal UI)')
      .action(async (options: { shop: string; note?: string }) =>
        withAppContext(context, async (appContext) => {
          const shopCode = options.shop.toUpperCase();
          await withShipmentSyncSchedule(await appContext.temporalClient(), shopCode, async (handle) => {
            if (name === 'pause') await handle.pause(options.note ?? 'paused from the orderbridge CLI');
            else if (name === 'unpause')
              await handle.unpause(options.note ?? 'unpaused from the orderbridge CLI');
            else if (name === 'trigger') await handle.trigger();
            else await handle.delete();
          });
          console.log(`Schedule ${shipmentSyncScheduleId(shopCode)}: ${name} done.`);
        }),
      );
  }
}
