import { createServer } from 'node:net';
import type { ErpOrm } from '../erp/orm';
import type { OrderbridgeConfig } from '../platform/config';
import type { Logger } from '../platform/logger';
import { startMetricsServer } from '../platform/metrics';
import { registerDatabaseGauges } from './database-gauges';

/** Binds and releases `port` on `host`: the port it got (a free one for 0), or undefined when taken. */
function claimablePort(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

const hostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * Where the Temporal SDK's Prometheus exporter listens, or undefined when its port is taken (a
 * second worker on the same machine): the worker runs on without SDK metrics and says so, since
 * metrics are no reason to stop processing orders.
 */
export async function temporalMetricsBindAddress(
  config: OrderbridgeConfig,
  logger: Logger,
): Promise<string | undefined> {
  const port = await claimablePort(config.METRICS_HOST, config.TEMPORAL_METRICS_PORT);
  if (port === undefined) {
    logger.warn(
      { port: config.TEMPORAL_METRICS_PORT },
      'Temporal SDK metrics off: the port is in use (set TEMPORAL_METRICS_PORT, or 0 for any free port)',
    );
    return undefined;
  }
  return hostPort(config.METRICS_HOST, port);
}

/**
 * The worker's business metrics on WORKER_METRICS_PORT, with the gauges read from PostgreSQL at
 * each scrape. A taken port is logged and skipped, as for the SDK's exporter.
 */
export async function startWorkerMetricsServer(
  config: OrderbridgeConfig,
  logger: Logger,
  orm: ErpOrm,
): Promise<{ url?: string; close(): Promise<void> }> {
  const unregister = registerDatabaseGauges(orm);
  try {
    const server = await startMetricsServer({ host: config.METRICS_HOST, port: config.WORKER_METRICS_PORT });
    return {
      url: server.url,
      close: async () => {
        unregister();
        await server.close();
      },
    };
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    logger.warn(
      { port: config.WORKER_METRICS_PORT },
      'worker metrics off: the port is in use (set WORKER_METRICS_PORT, or 0 for any free port)',
    );
    return { close: async () => unregister() };
  }
}
