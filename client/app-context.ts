import { Client, Connection } from '@temporalio/client';
import { loadConfig, type OrderbridgeConfig } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';
import { clientConnectionOptions } from '../platform/temporal-connection';

/** What a CLI command needs, created lazily so `--help` never touches the network. */
export interface AppContext {
  config: OrderbridgeConfig;
  logger: Logger;
  temporalClient(): Promise<Client>;
  close(): Promise<void>;
}

export function createAppContext(): AppContext {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  let connection: Connection | undefined;
  let client: Client | undefined;
  return {
    config,
    logger,
    async temporalClient() {
      if (!client) {
        connection = await Connection.connect({
          ...clientConnectionOptions(config),
          connectTimeout: '5 seconds',
        });
        client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
      }
      return client;
    },
    async close() {
      await connection?.close();
    },
  };
}
