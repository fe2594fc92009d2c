import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type RunningSimulator } from '../../simulator';
import { createOrder, gqlData, seedCatalog, startTestSimulator } from './helpers';

const ORDERS = 12;

const RUN = `mutation Run($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;
const POLL = `query Poll($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl completedAt }
}`;
const ORDERS_WITH_CHILDREN = `{
  orders(query: "status:any") {
    edges { node { id name
      lineItems { edges { node { id sku quantity } } }
      fulfillmentOrders { nodes { id status } }
    } }
  }
}`;

interface Poll {
  bulkOperation: {
    id: string;
    status: string;
    errorCode: string | null;
    objectCount: string;
    rootObjectCount: string;
    fileSize: string | null;
    url: string | null;
    partialDataUrl: string | null;
    completedAt: string | null;
  };
}

async function run(simulator: RunningSimulator, query: string) {
  return (
    await gqlData<{
      bulkOperationRunQuery: {
        bulkOperation: { id: string; status: string } | null;
        userErrors: { field: string[]; message: string; code: string }[];
      };
    }>(simulator, RUN, { query })
  ).bulkOperationRunQuery;
}

async function poll(simulator: RunningSimulator, id: string) {
  return (await gqlData<Poll>(simulator, POLL, { id })).bulkOperation;
}

async function finished(simulator: RunningSimulator, id: string) {
  for (;;) {
    const operation = await poll(simulator, id);
    if (!['CREATED', 'RUNNING', 'CANCELING'].includes(operation.status)) return operation;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function download(url: string): Promise<{ status: number; lines: Record<string, unknown>[] }> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, lines: [] };
  return {
    status: 200,
    lines: text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('simulator bulk operations', () => {
  let simulator: RunningSimulator;
  let receiver: Server;
  const clock = new ManualClock(Date.parse('2026-11-20T10:00:00.000Z'));
  const finishes: Record<string, unknown>[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        finishes.push({
          topic: request.headers['x-shopify-topic'],
          ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as object),
        });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    simulator = await startTestSimulator({
      clock,
      // Small steps so children of one order land among other orders' lines.
      bulk: { startDelayMs: 5, objectsPerSecond: 100_000, rootsPerStep: 5 },
      webhooks: { initialRetryDelayMs: 5 },
    });
    const catalog = seedCatalog(simulator);
    for (let index = 0; index < ORDERS; index++) {
      await createOrder(simulator, {
        lineItems: [
          { variantId: catalog.shirtM, quantity: 1 + (index % 3) },
          ...(index % 2 === 0 ? [{ variantId: catalog.mug, quantity: 2 }] : []),
        ],
        financialStatus: 'PAID',
      });
    }
    await gqlData(
      simulator,
      `mutation($uri: String!) {
        webhookSubscriptionCreate(topic: BULK_OPERATIONS_FINISH, webhookSubscription: { uri: $uri }) {
          userErrors { message } } }`,
      { uri: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bulk` },
    );
  });
  afterAll(async () => {
    await simulator?.stop();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('runs a query in the background and serves its JSONL, children after their parents', async () => {
    const started = await run(simulator, ORDERS_WITH_CHILDREN);
    expect(started.userErrors).toEqual([]);
    expect(started.bulkOperation!.status).toBe('CREATED');
    const done = await finished(simulator, started.bulkOperation!.id);
    expect(done.status).toBe('COMPLETED');
    expect(done.errorCode).toBeNull();
    expect(done.rootObjectCount).toBe(String(ORDERS));
    expect(done.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bulk-results\//);
    const { status, lines } = await download(done.url!);
    expect(status).toBe(200);
    expect(String(lines.length)).toBe(done.objectCount);
    expect(Number(done.fileSize)).toBeGreaterThan(0);

    const seen = new Map<string, number>();
    let childNotRightAfterParent = 0;
    lines.forEach((line, index) => {
      const parent = line.__parentId as string | undefined;
      if (parent) {
        // Every child comes after its parent; some of them not right after it.
        expect(seen.has(parent)).toBe(true);
        if (seen.get(parent) !== index - 1) childNotRightAfterParent++;
      }
      // Connections are lines of their own, never nested in their parent's line.
      expect(line).not.toHaveProperty('lineItems');
      expect(line).not.toHaveProperty('fulfillmentOrders');
      seen.set(line.id as string, index);
    });
    expect(childNotRightAfterParent).toBeGreaterThan(0);
    const orders = lines.filter((line) => String(line.id).includes('/Order/'));
    const lineItems = lines.filter((line) => String(line.id).includes('/LineItem/'));
    const fulfillmentOrders = lines.filter((line) => String(line.id).includes('/FulfillmentOrder/'));
    expect(orders).toHaveLength(ORDERS);
    expect(lineItems).toHaveLength(ORDERS + ORDERS / 2);
    for (const fulfillmentOrder of fulfillmentOrders)
      expect(String(fulfillmentOrder.__parentId)).toContain('/Order/');
    expect(fulfillmentOrders.length).toBeGreaterThanOrEqual(ORDERS);

    await simulator.webhooks.idle();
    expect(finishes).toContainEqual(
      expect.objectContaining({
        topic: 'bulk_operations/finish',
        admin_graphql_api_id: started.bulkOperation!.id,
        status: 'completed',
        type: 'query',
        error_code: null,
      }),
    );
  });

  it('refuses what Shopify refuses: six connections, three levels, a connection inside a list', async () => {
    const six = await run(
      simulator,
      `{ orders { edges { node { id
          lineItems { edges { node { id } } }
          shippingLines { edges { node { id } } }
          fulfillmentOrders { edges { node { id lineItems { edges { node { id } } } } } }
          returns { edges { node { id } } } } } } }`,
    );
    expect(six.bulkOperation).toBeNull();
    expect(six.userErrors[0]!.message).toMatch(/more than 5 connections/);
    const twoLevels = await run(
      simulator,
      `{ customers { edges { node { id orders { edges { node { id } } } } } } }`,
    );
    expect(twoLevels.userErrors).toEqual([]);
    await finished(simulator, twoLevels.bulkOperation!.id);
    // Orders, their fulfillment orders and those orders' lines are three levels.
    const threeLevels = await run(
      simulator,
      `{ orders { edges { node { id fulfillmentOrders { edges { node { id
          lineItems { edges { node { id } } } } } } } } } }`,
    );
    expect(threeLevels.userErrors[0]!.message).toMatch(/more than 2 levels/);
    const inList = await run(
      simulator,
      `{ orders { edges { node { id refunds { id refundLineItems { edges { node { id } } } } } } } }`,
    );
    expect(inList.userErrors[0]!.message).toMatch(/within a list field/);
    const nodeRoot = await run(simulator, `{ node(id: "gid://shopify/Order/1") { id } }`);
    expect(nodeRoot.userErrors[0]!.code).toBe('INVALID');
  });

  it('runs five operations at once and refuses a sixth; lists them with bulkOperations', async () => {
    simulator.bulk.configure({ startDelayMs: 2_000 });
    const ids: string[] = [];
    try {
      for (let index = 0; index < 5; index++) {
        const started = await run(simulator, ORDERS_WITH_CHILDREN);
        expect(started.userErrors).toEqual([]);
        ids.push(started.bulkOperation!.id);
      }
      const sixth = await run(simulator, ORDERS_WITH_CHILDREN);
      expect(sixth.bulkOperation).toBeNull();
      expect(sixth.userErrors[0]!.code).toBe('LIMIT_REACHED');
      const listed = await gqlData<{ bulkOperations: { nodes: { id: string }[] } }>(
        simulator,
        `{ bulkOperations(first: 10, query: "status:created", sortKey: CREATED_AT) { nodes { id } } }`,
      );
      expect(listed.bulkOperations.nodes.map((node) => node.id)).toEqual(ids);
    } finally {
      simulator.bulk.configure({ startDelayMs: 5 });
      for (const id of ids) await finished(simulator, id);
    }
  });

  it('cancels a running operation', async () => {
    simulator.bulk.configure({ objectsPerSecond: 50 });
    try {
      const started = await run(simulator, ORDERS_WITH_CHILDREN);
      const answer = await gqlData<{
        bulkOperationCancel: { bulkOperation: { status: string }; userErrors: unknown[] };
      }>(
        simulator,
        `mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }`,
        {
          id: started.bulkOperation!.id,
        },
      );
      expect(answer.bulkOperationCancel.userErrors).toEqual([]);
      expect(answer.bulkOperationCancel.bulkOperation.status).toBe('CANCELING');
      const done = await finished(simulator, started.bulkOperation!.id);
      expect(done.status).toBe('CANCELED');
      expect(done.url).toBeNull();
      const again = await gqlData<{ bulkOperationCancel: { userErrors: { message: string }[] } }>(
        simulator,
        `mutation($id: ID!) { bulkOperationCancel(id: $id) { userErrors { message } } }`,
        { id: started.bulkOperation!.id },
      );
      expect(again.bulkOperationCancel.userErrors[0]!.message).toMatch(/cannot be canceled/);
    } finally {
      simulator.bulk.configure({ objectsPerSecond: 100_000 });
    }
  });

  it('fails part-way with partial data, and results expire after seven days', async () => {
    simulator.bulk.failNext('TIMEOUT', 5);
    const failed = await finished(simulator, (await run(simulator, ORDERS_WITH_CHILDREN)).bulkOperation!.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.errorCode).toBe('TIMEOUT');
    expect(failed.url).toBeNull();
    const partial = await download(failed.partialDataUrl!);
    expect(partial.lines.filter((line) => !line.__parentId)).toHaveLength(5);

    const done = await finished(simulator, (await run(simulator, ORDERS_WITH_CHILDREN)).bulkOperation!.id);
    const url = done.url!;
    clock.advance(7 * 24 * 60 * 60 * 1000 + 1000);
    const expired = await poll(simulator, done.id);
    expect(expired.status).toBe('EXPIRED');
    expect(expired.url).toBeNull();
    expect((await download(url)).status).toBe(403);
  });
});
