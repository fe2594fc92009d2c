import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { bookShopifyPoints, reportShopifyThrottleStatus } from '../../erp/services/shopify-buckets';
import type { ShopifyAdminClient } from '../../shopify/client';
import { fetchOrderForImport } from '../../shopify/order-import';
import { SharedStoreThrottle } from '../../shopify/shared-throttle';
import { createTestErp, type TestErp } from '../helpers/test-database';
import {
  placeOrder,
  seedVariants,
  startSimulatedStore,
  type SimulatedStore,
} from './helpers/simulated-store';

let erp: TestErp;
let store: SimulatedStore | undefined;

beforeAll(async () => {
  erp = await createTestErp(inject('testRunId'));
});
afterEach(async () => {
  await store?.stop();
  store = undefined;
});
afterAll(async () => {
  await erp?.close();
});

/** The throttle a worker process builds: the store's bucket row in this test's database. */
function processThrottle(shopDomain: string): SharedStoreThrottle {
  return new SharedStoreThrottle(shopDomain, {
    book: (cost, assumed) => bookShopifyPoints(erp.orm, shopDomain, cost, assumed),
    report: (report) => reportShopifyThrottleStatus(erp.orm, shopDomain, report),
  });
}

/** 24 orders imported by three "processes", each with 6 imports in flight. */
async function importFromThreeProcesses(clients: ShopifyAdminClient[]): Promise<void> {
  const simulator = store!.simulator;
  const variants = seedVariants(simulator, 3);
  const orderIds: string[] = [];
  for (let index = 0; index < 24; index++) orderIds.push(await placeOrder(simulator, variants));
  simulator.throttle.setAvailable(1000);
  simulator.resetStats();
  let next = 0;
  await Promise.all(
    clients.flatMap((client) =>
      Array.from({ length: 6 }, async () => {
        while (next < orderIds.length) await fetchOrderForImport(client, orderIds[next++]!);
      }),
    ),
  );
}

describe('one store bucket shared by several worker processes', () => {
  it('draws no THROTTLED answer when three processes book through PostgreSQL', async () => {
    store = await startSimulatedStore({ throttle: { maximumAvailable: 1000, restoreRate: 500 } });
    const domain = store.simulator.shopDomain;
    // Three throttles, nothing shared in memory: as three processes would hold them.
    const clients = [0, 1, 2].map(() => store!.newClient({ throttle: processThrottle(domain) }));
    await importFromThreeProcesses(clients);
    const stats = store.simulator.stats();
    expect(stats.throttled).toBe(0);
    expect(stats.requests).toBe(
      clients.reduce((sum, client) => sum + client.counters.snapshot().requests, 0),
    );
    // The row learnt the real bucket from Shopify's answers.
    const [row] = await erp.orm.em
      .fork()
      .execute<{ maximum_available: number; status_known: boolean }[]>(
        'select maximum_available, status_known from shopify_store_bucket where store = ?',
        [domain],
      );
    expect(row).toMatchObject({ maximum_available: 1000, status_known: true });
  });
});
