import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySimulator, type RunningSimulator } from '../../simulator';
import { createOrder, gql, gqlData, seedCatalog, startTestSimulator, usd } from './helpers';

describe('simulator HTTP front', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startTestSimulator({
      shopDomain: 'front-test.myshopify.com',
      accessToken: 'shpat_front',
    });
  });
  afterAll(() => simulator.stop());

  it('listens on a free port on 127.0.0.1 and names the 2026-10 endpoint', () => {
    expect(simulator.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.graphqlUrl).toBe(`${simulator.baseUrl}/admin/api/2026-10/graphql.json`);
  });

  it("answers a wrong or missing access token with 401 and Shopify's body", async () => {
    for (const token of ['wrong', '']) {
      const answer = await gql(simulator, '{ shop { name } }', {}, { token });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }
  });

  it('answers an unknown API version or path with 404', async () => {
    for (const path of [
      '/admin/api/2019-01/graphql.json',
      '/admin/api/unstable-x/graphql.json',
      '/admin/graphql.json',
      '/',
    ]) {
      const answer = await gql(simulator, '{ shop { name } }', {}, { url: `${simulator.baseUrl}${path}` });
      expect(answer.status, path).toBe(404);
    }
  });

  it('rejects a body without a query with 400', async () => {
    const response = await fetch(simulator.graphqlUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': simulator.accessToken },
      body: '{"variables":{}}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: { query: 'Required parameter missing or invalid' } });
  });

  it('validates documents against the schema and words errors as Shopify does', async () => {
    const unknownField = await gql(simulator, '{ shop { nmae } }');
    expect(unknownField.status).toBe(200);
    expect(unknownField.body.errors?.[0]).toMatchObject({
      message: "Field 'nmae' doesn't exist on type 'Shop'",
      extensions: { code: 'undefinedField', typeName: 'Shop', fieldName: 'nmae' },
    });
    const missingArgument = await gql(simulator, '{ order { id } }');
    expect(missingArgument.body.errors?.[0]).toMatchObject({
      message: "Field 'order' is missing required arguments: id",
      extensions: { code: 'missingRequiredArguments' },
    });
    const badArgument = await gql(simulator, '{ orders(first: 1, colour: "red") { nodes { id } } }');
    expect(badArgument.body.errors?.[0]?.message).toBe("Field 'orders' doesn't accept argument 'colour'");
    const noSelection = await gql(simulator, '{ shop }');
    expect(noSelection.body.errors?.[0]?.extensions?.code).toBe('selectionMismatch');
    const syntax = await gql(simulator, '{ shop { name }');
    expect(syntax.body.errors?.[0]?.message).toMatch(/^Parse error on/);
    const missingVariable = await gql(simulator, 'query($id: ID!) { order(id: $id) { id } }');
    expect(missingVariable.body.errors?.[0]?.message).toBe(
      'Variable $id of type ID! was provided invalid value',
    );
    expect(unknownField.body.data).toBeUndefined();
  });

  it('requires first or last on connections', async () => {
    const answer = await gql(simulator, '{ orders { nodes { id } } }');
    expect(answer.body.errors?.[0]?.message).toBe('you must provide one of first or last');
  });

  it('serves the shop and its locations, and cost figures on every answer', async () => {
    simulator.store.addLocation({ name: 'Annex', countryCode: 'US', city: 'Boston' });
    const answer = await gql(
      simulator,
      `{ shop { name myshopifyDomain currencyCode enabledPresentmentCurrencies ianaTimezone plan { publicDisplayName shopifyPlus } }
         locations(first: 10) { nodes { id name isActive fulfillsOnlineOrders address { city countryCode } } } }`,
    );
    expect(answer.body.data).toMatchObject({
      shop: {
        name: 'front-test',
        myshopifyDomain: 'front-test.myshopify.com',
        currencyCode: 'USD',
        enabledPresentmentCurrencies: ['USD'],
        plan: { publicDisplayName: 'Basic', shopifyPlus: false },
      },
    });
    const names = (answer.body.data as { locations: { nodes: { name: string }[] } }).locations.nodes.map(
      (node) => node.name,
    );
    expect(names).toEqual(['Annex', 'Shop location']);
    expect(answer.body.extensions?.cost).toMatchObject({
      requestedQueryCost: 2 + 2 + 10 * 2,
      throttleStatus: { restoreRate: 100 },
    });
    expect(answer.headers.get('x-shopify-api-version')).toBe('2026-10');
  });

  it('resolves node and nodes by gid, and null for unknown ids', async () => {
    const { mug } = seedCatalog(simulator);
    const orderId = await createOrder(simulator, { lineItems: [{ variantId: mug, quantity: 1 }] });
    const data = await gqlData(
      simulator,
      `query($ids: [ID!]!, $id: ID!) {
        node(id: $id) { __typename id ... on Order { name } }
        nodes(ids: $ids) { __typename id }
      }`,
      { id: orderId, ids: [orderId, mug, 'gid://shopify/Location/1', 'gid://shopify/Order/999999'] },
    );
    expect(data.node).toMatchObject({ __typename: 'Order', id: orderId });
    expect(data.nodes.map((node: { __typename: string } | null) => node?.__typename ?? null)).toEqual([
      'Order',
      'ProductVariant',
      'Location',
      null,
    ]);
  });

  it('keeps two simulated shops apart in one process', async () => {
    const other = await startShopifySimulator({
      shopDomain: 'second.myshopify.com',
      accessToken: 'shpat_second',
      throttle: 'unthrottled',
    });
    try {
      const mug = other.store.addProduct({ title: 'Cup', variants: [{ price: '3.00' }] }).sim.variantIds[0]!;
      await createOrder(other, {
        lineItems: [{ variantId: mug, quantity: 1 }],
        transactions: [{ amountSet: usd('3.00') }],
      });
      const first = await gqlData(
        simulator,
        '{ shop { myshopifyDomain } orders(first: 50) { nodes { id } } }',
      );
      const second = await gqlData(other, '{ shop { myshopifyDomain } orders(first: 50) { nodes { id } } }');
      expect(first.shop.myshopifyDomain).toBe('front-test.myshopify.com');
      expect(second.shop.myshopifyDomain).toBe('second.myshopify.com');
      expect(second.orders.nodes).toHaveLength(1);
      expect((await gql(other, '{ shop { name } }', {}, { token: simulator.accessToken })).status).toBe(401);
    } finally {
      await other.stop();
    }
  });

  it('counts requests and cost per operation name', async () => {
    simulator.resetStats();
    await gql(simulator, 'query ShopName { shop { name } }');
    await gql(simulator, 'query ShopName { shop { name } }');
    const stats = simulator.stats();
    expect(stats.requests).toBe(2);
    expect(stats.byOperation.ShopName).toMatchObject({ requests: 2, requestedCost: 2, actualCost: 2 });
  });
});
