import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, PLAN_LIMITS, startShopifySimulator, type RunningSimulator } from '../../simulator';
import { createOrder, gql, seedCatalog, startTestSimulator } from './helpers';

describe('query cost', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startTestSimulator();
    const { mug, shirtM } = seedCatalog(simulator);
    await createOrder(simulator, {
      lineItems: [
        { variantId: mug, quantity: 1 },
        { variantId: shirtM, quantity: 1 },
      ],
    });
    await createOrder(simulator, {
      lineItems: [
        { variantId: mug, quantity: 1 },
        { variantId: shirtM, quantity: 2 },
      ],
    });
  });
  afterAll(() => simulator.stop());

  const cost = async (query: string, variables: Record<string, unknown> = {}) =>
    (await gql(simulator, query, variables)).body.extensions?.cost;

  it('prices scalars at 0 and objects at 1', async () => {
    expect(await cost('{ shop { name currencyCode } }')).toMatchObject({
      requestedQueryCost: 1,
      actualQueryCost: 1,
    });
    expect(await cost('{ shop { name plan { shopifyPlus } } }')).toMatchObject({
      requestedQueryCost: 2,
      actualQueryCost: 2,
    });
  });

  it('prices connections at 2 plus first × one node, and refunds what was not returned', async () => {
    const query =
      '{ orders(first: 10) { edges { cursor node { id lineItems(first: 5) { nodes { id sku } } } } pageInfo { hasNextPage } } }';
    // 2 + 10 × (1 + 2 + 5 × 1); actual: 2 orders with 2 lines each: 2 + 2 × (1 + 2 + 2).
    expect(await cost(query)).toMatchObject({ requestedQueryCost: 82, actualQueryCost: 12 });
    const withVariables = await cost('query($n: Int!) { orders(first: $n) { nodes { id } } }', { n: 25 });
    expect(withVariables).toMatchObject({ requestedQueryCost: 27, actualQueryCost: 4 });
    expect(await cost('{ orders(last: 3) { nodes { id } } }')).toMatchObject({ requestedQueryCost: 5 });
  });

  it('counts a plain list of objects once, and the dearest fragment on abstract types', async () => {
    const query =
      '{ orders(first: 1) { nodes { transactions { id amountSet { shopMoney { amount } } } taxLines { priceSet { shopMoney { amount } } } } } }';
    // node 1 + transactions (1 + bag 1 + money 1) + taxLines (1 + 1 + 1)
    expect((await cost(query))?.requestedQueryCost).toBe(2 + 1 * (1 + 3 + 3));
    const id = simulator.store.orders[0]!.id;
    const fragments = await cost(
      'query($id: ID!) { node(id: $id) { id ... on Order { customer { id } shippingAddress { city } } ... on Location { address { city } } } }',
      { id },
    );
    expect(fragments).toMatchObject({ requestedQueryCost: 3 });
  });

  it('charges nothing for what @skip / @include leave out, by the variables or their defaults', async () => {
    const query = `query($presentment: Boolean = true) { orders(first: 1) { nodes {
      totalPriceSet { shopMoney { amount } presentmentMoney @include(if: $presentment) { amount } }
      app @skip(if: true) { name } } } }`;
    // 2 + node 1 + bag 1 + shop money 1 (+ presentment money 1)
    expect(await cost(query)).toMatchObject({ requestedQueryCost: 6, actualQueryCost: 6 });
    expect(await cost(query, { presentment: false })).toMatchObject({
      requestedQueryCost: 5,
      actualQueryCost: 5,
    });
  });

  it('prices a mutation at 10', async () => {
    expect(
      await cost(
        'mutation { orderClose(input: { id: "gid://shopify/Order/99999" }) { order { id lineItems(first: 50) { nodes { id } } } userErrors { message } } }',
      ),
    ).toMatchObject({
      requestedQueryCost: 10,
      actualQueryCost: 10,
    });
  });

  it('refuses a query over 1000 points with MAX_COST_EXCEEDED and takes nothing from the bucket', async () => {
    const answer = await gql(
      simulator,
      '{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]).toMatchObject({
      extensions: { code: 'MAX_COST_EXCEEDED', cost: 63252, maxCost: 1000 },
    });
    expect(answer.body.errors?.[0]?.message).toMatch(
      /^Query cost is 63252, which exceeds the single query max cost limit \(1000\)/,
    );
    expect(answer.body.extensions?.cost).toMatchObject({ requestedQueryCost: 63252, actualQueryCost: null });
  });
});

describe('leaky-bucket throttling', () => {
  it("reports each plan's bucket and restore rate", async () => {
    for (const plan of ['basic', 'advanced', 'plus'] as const) {
      const simulator = await startShopifySimulator({ plan });
      try {
        const answer = await gql(simulator, '{ shop { plan { publicDisplayName shopifyPlus } } }');
        expect(answer.body.extensions?.cost?.throttleStatus).toMatchObject({
          maximumAvailable: PLAN_LIMITS[plan].maximumAvailable,
          restoreRate: PLAN_LIMITS[plan].restoreRate,
        });
        expect((answer.body.data as { shop: { plan: { shopifyPlus: boolean } } }).shop.plan.shopifyPlus).toBe(
          plan === 'plus',
        );
      } finally {
        await simulator.stop();
      }
    }
    expect(PLAN_LIMITS.basic).toEqual({ maximumAvailable: 2000, restoreRate: 100 });
    expect(PLAN_LIMITS.advanced).toEqual({ maximumAvailable: 4000, restoreRate: 200 });
    expect(PLAN_LIMITS.plus).toEqual({ maximumAvailable: 20000, restoreRate: 1000 });
  });

  it('throttles a burst that exceeds a small bucket, and lets it through again after restoreRate refills it', async () => {
    const clock = new ManualClock();
    const simulator = await startShopifySimulator({
      clock,
      throttle: { maximumAvailable: 50, restoreRate: 10 },
    });
    const mutation =
      'mutation { orderClose(input: { id: "gid://shopify/Order/1" }) { userErrors { message } } }';
    try {
      const statuses: (string | number)[] = [];
      for (let index = 0; index < 6; index++) {
        const answer = await gql(simulator, mutation);
        expect(answer.status).toBe(200);
        statuses.push(
          (answer.body.errors?.[0]?.extensions?.code as string) ??
            answer.body.extensions!.cost!.throttleStatus.currentlyAvailable,
        );
      }
      expect(statuses).toEqual([40, 30, 20, 10, 0, 'THROTTLED']);
      const throttled = await gql(simulator, mutation);
      expect(throttled.body).toEqual({
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: {
          cost: {
            requestedQueryCost: 10,
            actualQueryCost: null,
            throttleStatus: { maximumAvailable: 50, currentlyAvailable: 0, restoreRate: 10 },
          },
        },
      });
      clock.advance(500);
      expect((await gql(simulator, mutation)).body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
      clock.advance(500);
      const again = await gql(simulator, mutation);
      expect(again.body.errors).toBeUndefined();
      expect(again.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(0);
      clock.advance(60_000);
      expect(
        (await gql(simulator, '{ shop { name } }')).body.extensions?.cost?.throttleStatus.currentlyAvailable,
      ).toBe(49);
      expect(simulator.stats().throttled).toBe(3);
    } finally {
      await simulator.stop();
    }
  });

  it('charges the actual cost: unused connection slots are refunded', async () => {
    const clock = new ManualClock();
    const simulator = await startShopifySimulator({
      clock,
      throttle: { maximumAvailable: 300, restoreRate: 1 },
    });
    try {
      const answer = await gql(simulator, '{ orders(first: 100) { nodes { id } } }');
      expect(answer.body.extensions?.cost).toEqual({
        requestedQueryCost: 102,
        actualQueryCost: 2,
        throttleStatus: { maximumAvailable: 300, currentlyAvailable: 298, restoreRate: 1 },
      });
      simulator.throttle.setAvailable(101);
      expect(
        (await gql(simulator, '{ orders(first: 100) { nodes { id } } }')).body.errors?.[0]?.extensions?.code,
      ).toBe('THROTTLED');
    } finally {
      await simulator.stop();
    }
  });

  it('never throttles when unthrottled (benchmarks)', async () => {
    const simulator = await startShopifySimulator({ throttle: 'unthrottled' });
    try {
      for (let index = 0; index < 30; index++) {
        const answer = await gql(simulator, '{ orders(first: 250) { nodes { id name tags } } }');
        expect(answer.body.errors).toBeUndefined();
      }
      expect(simulator.stats().throttled).toBe(0);
    } finally {
      await simulator.stop();
    }
  });
});
