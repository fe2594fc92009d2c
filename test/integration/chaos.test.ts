import { inject, describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos';

/**
 * The chaos run of `npm run chaos`, small: 100 orders imported, shipped and partly refunded under
 * Shopify faults, the worker killed (-9) after every 8 s of its life, PostgreSQL (a cluster of the
 * run's own) restarted once. Nothing may be lost, duplicated or failed, in either system.
 */
describe('chaos run', () => {
  it('loses and duplicates nothing through worker kills, a PostgreSQL restart and Shopify faults', async () => {
    const report = await runChaos({
      orders: 100,
      killEverySeconds: 8,
      workers: 1,
      deadlineSeconds: 400,
      temporalAddress: inject('temporalAddress'),
      log: () => undefined,
    });
    expect(report).toMatchObject({ lost: 0, duplicates: 0, failedWorkflows: 0, pgRestarts: 1 });
    expect(report.kills).toBeGreaterThanOrEqual(1);
    // Every 25th order sells an item the ERP lacks: a typed problem, not a document.
    expect(report.problems).toBe(4);
    expect(report.documents).toBe(96);
    expect(report.fulfillments).toBe(report.shipments);
    expect(report.creditMemos).toBe(report.refunds);
    expect(report.refunds).toBeGreaterThan(0);
  }, 600_000);
});
