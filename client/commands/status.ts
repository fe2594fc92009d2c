import type { Command } from 'commander';
import { MikroORM } from '@mikro-orm/postgresql';
import { erpOrmConfig, executedMigrations, pendingMigrations } from '../../erp/orm';
import { describeConfig, redactUrl } from '../../platform/config';
import { temporalAddress, usesLocalDevServer } from '../../platform/temporal-connection';
import { runHealthCheck } from '../../temporal/health-check';
import { ORDERBRIDGE_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { createShopAccessTokens } from '../../activities/shop-access-tokens';
import { listShopCards } from '../../erp/services/settings';
import type { AppContext } from '../app-context';
import { checkShopConnection, scopeSettingsOf } from '../shop-connection-check';
import { printRecord } from '../output';
import { workerMetricsSummary } from '../metrics-summary';

interface TemporalStatus {
  address: string;
  mode: 'local dev server' | 'external cluster';
  namespace: string;
  taskQueue: string;
  reachable: boolean;
  error?: string;
  uiUrl?: string;
  missingSearchAttributes?: string[];
  workersPolling?: number;
  probe?: string;
}

interface DatabaseStatus {
  url: string;
  reachable: boolean;
  error?: string;
  migrationsExecuted?: number;
  migrationsPending?: string[];
}

async function temporalStatus(context: AppContext, runProbe: boolean): Promise<TemporalStatus> {
  const { config } = context;
  const status: TemporalStatus = {
    address: temporalAddress(config),
    mode: usesLocalDevServer(config) ? 'local dev server' : 'external cluster',
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    reachable: false,
    ...(usesLocalDevServer(config) ? { uiUrl: `http://127.0.0.1:${config.TEMPORAL_UI_PORT}` } : {}),
  };
  try {
    const client = await context.temporalClient();
    const { connection } = client;
    await connection.workflowService.getSystemInfo({});
    status.reachable = true;
    const registered = await connection.operatorService.listSearchAttributes({
      namespace: config.TEMPORAL_NAMESPACE,
    });
    const names = new Set(Object.keys(registered.customAttributes ?? {}));
    status.missingSearchAttributes = ORDERBRIDGE_SEARCH_ATTRIBUTES.filter((key) => !names.has(key.name)).map(
      (key) => `${key.name} (${key.type})`,
    );
    const queue = await connection.workflowService.describeTaskQueue({
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: { name: config.TEMPORAL_TASK_QUEUE },
      taskQueueType: 1, // workflow task pollers
    });
    status.workersPolling = queue.pollers?.length ?? 0;
    if (runProbe) {
      const started = Date.now();
      const result = await runHealthCheck(client, config.TEMPORAL_TASK_QUEUE);
      status.probe = `ok in ${Date.now() - started} ms (worker ${result.workerIdentity})`;
    }
  } catch (error) {
    status.error = (error as Error).message;
  }
  return status;
}

async function databaseStatus(context: AppContext): Promise<DatabaseStatus> {
  const status: DatabaseStatus = { url: redactUrl(context.config.DATABASE_URL), reachable: false };
  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init({
      ...erpOrmConfig({ databaseUrl: context.config.DATABASE_URL, poolMax: 2 }),
      connect: true,
    });
    await orm.em.getConnection().execute('select 1');
    status.reachable = true;
    status.migrationsExecuted = (await executedMigrations(orm)).length;
    status.migrationsPending = await pendingMigrations(orm);
  } catch (error) {
    status.error = (error as Error).message;
  } finally {
    await orm?.close(true);
  }
  return status;
}

/** Per shop card: how it authenticates, any refusal, and the scopes its settings need but lack. */
async function shopCardsStatus(context: AppContext): Promise<Record<string, string>> {
  const shops: Record<string, string> = {};
  const orm = await context.erp();
  const accessTokens = createShopAccessTokens({
    orm,
    logger: context.logger,
    ...(context.config.SHOPIFY_API_BASE_URL
      ? { shopifyBaseUrl: () => context.config.SHOPIFY_API_BASE_URL }
      : {}),
  });
  for (const card of await listShopCards(orm)) {
    if (!card.enabled) continue;
    try {
      const check = await checkShopConnection(
        context,
        card,
        accessTokens.sourceFor(card.code),
        scopeSettingsOf(card, new Date()),
      );
      shops[card.code] =
        check.missingScopes.length === 0
          ? `${card.credentialKind}, scopes ok`
          : `${card.credentialKind}, missing scopes: ` +
            check.missingScopes.map((missing) => `${missing.scope} (for ${missing.neededFor})`).join('; ');
    } catch (error) {
      shops[card.code] = `${card.credentialKind}: ${(error as Error).message}`;
    }
  }
  return shops;
}

export function registerStatusCommand(program: Command, context: () => AppContext): void {
  program
    .command('status')
    .description(
      'Show what runs where: Temporal (address, UI, search attributes, workers), PostgreSQL and migrations, key metrics',
    )
    .option('--json', 'print JSON')
    .option('--probe', 'also run a health-check workflow through a worker (Temporal + PostgreSQL round trip)')
    .option('--config', 'also print the effective configuration (secrets masked)')
    .action(async (options: { json?: boolean; probe?: boolean; config?: boolean }) => {
      const appContext = context();
      try {
        const [temporal, database] = await Promise.all([
          temporalStatus(appContext, Boolean(options.probe)),
          databaseStatus(appContext),
        ]);
        const shops =
          database.reachable && !database.migrationsPending?.length ? await shopCardsStatus(appContext) : {};
        const metrics = await workerMetricsSummary(appContext.config);
        const report: Record<string, unknown> = { temporal, database, shops, metrics };
        if (options.config) report.config = describeConfig(appContext.config);
        if (options.json) {
          printRecord(report, true);
        } else {
          printRecord(
            {
              ...flatten('temporal', temporal),
              ...flatten('database', database),
              ...flatten('shop', shops),
              ...flatten('metrics', metrics),
            },
            false,
          );
          if (options.config) printRecord(describeConfig(appContext.config), false);
        }
        const shopProblem = Object.values(shops).some((line) => !line.endsWith('scopes ok'));
        if (!temporal.reachable || !database.reachable || temporal.error || shopProblem) process.exitCode = 1;
      } finally {
        await appContext.close();
      }
    });
}

function flatten(prefix: string, record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}.${key}`, value]));
}
