import type { Client, Connection } from '@temporalio/client';
import { openErp, type ErpOrm } from '../erp/orm';
import { loadConfig, type OrderbridgeConfig } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';
import { clientConnectionOptions } from '../platform/temporal-connection';

/** What a CLI command needs, created lazily so `--help` never touches the network. */
export interface AppContext {
  config: OrderbridgeConfig;
  logger: Logger;
  temporalClient(): Promise<Client>;
  /** The ERP store, migrated on first use. */
  erp(): Promise<ErpOrm>;
  close(): Promise<void>;
}

export function createAppContext(): AppContext {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  let connection: Connection | undefined;
  let client: Client | undefined;
  let orm: Promise<ErpOrm> | undefined;
  return {
    config,
    logger,
    async temporalClient() {
      if (!client) {
        // The SDK loads in a fraction of a second: commands that only read the ERP skip it.
        const { Client, Connection } = await import('@temporalio/client');
        connection = await Connection.connect({
          ...clientConnectionOptions(config),
          connectTimeout: '5 seconds',
        });
        client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
      }
      return client;
    },
    erp() {
      orm ??= openErp({ databaseUrl: config.DATABASE_URL, poolMax: 4 });
      return orm;
    },
    async close() {
      await connection?.close();
      if (orm) await (await orm).close(true);
    },
  };
}
