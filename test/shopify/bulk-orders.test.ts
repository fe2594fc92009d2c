import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStore } from '../../simulator/generator';
import { bulkResultLines, joinBulkLines } from '../../shopify/bulk-jsonl';
import {
  bulkOperationEnded,
  bulkOrders,
  readBulkOperation,
  startOrdersBulkOperation,
  type BulkOrder,
} from '../../shopify/bulk-orders';
import { fetchOrderForImport } from '../../shopify/order-import';
import { toOrderSnapshot } from '../../shopify/order-snapshot';
import { startSimulatedStore, type SimulatedStore } from './helpers/simulated-store';

const ORDERS = 30;

async function completedUrl(store: SimulatedStore, searchQuery: string): Promise<string | null> {
  const started = await startOrdersBulkOperation(store.client, searchQuery);
  for (;;) {
    const operation = (await readBulkOperation(store.client, started.id))!;
    if (bulkOperationEnded(operation)) {
      expect(operation.status).toBe('COMPLETED');
      return operation.url ?? null;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function* fromArray(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

describe('orders read by a bulk operation', () => {
  let store: SimulatedStore;

  beforeAll(async () => {
    store = await startSimulatedStore({
      seedDefaultLocation: false,
      // Small steps: children of one order land among other orders' lines.
      bulk: { startDelayMs: 5, objectsPerSecond: 100_000, rootsPerStep: 7 },
    });
    await generateStore(
      {
        graphqlUrl: store.simulator.graphqlUrl,
        accessToken: store.simulator.accessToken,
        seedApi: store.simulator.store,
      },
      { seed: 16, orders: ORDERS, presentmentCurrencies: ['EUR'] },
    );
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('gives byte-identical snapshots to the per-order import, and names the orders it cannot complete', async () => {
    const url = await completedUrl(store, 'status:any');
    const stragglers: string[] = [];
    const read: BulkOrder[] = [];
    for await (const order of bulkOrders(bulkResultLines(url!), {
      window: 1_000,
      onStraggler: (id) => stragglers.push(id),
      fulfillmentOrderLinesNeeded: async () => true,
    }))
      read.push(order);
    expect(stragglers).toEqual([]);
    expect(read).toHaveLength(ORDERS);
    const complete = read.filter((order) => order.kind === 'complete');
    // The generated mix holds fulfilled, refunded and split orders: those are read again one by one.
    expect(complete.length).toBeGreaterThanOrEqual(5);
    expect(read.length - complete.length).toBeGreaterThan(0);
    for (const bulk of complete) {
      const single = await fetchOrderForImport(store.client, bulk.order.id);
      expect(JSON.stringify(toOrderSnapshot(bulk.order)), bulk.order.name).toBe(
        JSON.stringify(toOrderSnapshot(single.order)),
      );
    }
  });

  it('joins children in a bounded window and reports those whose parent already left it', async () => {
    const lines = [
      '{"id":"gid://shopify/Order/1"}',
      '{"id":"gid://shopify/Order/2"}',
      '{"id":"gid://shopify/LineItem/10","__parentId":"gid://shopify/Order/1"}',
      '{"id":"gid://shopify/Order/3"}',
      '{"id":"gid://shopify/LineItem/11","__parentId":"gid://shopify/Order/1"}',
      '{"id":"gid://shopify/LineItem/12","__parentId":"gid://shopify/Order/3"}',
    ];
    const stragglers: string[] = [];
    const joined = [];
    for await (const object of joinBulkLines(fromArray(lines), {
      window: 2,
      onStraggler: (id) => stragglers.push(id),
    }))
      joined.push({
        id: object.object.id,
        lines: (object.children.get('LineItem') ?? []).map((line) => line.id),
      });
    expect(joined).toEqual([
      { id: 'gid://shopify/Order/1', lines: ['gid://shopify/LineItem/10'] },
      { id: 'gid://shopify/Order/2', lines: [] },
      { id: 'gid://shopify/Order/3', lines: ['gid://shopify/LineItem/12'] },
    ]);
    // Order 1 left the window when order 3 came: its late line makes the caller read it again.
    expect(stragglers).toEqual(['gid://shopify/Order/1']);
  });
});
