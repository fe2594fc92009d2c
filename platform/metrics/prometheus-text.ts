import type { Registry } from 'prom-client';
import { metricsRegistry, refreshBeforeScrape } from './business-metrics';

/** The registry in Prometheus' text format, with the content type to answer with. */
export async function prometheusText(registry: Registry): Promise<{ contentType: string; body: string }> {
  if (registry === metricsRegistry) await refreshBeforeScrape();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
