import { openSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { OrderbridgeConfig } from '../platform/config';
import type { Logger } from '../platform/logger';
import {
  ensureTemporalCli,
  portAcceptsConnections,
  startDevServer,
  type RunningDevServer,
} from '../platform/temporal-dev-server';
import { temporalAddress, usesLocalDevServer } from '../platform/temporal-connection';
import { ORDERBRIDGE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { PortInUseError } from './port-in-use';

export interface LocalTemporal {
  address: string;
  uiUrl?: string;
  /** Stops the dev server if we started it; a no-op for an external cluster or a server already running. */
  stop(): Promise<void>;
}

/**
 * Makes sure a Temporal frontend is there: the configured cluster, a dev server someone already
 * runs on the port, or a new dev server with the Web UI and a SQLite file that survives restarts.
 */
export async function ensureLocalTemporal(config: OrderbridgeConfig, logger: Logger): Promise<LocalTemporal> {
  if (!usesLocalDevServer(config)) {
    logger.info({ address: temporalAddress(config) }, 'using the Temporal cluster at TEMPORAL_ADDRESS');
    return { address: temporalAddress(config), stop: async () => undefined };
  }
  const uiUrl = `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`;
  if (await portAcceptsConnections(config.TEMPORAL_DEV_PORT)) {
    logger.info(
      { address: temporalAddress(config) },
      'a Temporal server already listens on the dev port: using it',
    );
    return { address: temporalAddress(config), uiUrl, stop: async () => undefined };
  }
  // The dev server would exit at once with the reason in its log file only.
  if (await portAcceptsConnections(config.TEMPORAL_UI_PORT))
    throw new PortInUseError(config.TEMPORAL_UI_PORT);
  const cli = ensureTemporalCli({
    cliPath: config.TEMPORAL_CLI_PATH,
    log: (message) => logger.info(message),
  });
  const dbFile = resolve(config.TEMPORAL_DEV_DB_FILE);
  const serverLog = resolve(dirname(dbFile), 'server.log');
  mkdirSync(dirname(serverLog), { recursive: true });
  const logFd = openSync(serverLog, 'a');
  const server: RunningDevServer = await startDevServerExplained(serverLog, config, {
    cliPath: cli.path,
    port: config.TEMPORAL_DEV_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    dbFile,
    namespace: config.TEMPORAL_NAMESPACE,
    searchAttributes: ORDERBRIDGE_SEARCH_ATTRIBUTES,
    stdio: 'ignore',
    logFd,
  });
  logger.info(
    { address: server.address, ui: server.uiUrl, db: dbFile, log: serverLog },
    'Temporal dev server started',
  );
  return { address: server.address, uiUrl: server.uiUrl ?? uiUrl, stop: () => server.stop() };
}

/** startDevServer, with a failure that says where the server wrote why and which ports it wanted. */
async function startDevServerExplained(
  serverLog: string,
  config: OrderbridgeConfig,
  options: Parameters<typeof startDevServer>[0],
): Promise<RunningDevServer> {
  try {
    return await startDevServer(options);
  } catch (error) {
    throw new Error(
      `${(error as Error).message}. Its log is ${serverLog}. It listens on TEMPORAL_DEV_PORT ` +
        `(${config.TEMPORAL_DEV_PORT}) and TEMPORAL_UI_PORT (${config.TEMPORAL_UI_PORT}): set either to a free port if one is taken.`,
      { cause: error },
    );
  }
}
