import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { dropDatabase, openErp, type ErpOrm } from '../erp/orm';
import {
  ensureTemporalCli,
  freePort,
  startDevServer,
  type RunningDevServer,
} from '../platform/temporal-dev-server';
import { startShopifySimulator, type RunningSimulator } from '../simulator';
import { ORDERBRIDGE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/** `--name N` from the command line: a whole number ≥ 1, or the fallback. */
export function benchArgument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} expects a whole number ≥ 1`);
  return value;
}

export interface BenchEnvironment {
  /** Temporal: TEMPORAL_ADDRESS, or a dev server of the benchmark's own. */
  address: string;
  client: Client;
  taskQueue: string;
  /** A database of the benchmark's own, dropped at the end. */
  databaseUrl: string;
  orm: ErpOrm;
  /** An unthrottled simulated store on the enterprise plan. */
  simulator: RunningSimulator;
  /** Shopify target for the generator's scenario set-up. */
  target: { graphqlUrl: string; accessToken: string; seedApi: RunningSimulator['store'] };
  stop(): Promise<void>;
}

/** A Temporal dev server of the benchmark's own (in memory, orderbridge's search attributes). */
export async function startBenchDevServer(): Promise<RunningDevServer> {
  return startDevServer({
    cliPath: ensureTemporalCli({ cliPath: process.env.TEMPORAL_CLI_PATH }).path,
    port: await freePort(),
    namespace: 'default',
    searchAttributes: ORDERBRIDGE_SEARCH_ATTRIBUTES,
  });
}

/** Everything a benchmark runs against, fresh and its own, so runs never see each other's data. */
export async function startBenchEnvironment(): Promise<BenchEnvironment> {
  // The shop card's token is sealed at rest: a run's own key, inherited by its worker processes.
  process.env.ORDERBRIDGE_SECRET_KEY ??= randomBytes(32).toString('base64');
  const devServer = process.env.TEMPORAL_ADDRESS ? undefined : await startBenchDevServer();
  const address = process.env.TEMPORAL_ADDRESS ?? devServer!.address;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/orderbridge_bench_${randomBytes(3).toString('hex')}`;
  const orm = await openErp({ databaseUrl, poolMax: 8 });
  const simulator = await startShopifySimulator({
    plan: 'enterprise',
    throttle: 'unthrottled',
    shopDomain: `bench-${randomBytes(3).toString('hex')}.myshopify.com`,
  });
  const client = new Client({ connection: await Connection.connect({ address }) });
  return {
    address,
    client,
    taskQueue: `bench-${randomBytes(3).toString('hex')}`,
    databaseUrl,
    orm,
    simulator,
    target: {
      graphqlUrl: simulator.graphqlUrl,
      accessToken: simulator.accessToken,
      seedApi: simulator.store,
    },
    async stop() {
      await simulator.stop();
      await orm.close(true);
      await dropDatabase(databaseUrl);
      await client.connection.close();
      await devServer?.stop();
    },
  };
}
