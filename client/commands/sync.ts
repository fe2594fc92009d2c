import type { Command } from 'commander';
import { describeRefusal, getShopCredentialsView } from '../../erp/services/credentials';
import type { OrderSyncFilterOverrides, SyncOrdersReport } from '../../workflows/contracts/order';
import { startOrderSync } from '../../temporal/sync-runs';
import type { AppContext } from '../app-context';
import { printRecord } from '../output';
import { withAppContext } from '../run-command';
import { UsageError } from '../exit-codes';
import { awaitOrderSync } from '../sync-progress';

interface SyncOrdersOptions {
  shop: string;
  since?: string;
  financialStatus?: string;
  fulfillmentStatus?: string;
  risk?: string;
  channel?: string;
  tags?: string;
  json?: boolean;
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** `orderbridge sync orders`: one order sync now, with the same workflow the schedule runs. */
export function registerSyncCommand(program: Command, context: () => AppContext): void {
  program
    .command('sync')
    .description('Run a sync now')
    .command('orders')
    .description(
      "Find orders changed in Shopify since the shop card's last sync and import them; with filters or --since it is a one-off that leaves the watermark alone",
    )
    .requiredOption('--shop <code>', 'shop card code')
    .option('--since <iso-time>', 'look back to this time instead of the last sync')
    .option('--financial-status <list>', 'e.g. paid,partially_paid')
    .option('--fulfillment-status <list>', 'e.g. unfulfilled,partial')
    .option('--risk <list>', 'e.g. low,medium')
    .option('--channel <list>', 'e.g. web,pos')
    .option('--tags <expression>', 'tag filter in the shop card syntax (case sensitive, * wildcards)')
    .option('--json', 'print JSON')
    .action(async (options: SyncOrdersOptions) =>
      withAppContext(context, async (appContext) => {
        const filters: OrderSyncFilterOverrides = {
          ...(options.financialStatus ? { financialStatus: list(options.financialStatus) } : {}),
          ...(options.fulfillmentStatus ? { fulfillmentStatus: list(options.fulfillmentStatus) } : {}),
          ...(options.risk ? { riskLevel: list(options.risk) } : {}),
          ...(options.channel ? { channel: list(options.channel) } : {}),
          ...(options.tags ? { tags: options.tags } : {}),
        };
        if (options.since && Number.isNaN(Date.parse(options.since))) {
          throw new UsageError(`--since ${options.since}: expected an ISO time such as 2026-11-01T00:00:00Z`);
        }
        const credentials = await getShopCredentialsView(await appContext.erp(), options.shop);
        if (credentials?.refusedAt) {
          // Every run would fail the same way: say so now instead of starting one.
          throw new Error(
            `Shop card ${credentials.shopCode}: ${describeRefusal(credentials)}. Fix: orderbridge shop connect ` +
              `${credentials.shopCode} --domain ${credentials.shopDomain} --client-id <id> --client-secret-env <VAR>`,
          );
        }
        const client = await appContext.temporalClient();
        const started = Date.now();
        const run = { taskQueue: appContext.config.TEMPORAL_TASK_QUEUE, label: 'manual', startedAt: started };
        const handle = await startOrderSync(client, run, {
          shopCode: options.shop,
          ...(Object.keys(filters).length ? { filters } : {}),
          ...(options.since ? { since: new Date(options.since).toISOString() } : {}),
        });
        const report: SyncOrdersReport = await awaitOrderSync(appContext, handle, options.shop, started);
        printRecord({ ...report, seconds: (Date.now() - started) / 1000 }, Boolean(options.json));
      }),
    );
}
