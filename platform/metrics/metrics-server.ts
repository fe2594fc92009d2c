import { createServer } from 'node:http';
import type { Registry } from 'prom-client';
import { metricsRegistry } from './business-metrics';
import { prometheusText } from './prometheus-text';

export interface RunningMetricsServer {
  /** http://host:port/metrics */
  url: string;
  close(): Promise<void>;
}

/**
 * A small HTTP listener for a process that has no web server of its own (the worker): GET
 * /metrics answers the registry, anything else 404.
 */
export async function startMetricsServer(options: {
  host: string;
  /** 0 picks a free port. */
  port: number;
  registry?: Registry;
}): Promise<RunningMetricsServer> {
  const registry = options.registry ?? metricsRegistry;
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    prometheusText(registry).then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      () => response.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
