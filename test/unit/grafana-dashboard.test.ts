import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricsRegistry } from '../../platform/metrics';

interface Panel {
  title: string;
  targets: { expr: string }[];
}

const dashboard = JSON.parse(
  readFileSync(new URL('../../ops/grafana/orderbridge.json', import.meta.url), 'utf8'),
) as { panels: Panel[]; templating: { list: { query?: { query?: string } | string }[] } };

/** Names a PromQL expression reads, with the histogram and counter suffixes taken off. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b(orderbridge_[a-z_]+)/g)].map(([name]) => name!);
}

describe('Grafana dashboard', () => {
  it('reads only metrics that the business registry serves', async () => {
    const served = new Set((await metricsRegistry.getMetricsAsJSON()).map((metric) => metric.name));
    const read = new Set([
      ...dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNames(target.expr))),
      ...dashboard.templating.list.flatMap((variable) =>
        typeof variable.query === 'object' ? metricNames(variable.query.query ?? '') : [],
      ),
    ]);
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !served.has(name))).toEqual([]);
  });

  it('shows every business metric somewhere', async () => {
    const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)).join('\n');
    const business = (await metricsRegistry.getMetricsAsJSON())
      .map((metric) => metric.name)
      .filter((name) => name.startsWith('orderbridge_'));
    expect(business.filter((name) => !exprs.includes(name))).toEqual([]);
  });
});
