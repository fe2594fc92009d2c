import { describe, expect, inject, it } from 'vitest';
import { fuzzSummary, runFuzz } from '../../bench/fuzz';

describe('fuzz run (the short version of `npm run fuzz`)', () => {
  it('imports every hostile order or shows it with a typed problem, and leaks no personal value', async () => {
    // The run's own database, simulator and worker process, on this test run's dev server.
    process.env.TEMPORAL_ADDRESS = inject('temporalAddress');
    const report = await runFuzz({ orders: 100, log: () => undefined });
    expect(fuzzSummary(report)).toMatch(/^orders=100 imported=\d+ problems=\d+ silent=0 pii_leaks=0$/);
    expect(report.imported + report.problems).toBeGreaterThanOrEqual(100);
    expect(report.problems).toBeGreaterThan(0);
  }, 600_000);
});
