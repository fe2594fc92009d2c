import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../platform/logger';

let installed = false;

const TEMPORAL_LEVEL: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
};

/**
 * Routes the SDK's and the core's logs (workflow `log` calls included) into our logger, and, with
 * `prometheusBindAddress`, serves the SDK's metrics (temporal_* : task slots, poll latencies,
 * schedule-to-start, sticky cache) from the core's own Prometheus exporter. That exporter runs on
 * the core's threads, so it answers even while the JavaScript thread is saturated; the business
 * registry is served apart (platform/metrics) rather than proxied through it.
 * Must run before any connection or worker is created: there is one Runtime per process.
 */
export function installTemporalRuntime(
  logger: Logger,
  level: string,
  options: { prometheusBindAddress?: string } = {},
): void {
  if (installed) return;
  installed = true;
  const temporalLogger = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVEL[level] ?? 'INFO', (entry) => {
      const { message, meta } = entry;
      const attributes = meta ?? {};
      // The bundler's full webpack report is only useful when debugging the bundle itself.
      const level = message.startsWith('asset workflow-bundle') ? 'DEBUG' : entry.level;
      switch (level) {
        case 'TRACE':
          temporalLogger.trace(attributes, message);
          break;
        case 'DEBUG':
          temporalLogger.debug(attributes, message);
          break;
        case 'INFO':
          temporalLogger.info(attributes, message);
          break;
        case 'WARN':
          temporalLogger.warn(attributes, message);
          break;
        default:
          temporalLogger.error(attributes, message);
      }
    }),
    telemetryOptions: {
      ...(options.prometheusBindAddress
        ? { metrics: { prometheus: { bindAddress: options.prometheusBindAddress } } }
        : {}),
      logging: {
        filter: { core: level === 'debug' || level === 'trace' ? 'INFO' : 'WARN', other: 'ERROR' },
        forward: {},
      },
    },
  });
}
