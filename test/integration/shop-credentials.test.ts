import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopAccessTokens } from '../../activities/shop-access-tokens';
import { registerShopCommand } from '../../client/commands/shop';
import { registerShopConnectCommands } from '../../client/commands/shop-connect';
import { registerSyncCommand } from '../../client/commands/sync';
import { ImportedOrder } from '../../erp/entities';
import {
  getShopCredentialsView,
  readShopCredentials,
  setShopCredentials,
} from '../../erp/services/credentials';
import { createShopifyClient } from '../../shopify/client';
import { fetchOrderForImport } from '../../shopify/order-import';
import { fetchShopConnection } from '../../shopify/shop-connection';
import { createOrder, type GeneratedOrder } from '../../simulator/generator/create-order';
import { DEFAULT_ACCESS_SCOPES } from '../../simulator';
import type { SyncOrdersReport } from '../../workflows/contracts/order';
import { orderWorkflowId } from '../../workflows/messages';
import { cliRunner } from '../helpers/cli-runner';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { testLogger } from '../helpers/test-logger';
import { addShopCard, dispatchOrder, runSync, shopifyTarget } from './order-test-kit';

/** Lifetime of client-credentials tokens at the simulated store: renewal falls due after ~5.4 s. */
const TOKEN_SECONDS = 6;
/** How far the simulated store's clock runs ahead of ours: moving it expires tokens at Shopify's end only. */
let storeClockAheadMs = 0;
let stack: TestStack;
let capVariantId: string;

beforeAll(async () => {
  stack = await startTestStack({
    workers: 2,
    simulator: {
      clock: { now: () => Date.now() + storeClockAheadMs },
      app: { clientCredentialsTokenSeconds: TOKEN_SECONDS, offlineTokenSeconds: TOKEN_SECONDS },
    },
    deps: { shopifyRetry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 } },
  });
  capVariantId = stack.simulator.store.addProduct({
    title: 'Cap',
    variants: [{ title: 'One size', sku: 'CAP-1', price: '15.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'WEB', { items: [{ no: 'CAP-1', description: 'Cap' }] });
  await setShopCredentials(stack.erp.orm, 'WEB', {
    kind: 'client_credentials',
    clientId: stack.simulator.app.clientId,
    clientSecret: stack.simulator.app.clientSecret,
  });
});

afterAll(async () => {
  await stack?.close();
});

function capOrder(): Promise<GeneratedOrder> {
  return createOrder(shopifyTarget(stack), {
    lines: [{ variantId: capVariantId, title: 'Cap', sku: 'CAP-1', quantity: 1, unitPrice: '15.00' }],
    customer: null,
  });
}

const clientCredentialsRequests = () => stack.simulator.app.tokenRequests.client_credentials ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every order a sync listed was sent to its workflow now, before (still pending), or found imported
 * already: a discovery attempt retried after it had sent some counts those as imported.
 */
function expectEveryListedOrderHandled(report: SyncOrdersReport, newOrders: number): void {
  expect(report.found).toBeGreaterThanOrEqual(newOrders);
  expect(report.dispatched + report.alreadyDispatched + report.alreadyImported).toBe(report.found);
}

async function importedCount(orders: GeneratedOrder[]): Promise<number> {
  return stack.erp.orm.em.fork().count(ImportedOrder, {
    store: stack.simulator.shopDomain,
    shopifyOrderId: { $in: orders.map((order) => order.id) },
  });
}

async function waitForImports(orders: GeneratedOrder[]): Promise<void> {
  await Promise.all(
    orders.map((order) =>
      waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument, 60_000),
    ),
  );
}

const cli = () =>
  cliRunner({
    env: () => ({
      DATABASE_URL: stack.erp.databaseUrl,
      TEMPORAL_TASK_QUEUE: stack.temporal.taskQueue,
      SHOPIFY_API_BASE_URL: stack.simulator.baseUrl,
    }),
    erp: () => stack.erp.orm,
    temporal: () => stack.temporal.client,
    register: (program, context) => {
      registerShopConnectCommands(registerShopCommand(program, context), context);
      registerSyncCommand(program, context);
    },
  });

describe('client-credentials tokens', () => {
  it('renews a token before it expires while two workers import, with one token request', async () => {
    const firstRound = await Promise.all([capOrder(), capOrder(), capOrder(), capOrder()]);
    const before = clientCredentialsRequests();
    expectEveryListedOrderHandled(await runSync(stack, 'WEB'), 4);
    await waitForImports(firstRound);
    expect(clientCredentialsRequests()).toBe(before + 1);

    // Past the renewal point (a tenth of the lifetime before expiry) but before Shopify's expiry.
    await sleep(TOKEN_SECONDS * 1000 - 400);
    const secondRound = await Promise.all([capOrder(), capOrder(), capOrder(), capOrder(), capOrder()]);
    expectEveryListedOrderHandled(await runSync(stack, 'WEB'), 5);
    await waitForImports(secondRound);
    expect(clientCredentialsRequests()).toBe(before + 2);
    expect(stack.simulator.stats().unauthorized).toBe(0);
  });

  it('sends one token request when two processes and twenty callers find the token due at once', async () => {
    await sleep(TOKEN_SECONDS * 1000);
    const before = clientCredentialsRequests();
    const processes = [1, 2].map(() =>
      createShopAccessTokens({
        orm: stack.erp.orm,
        logger: testLogger,
        shopifyBaseUrl: () => stack.simulator.baseUrl,
      }),
    );
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, index) => processes[index % 2]!.sourceFor('WEB').token()),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(clientCredentialsRequests()).toBe(before + 1);
  });

  it('renews once on a 401 mid-sync and the sync finishes', async () => {
    const orders = await Promise.all([capOrder(), capOrder(), capOrder()]);
    const before = clientCredentialsRequests();
    const unauthorizedBefore = stack.simulator.stats().unauthorized;
    // The store's clock jumps ahead: the token every worker holds is expired at Shopify's end only.
    storeClockAheadMs += TOKEN_SECONDS * 1000;
    try {
      // Nothing else wakes these orders: each is imported only if the sync listed it.
      expectEveryListedOrderHandled(await runSync(stack, 'WEB'), 3);
      await waitForImports(orders);
    } finally {
      storeClockAheadMs = 0;
    }
    expect(stack.simulator.stats().unauthorized).toBeGreaterThan(unauthorizedBefore);
    expect(clientCredentialsRequests()).toBe(before + 1);
    expect((await getShopCredentialsView(stack.erp.orm, 'WEB'))?.refusedAt).toBeNull();
  });
});

describe('a revoked app', () => {
  it('marks the card refused, keeps every order waiting, and imports them all after shop connect', async () => {
    const orders = await Promise.all([capOrder(), capOrder()]);
    stack.simulator.app.revoke();
    await sleep(TOKEN_SECONDS * 1000);
    for (const order of orders) await dispatchOrder(stack, order, 'WEB');
    for (const order of orders) {
      const status = await waitForOrder(
        stack.temporal.client,
        stack.simulator.shopDomain,
        order.id,
        (state) => state.problems.some((problem) => problem.code === 'SHOP_CREDENTIALS_REFUSED'),
      );
      expect(status.stage).toBe('needs-attention');
    }
    const view = await getShopCredentialsView(stack.erp.orm, 'WEB');
    expect(view?.refusedAt).not.toBeNull();
    expect(view?.refusal).toContain('The app is not installed on this shop');

    const run = cli();
    await expect(run('sync', 'orders', '--shop', 'WEB')).rejects.toThrow(
      /credentials refused since .*shop connect WEB/,
    );
    const shown = await run('shop', 'credentials', 'WEB');
    expect(shown).toMatch(/lastRefusal\s+credentials refused since/);

    // The merchant installs the app again with a new secret and connects the card with it.
    stack.simulator.app.reinstall('shpss_rotated_secret');
    process.env.CRED_TEST_SECRET = 'shpss_rotated_secret';
    const connected = await run(
      'shop',
      'connect',
      'WEB',
      '--domain',
      stack.simulator.shopDomain,
      '--client-id',
      stack.simulator.app.clientId,
      '--client-secret-env',
      'CRED_TEST_SECRET',
    );
    expect(connected).not.toContain('shpss_rotated_secret');
    expect(connected).toMatch(/scopesMissing\s+none/);
    await waitForImports(orders);
    expect(await importedCount(orders)).toBe(2);
    for (const order of orders) {
      const description = await stack.temporal.client.workflow
        .getHandle(orderWorkflowId(stack.simulator.shopDomain, order.id))
        .describe();
      expect(description.status.name).not.toBe('FAILED');
    }
    expect((await getShopCredentialsView(stack.erp.orm, 'WEB'))?.refusedAt).toBeNull();
  });

  it('stops a sync at once with the refusal instead of retrying', async () => {
    await addShopCard(stack, 'WRONG', { items: [{ no: 'CAP-1', description: 'Cap' }] });
    await setShopCredentials(stack.erp.orm, 'WRONG', {
      kind: 'client_credentials',
      clientId: stack.simulator.app.clientId,
      clientSecret: 'shpss_not_the_secret',
    });
    const failure = await runSync(stack, 'WRONG').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    // The workflow failed on its first attempt of the discovery activity, with the refusal's words.
    const activityFailure = (failure as WorkflowFailedError).cause;
    expect(String((activityFailure?.cause as Error | undefined)?.message)).toMatch(
      /credentials refused since/,
    );
    expect((await getShopCredentialsView(stack.erp.orm, 'WRONG'))?.refusal).toContain('invalid_client');
  });
});

describe('expiring offline tokens', () => {
  it('survives a crash between Shopify issuing a rotated refresh token and our save', async () => {
    const install = stack.simulator.app.issueOfflineToken();
    await addShopCard(stack, 'OAUTH', { items: [{ no: 'CAP-1', description: 'Cap' }] });
    await setShopCredentials(stack.erp.orm, 'OAUTH', {
      kind: 'offline_token',
      clientId: stack.simulator.app.clientId,
      clientSecret: stack.simulator.app.clientSecret,
      accessToken: install.accessToken,
      accessTokenExpiresAt: install.expiresAt,
      refreshToken: install.refreshToken,
      refreshTokenExpiresAt: install.refreshTokenExpiresAt,
    });
    let crashes = 1;
    const tokens = createShopAccessTokens({
      orm: stack.erp.orm,
      logger: testLogger,
      shopifyBaseUrl: () => stack.simulator.baseUrl,
      afterTokenIssued: () => {
        if (crashes-- > 0) throw new Error('worker killed after Shopify answered');
      },
    });
    const client = createShopifyClient({
      shopDomain: stack.simulator.shopDomain,
      baseUrl: stack.simulator.baseUrl,
      accessToken: tokens.sourceFor('OAUTH'),
    });
    expect((await fetchShopConnection(client)).shopName).toBeTruthy();
    await sleep(TOKEN_SECONDS * 1000);
    const refreshesBefore = stack.simulator.app.tokenRequests.refresh_token ?? 0;
    await expect(fetchShopConnection(client)).rejects.toThrow(/worker killed/);
    // Nothing was saved: the card still holds the first refresh token, which Shopify still honours.
    expect((await readShopCredentials(stack.erp.orm, 'OAUTH'))?.refreshToken).toBe(install.refreshToken);
    expect((await fetchShopConnection(client)).shopName).toBeTruthy();
    expect(stack.simulator.app.tokenRequests.refresh_token).toBe(refreshesBefore + 2);
    const stored = await readShopCredentials(stack.erp.orm, 'OAUTH');
    expect(stored?.refreshToken).not.toBe(install.refreshToken);
    expect(stored?.refusedAt).toBeNull();
    // The new token was used, so the first refresh token is now spent.
    expect(
      stack.simulator.app.grant({
        grant_type: 'refresh_token',
        client_id: stack.simulator.app.clientId,
        client_secret: stack.simulator.app.clientSecret,
        refresh_token: install.refreshToken,
      }).status,
    ).toBe(400);
  });
});

describe('access scopes', () => {
  it('refuses to connect, naming each missing scope and what needs it', async () => {
    stack.simulator.app.accessScopes = DEFAULT_ACCESS_SCOPES.filter(
      (scope) => scope !== 'read_gift_cards' && !scope.includes('fulfillment_orders'),
    );
    process.env.CRED_TEST_SECRET = stack.simulator.app.clientSecret;
    try {
      const run = cli();
      await expect(
        run(
          'shop',
          'connect',
          'SCOPES',
          '--domain',
          stack.simulator.shopDomain,
          '--client-id',
          stack.simulator.app.clientId,
          '--client-secret-env',
          'CRED_TEST_SECRET',
        ),
      ).rejects.toThrow(
        /read_gift_cards \(needed for gift cards.*write_merchant_managed_fulfillment_orders \(needed for sending shipments/,
      );
      expect(await getShopCredentialsView(stack.erp.orm, 'SCOPES')).toBeNull();
    } finally {
      stack.simulator.app.accessScopes = [...DEFAULT_ACCESS_SCOPES];
    }
  });

  it('hides orders older than 60 days without read_all_orders, as Shopify does', async () => {
    const order = await capOrder();
    const client = createShopifyClient({
      shopDomain: stack.simulator.shopDomain,
      baseUrl: stack.simulator.baseUrl,
      accessToken: stack.simulator.accessToken,
    });
    // Seventy days pass at the store.
    storeClockAheadMs = 70 * 24 * 60 * 60 * 1000;
    try {
      await expect(fetchOrderForImport(client, order.id)).resolves.toBeTruthy();
      stack.simulator.app.accessScopes = DEFAULT_ACCESS_SCOPES.filter((scope) => scope !== 'read_all_orders');
      await expect(fetchOrderForImport(client, order.id)).rejects.toThrow(/read_all_orders/);
    } finally {
      storeClockAheadMs = 0;
      stack.simulator.app.accessScopes = [...DEFAULT_ACCESS_SCOPES];
    }
  });
});
