// Prometheus metrics: the business registry, its counters and gauges, and where it is served.
export * from './business-metrics';
export * from './fastify-route';
export * from './metrics-server';
export * from './prometheus-text';
