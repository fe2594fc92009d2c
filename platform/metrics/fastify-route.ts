import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { metricsRegistry } from './business-metrics';
import { prometheusText } from './prometheus-text';

/**
 * Serves `registry` (orderbridge's business metrics by default) on GET /metrics of a Fastify app:
 * the webhook receiver and the console mount it. Scrapes read gauges from the database, so a
 * failing scrape answers 503 rather than half a page.
 */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry = metricsRegistry): void {
  app.get('/metrics', async (_request, reply) => {
    try {
      const { contentType, body } = await prometheusText(registry);
      return reply.type(contentType).send(body);
    } catch {
      return reply.code(503).type('text/plain').send('metrics unavailable\n');
    }
  });
}
