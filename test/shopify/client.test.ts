import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createShopifyClient, type ShopifyClientOptions } from '../../shopify/client';
import {
  ShopifyAuthError,
  ShopifyGraphqlError,
  ShopifyQueryTooExpensiveError,
  ShopifyRetriesExhaustedError,
  ShopifyUncertainOutcomeError,
} from '../../shopify/errors';
import { OrderCloseDocument, ShopDetailsDocument } from '../../shopify/generated/graphql';
import { StoreThrottle } from '../../shopify/throttle';
import {
  closedPort,
  dataReply,
  startScriptedShopify,
  throttledReply,
  type ScriptedShopify,
} from './helpers/scripted-shopify';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

const ACCESS_TOKEN = 'shpat_secret_token_never_shown';
const shop = { shop: { id: 'gid://shopify/Shop/1', name: 'Acme', currencyCode: 'EUR' } };
const closed = {
  orderClose: {
    order: { id: 'gid://shopify/Order/1', closed: true, closedAt: '2026-11-27T10:00:00Z' },
    userErrors: [],
  },
};

let endpoint: ScriptedShopify | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** A client with its own throttle and tiny backoff, so tests run in milliseconds. */
function clientFor(baseUrl: string, options: Partial<ShopifyClientOptions> = {}) {
  const throttle = new StoreThrottle('acme.myshopify.com');
  throttle.report(
    { sequence: -1, cost: 0, waitedMs: 0 },
    { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 1000 },
    0,
  );
  return createShopifyClient({
    shopDomain: 'acme.myshopify.com',
    accessToken: ACCESS_TOKEN,
    baseUrl,
    throttle,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('Shopify client requests', () => {
  it('posts the operation to the versioned Admin endpoint with the access token header', async () => {
    endpoint = await startScriptedShopify([dataReply(shop)]);
    const client = clientFor(endpoint.baseUrl);
    const result = await client.request(ShopDetailsDocument);
    expect(result.shop.name).toBe('Acme');
    expect(client.endpoint).toBe(`${endpoint.baseUrl}/admin/api/2026-10/graphql.json`);
    const [sent] = endpoint.requests;
    expect(sent?.url).toBe('/admin/api/2026-10/graphql.json');
    expect(sent?.headers['x-shopify-access-token']).toBe(ACCESS_TOKEN);
    expect(sent?.body.query).toContain('query ShopDetails');
  });

  it('uses the API version set for the shop', async () => {
    endpoint = await startScriptedShopify([dataReply(shop)]);
    const client = clientFor(endpoint.baseUrl, { apiVersion: '2027-01' });
    await client.request(ShopDetailsDocument);
    expect(endpoint.requests[0]?.url).toBe('/admin/api/2027-01/graphql.json');
  });

  it('defaults to https://<shop>/admin/api/2026-10/graphql.json', () => {
    const client = createShopifyClient({ shopDomain: 'acme.myshopify.com', accessToken: ACCESS_TOKEN });
    expect(client.endpoint).toBe('https://acme.myshopify.com/admin/api/2026-10/graphql.json');
  });

  it('counts requests, retries and cost per operation from the cost extension', async () => {
    endpoint = await startScriptedShopify([{ status: 502 }, dataReply(shop, { requested: 2, actual: 2 })]);
    const client = clientFor(endpoint.baseUrl);
    await client.request(ShopDetailsDocument);
    expect(client.counters.snapshot()).toMatchObject({
      requests: 2,
      retries: 1,
      requestedCost: 2,
      actualCost: 2,
      byOperation: { ShopDetails: { requests: 2, retries: 1, requestedCost: 2, actualCost: 2 } },
    });
  });
});

describe('retries of queries', () => {
  it('retries 5xx answers and dropped connections, then returns the data', async () => {
    endpoint = await startScriptedShopify([
      { status: 503 },
      { drop: true },
      { status: 500 },
      dataReply(shop),
    ]);
    const client = clientFor(endpoint.baseUrl);
    await expect(client.request(ShopDetailsDocument)).resolves.toMatchObject({ shop: { name: 'Acme' } });
    expect(endpoint.requests).toHaveLength(4);
  });

  it('retries an answer that does not come before the request timeout', async () => {
    endpoint = await startScriptedShopify([{ ...dataReply(shop), delayMs: 300 }, dataReply(shop)]);
    const client = clientFor(endpoint.baseUrl, { requestTimeoutMs: 50 });
    await expect(client.request(ShopDetailsDocument)).resolves.toMatchObject({ shop: { name: 'Acme' } });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('waits what Retry-After asks after a 429', async () => {
    endpoint = await startScriptedShopify([
      { status: 429, headers: { 'retry-after': '0.15' } },
      dataReply(shop),
    ]);
    const client = clientFor(endpoint.baseUrl);
    const startedAt = Date.now();
    await client.request(ShopDetailsDocument);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(145);
    expect(client.counters.snapshot()).toMatchObject({ requests: 2, retries: 1, throttleWaits: 1 });
  });

  it('waits for the bucket to restore the requested cost after THROTTLED', async () => {
    // 2 points missing at 20 points a second: 100 ms.
    endpoint = await startScriptedShopify([throttledReply(2, 0, 20), dataReply(shop, { requested: 2 })]);
    const client = clientFor(endpoint.baseUrl);
    const startedAt = Date.now();
    await client.request(ShopDetailsDocument);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(95);
    expect(client.counters.snapshot()).toMatchObject({ requests: 2, retries: 1, throttleWaits: 1 });
  });

  it('gives up after maxAttempts with the last cause', async () => {
    endpoint = await startScriptedShopify([{ status: 503 }]);
    const client = clientFor(endpoint.baseUrl);
    const error = await failureOf(client.request(ShopDetailsDocument));
    expect(error).toBeInstanceOf(ShopifyRetriesExhaustedError);
    const exhausted = error as ShopifyRetriesExhaustedError;
    expect(exhausted.attempts).toBe(4);
    expect(exhausted.lastCause.kind).toBe('server-error');
    expect(exhausted.message).toMatch(/ShopDetails on acme\.myshopify\.com failed 4 times; last: .*HTTP 503/);
    expect(endpoint.requests).toHaveLength(4);
  });

  it('calls an HTML page or JSON cut off mid-object an invalid answer, with status and first bytes', async () => {
    const page = `<!DOCTYPE html><html><head><title>Maintenance</title></head><body>${'x'.repeat(500)}</body></html>`;
    endpoint = await startScriptedShopify([
      { status: 200, headers: { 'content-type': 'text/html' }, rawBody: page },
      { status: 200, rawBody: '{"data":{"shop":{"id":"gid://shopify/Shop/1","na' },
      dataReply(shop),
    ]);
    const client = clientFor(endpoint.baseUrl);
    await expect(client.request(ShopDetailsDocument)).resolves.toMatchObject({ shop: { name: 'Acme' } });

    endpoint = await startScriptedShopify([{ status: 200, rawBody: '{"data":{"shop":{"na' }]);
    const error = await failureOf(clientFor(endpoint.baseUrl).request(ShopDetailsDocument));
    expect(error).toBeInstanceOf(ShopifyRetriesExhaustedError);
    const exhausted = error as ShopifyRetriesExhaustedError;
    expect(exhausted.lastCause.kind).toBe('invalid-answer');
    expect(exhausted.message).toMatch(
      /invalid answer \(HTTP 200, application\/json\): "\{"data":\{"shop":\{"na"/,
    );
    expect(exhausted.message).not.toMatch(/connection lost/);
    // Fewer attempts than the policy's four: such an answer rarely mends within seconds.
    expect(endpoint.requests).toHaveLength(3);
  });

  it('shows the first bytes of an HTML error page, cut short', async () => {
    const page = `<html><body><h1>502 Bad Gateway</h1>${'y'.repeat(500)}</body></html>`;
    endpoint = await startScriptedShopify([
      { status: 502, headers: { 'content-type': 'text/html' }, rawBody: page },
    ]);
    const error = (await failureOf(
      clientFor(endpoint.baseUrl).request(ShopDetailsDocument),
    )) as ShopifyRetriesExhaustedError;
    expect(error.lastCause.kind).toBe('server-error');
    expect(error.message).toMatch(/HTTP 502: "<html><body><h1>502 Bad Gateway<\/h1>y+…"/);
    expect(error.message.length).toBeLessThan(300);
  });

  it('retries a refused connection and reports it when it never comes up', async () => {
    const client = clientFor(`http://127.0.0.1:${await closedPort()}`, {
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await failureOf(client.request(ShopDetailsDocument));
    expect(error).toBeInstanceOf(ShopifyRetriesExhaustedError);
    expect((error as ShopifyRetriesExhaustedError).lastCause.kind).toBe('connection-refused');
    expect(client.counters.snapshot().requests).toBe(2);
  });
});

describe('mutations', () => {
  it('are not resent after a 5xx: the outcome is uncertain', async () => {
    endpoint = await startScriptedShopify([{ status: 502 }, dataReply(closed)]);
    const client = clientFor(endpoint.baseUrl);
    const error = await failureOf(client.request(OrderCloseDocument, { id: 'gid://shopify/Order/1' }));
    expect(error).toBeInstanceOf(ShopifyUncertainOutcomeError);
    expect(error.message).toMatch(
      /OrderClose on acme\.myshopify\.com may or may not have been applied.*reconcile/,
    );
    expect(endpoint.requests).toHaveLength(1);
  });

  it('are not resent after the connection dropped once the request was sent', async () => {
    endpoint = await startScriptedShopify([{ drop: true }, dataReply(closed)]);
    const client = clientFor(endpoint.baseUrl);
    const error = await failureOf(client.request(OrderCloseDocument, { id: 'gid://shopify/Order/1' }));
    expect(error).toBeInstanceOf(ShopifyUncertainOutcomeError);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('are not resent after a timeout', async () => {
    endpoint = await startScriptedShopify([{ ...dataReply(closed), delayMs: 300 }]);
    const client = clientFor(endpoint.baseUrl, { requestTimeoutMs: 50 });
    const error = await failureOf(client.request(OrderCloseDocument, { id: 'gid://shopify/Order/1' }));
    expect(error).toBeInstanceOf(ShopifyUncertainOutcomeError);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('are resent after 429 and THROTTLED, which Shopify answers without running them', async () => {
    endpoint = await startScriptedShopify([
      { status: 429, headers: { 'retry-after': '0.01' } },
      throttledReply(10, 5, 1000),
      dataReply(closed, { requested: 10 }),
    ]);
    const client = clientFor(endpoint.baseUrl);
    const result = await client.request(OrderCloseDocument, { id: 'gid://shopify/Order/1' });
    expect(result.orderClose?.order?.closed).toBe(true);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('are resent when the connection was refused (nothing was sent)', async () => {
    const client = clientFor(`http://127.0.0.1:${await closedPort()}`, {
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await failureOf(client.request(OrderCloseDocument, { id: 'gid://shopify/Order/1' }));
    expect(error).toBeInstanceOf(ShopifyRetriesExhaustedError);
    expect(client.counters.snapshot().requests).toBe(3);
  });
});

describe('failures that are not retried', () => {
  it('401 and 403 become ShopifyAuthError after one request', async () => {
    for (const status of [401, 403]) {
      endpoint = await startScriptedShopify([
        { status, body: { errors: '[API] Invalid API key or access token' } },
      ]);
      const client = clientFor(endpoint.baseUrl);
      const error = await failureOf(client.request(ShopDetailsDocument));
      expect(error).toBeInstanceOf(ShopifyAuthError);
      expect(error.message).toMatch(/check the shop card's access token/);
      expect(endpoint.requests).toHaveLength(1);
      await endpoint.close();
      endpoint = undefined;
    }
  });

  it('ACCESS_DENIED (a missing scope) is an auth error too', async () => {
    endpoint = await startScriptedShopify([
      {
        body: {
          errors: [{ message: 'Access denied for giftCards field.', extensions: { code: 'ACCESS_DENIED' } }],
        },
      },
    ]);
    const error = await failureOf(clientFor(endpoint.baseUrl).request(ShopDetailsDocument));
    expect(error).toBeInstanceOf(ShopifyAuthError);
    expect(error.message).toMatch(/Access denied for giftCards field/);
  });

  it('other GraphQL errors become ShopifyGraphqlError with message, code and path', async () => {
    endpoint = await startScriptedShopify([
      {
        body: {
          errors: [{ message: 'Invalid id', path: ['order'], extensions: { code: 'BAD_REQUEST' } }],
          data: null,
        },
      },
    ]);
    const error = await failureOf(clientFor(endpoint.baseUrl).request(ShopDetailsDocument));
    expect(error).toBeInstanceOf(ShopifyGraphqlError);
    expect(error.message).toBe(
      'Shopify rejected ShopDetails for acme.myshopify.com: Invalid id [BAD_REQUEST] at order',
    );
    expect(endpoint.requests).toHaveLength(1);
  });

  it('a 404 (unknown shop or retired API version) says what to check', async () => {
    endpoint = await startScriptedShopify([{ status: 404, body: { errors: 'Not Found' } }]);
    const error = await failureOf(clientFor(endpoint.baseUrl).request(ShopDetailsDocument));
    expect(error).toBeInstanceOf(ShopifyGraphqlError);
    expect(error.message).toMatch(/check the shop domain and that the Admin API version/);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('a query estimated above 1,000 points is refused before anything is sent', async () => {
    endpoint = await startScriptedShopify([dataReply({})]);
    const heavy = parse(
      'query Heavy { orders(first: 250) { nodes { id totalPriceSet { shopMoney { amount } presentmentMoney { amount } } } } }',
    ) as TypedDocumentNode<unknown, Record<string, never>>;
    const error = await failureOf(clientFor(endpoint.baseUrl).request(heavy));
    expect(error).toBeInstanceOf(ShopifyQueryTooExpensiveError);
    expect(error.message).toMatch(
      /Heavy would request 1002 cost points, over Shopify's single-query limit of 1000/,
    );
    expect(endpoint.requests).toHaveLength(0);
  });

  it('estimates each @include variant of a document by itself, not from a variant asked before', async () => {
    endpoint = await startScriptedShopify([dataReply({ orders: { nodes: [] } })]);
    const heavyWhenPriced = parse(
      'query MaybeHeavy($priced: Boolean!) { orders(first: 250) { nodes { id totalPriceSet @include(if: $priced) { shopMoney { amount } presentmentMoney { amount } } } } }',
    ) as TypedDocumentNode<unknown, { priced: boolean }>;
    const client = clientFor(endpoint.baseUrl);
    await client.request(heavyWhenPriced, { priced: false });
    const error = await failureOf(client.request(heavyWhenPriced, { priced: true }));
    expect(error).toBeInstanceOf(ShopifyQueryTooExpensiveError);
    expect(endpoint.requests).toHaveLength(1);
  });
});

describe('the access token', () => {
  it('appears in no error message and no log line', async () => {
    const logLines: string[] = [];
    const logger = pino(
      { level: 'trace' },
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logLines.push(chunk.toString('utf8'));
          callback();
        },
      }),
    );
    endpoint = await startScriptedShopify([
      { status: 503 },
      { body: { errors: [{ message: 'Field missing', extensions: { code: 'BAD_REQUEST' } }] } },
    ]);
    const client = clientFor(endpoint.baseUrl, { logger });
    const error = await failureOf(client.request(ShopDetailsDocument));
    const uncertain = await failureOf(
      clientFor(`http://127.0.0.1:${await closedPort()}`, {
        logger,
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      }).request(OrderCloseDocument, { id: 'gid://shopify/Order/1' }),
    );
    expect(logLines.length).toBeGreaterThan(0);
    for (const text of [
      error.message,
      String(error.cause ?? ''),
      uncertain.message,
      JSON.stringify(client),
      ...logLines,
    ]) {
      expect(text).not.toContain(ACCESS_TOKEN);
    }
  });
});
