import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerShopCommand } from '../../client/commands/shop';
import { registerShopConnectCommands } from '../../client/commands/shop-connect';
import { registerSyncCommand } from '../../client/commands/sync';
import { postSalesInvoice } from '../../erp/services/documents';
import { Currency, ImportedOrder, ShopCard } from '../../erp/entities';
import {
  getShopCredentialsView,
  readShopCredentials,
  setShopCredentials,
} from '../../erp/services/credentials';
import { createShopAccessTokens } from '../../activities/shop-access-tokens';
import { createShopifyClient } from '../../shopify/client';
import { fetchShopConnection } from '../../shopify/shop-connection';
import { testLogger } from '../helpers/test-logger';
import { DEFAULT_ACCESS_SCOPES } from '../../simulator';
import { notifyInvoicePosted } from '../../temporal/dispatch-shipment';
import type { GeneratedOrder } from '../../simulator/generator/create-order';
import type { OrderStatus } from '../../workflows/messages';
import { cliRunner } from '../helpers/cli-runner';
import { waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { orderHandle } from './order-test-kit';
import {
  importToSalesOrder,
  placeOrder,
  setShop,
  setUpShipmentShop,
  ship,
  shopifyOrder,
  SHOP,
  waitForClosing,
  type ShipmentShop,
} from './shipment-test-kit';

/**
 * Issue 12's "refused credentials are not a network error" for the steps after the import: a
 * shipment or a close that meets refused credentials shows the card's typed problem at once (not
 * a generic failure, not a silent retry), and resumes by itself after `shop connect`. Also the
 * read_all_orders check before an old sync window, and the currency check of `shop connect`.
 */

let stack: TestStack;
let shop: ShipmentShop;
const SECRET_VARIABLE = 'CRED_STEPS_SECRET';

beforeAll(async () => {
  stack = await startTestStack();
  shop = await setUpShipmentShop(stack);
  await setShopCredentials(stack.erp.orm, SHOP, {
    kind: 'client_credentials',
    clientId: stack.simulator.app.clientId,
    clientSecret: stack.simulator.app.clientSecret,
  });
  await stack.erp.orm.em.fork().upsert(Currency, { code: 'GBP', description: 'Pound sterling' });
});

afterAll(async () => {
  delete process.env[SECRET_VARIABLE];
  await stack?.close();
});

const run = cliRunner({
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

function connect(code: string, ...extra: string[]): Promise<string> {
  process.env[SECRET_VARIABLE] = stack.simulator.app.clientSecret;
  return run(
    'shop',
    'connect',
    code,
    '--domain',
    stack.simulator.shopDomain,
    '--client-id',
    stack.simulator.app.clientId,
    '--client-secret-env',
    SECRET_VARIABLE,
    ...extra,
  );
}

const credentialsRefused = (status: OrderStatus) =>
  status.problems.find((problem) => problem.code === 'SHOP_CREDENTIALS_REFUSED');

/** The merchant's app is uninstalled: every token Shopify issued is dead and no new one is granted. */
function revokeApp(): void {
  stack.simulator.app.revoke();
}

async function reconnectWithNewSecret(secret: string): Promise<void> {
  stack.simulator.app.reinstall(secret);
  await connect(SHOP);
  expect((await getShopCredentialsView(stack.erp.orm, SHOP))?.refusedAt).toBeNull();
}

async function expectRunning(order: GeneratedOrder): Promise<void> {
  const description = await orderHandle(stack, order.id).describe();
  expect(description.status.name).toBe('RUNNING');
}

describe('steps after the import while the credentials are refused', () => {
  it('a close shows the card refusal with its fix, then closes by itself after shop connect', async () => {
    await setShop(stack, { closeRequiresInvoice: true });
    try {
      const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 1 }]);
      const { header } = await importToSalesOrder(stack, order);
      await ship(stack, order, {});
      await waitForClosing(stack, order, 'waiting');

      revokeApp();
      await postSalesInvoice(stack.erp.orm, { document: header.no });
      await notifyInvoicePosted(stack.temporal.client, {
        store: stack.simulator.shopDomain,
        shopifyOrderId: order.id,
      });
      const refused = await waitForOrder(
        stack.temporal.client,
        stack.simulator.shopDomain,
        order.id,
        (status) => credentialsRefused(status) !== undefined,
      );
      const problem = credentialsRefused(refused)!;
      expect(problem).toMatchObject({ field: 'shop.credentials', severity: 'error' });
      expect(problem.message).toMatch(/shop card 'WEB': credentials refused since .*not installed/);
      expect(problem.fix).toContain(`orderbridge shop connect WEB --domain ${stack.simulator.shopDomain}`);
      expect(refused.problems.map((known) => known.code)).not.toContain('ORDER_CLOSE_REFUSED');
      expect(refused.stage).toBe('needs-attention');
      // The order card (ERP row) shows the same problem; the workflow waits, it does not fail.
      const row = await stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
      expect(row.problems.map((known) => known.code)).toEqual(['SHOP_CREDENTIALS_REFUSED']);
      await expectRunning(order);
      expect(shopifyOrder(stack, order).closed).toBe(false);

      await reconnectWithNewSecret('shpss_after_close_refusal');
      const closed = await waitForClosing(stack, order, 'closed');
      expect(credentialsRefused(closed)).toBeUndefined();
      expect(closed.hasError).toBe(false);
      expect(shopifyOrder(stack, order).closed).toBe(true);
      const after = await stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
      expect(after.problems).toEqual([]);
    } finally {
      await setShop(stack, { closeRequiresInvoice: false });
    }
  });

  it('a shipment shows the card refusal with its fix, then is sent by itself after shop connect', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'CAP-1', quantity: 1 }]);
    await importToSalesOrder(stack, order);
    revokeApp();
    const posted = await ship(stack, order, { shippingAgentCode: 'DHL', packageTrackingNo: 'CRED-1' });
    const refused = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      (status) => credentialsRefused(status) !== undefined,
    );
    expect(credentialsRefused(refused)!.fix).toContain('orderbridge shop connect WEB');
    expect(refused.shipments).toEqual([
      expect.objectContaining({ shipmentId: posted.shipmentId, status: 'failed' }),
    ]);
    await expectRunning(order);

    await reconnectWithNewSecret('shpss_after_shipment_refusal');
    const closed = await waitForClosing(stack, order, 'closed');
    expect(credentialsRefused(closed)).toBeUndefined();
    expect(closed.shipments?.[0]?.status).toBe('fulfilled');
    expect(shopifyOrder(stack, order).fulfillments).toHaveLength(1);
  });
});

describe('read_all_orders before a sync window older than 60 days', () => {
  const SIXTY_FIVE_DAYS_MS = 65 * 24 * 60 * 60 * 1000;

  it('stops the sync naming the scope, and passes with a recent --since', async () => {
    await stack.erp.orm.em
      .fork()
      .nativeUpdate(ShopCard, { code: SHOP }, { lastOrderSyncAt: new Date(Date.now() - SIXTY_FIVE_DAYS_MS) });
    stack.simulator.app.accessScopes = DEFAULT_ACCESS_SCOPES.filter((scope) => scope !== 'read_all_orders');
    try {
      const scopeRequests = () => stack.simulator.stats().byOperation.AppAccessScopes?.requests ?? 0;
      const before = scopeRequests();
      await expect(run('sync', 'orders', '--shop', SHOP)).rejects.toThrow(
        /more than 60 days ago, and the app lacks the read_all_orders scope.*--since/,
      );
      // Shopify was asked which scopes the installation holds, not guessed from the watermark.
      expect(scopeRequests()).toBe(before + 1);
      // shop connect refuses too, naming the scope and what needs it.
      await expect(connect(SHOP)).rejects.toThrow(/read_all_orders \(needed for orders older than 60 days\)/);

      const recent = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
      await expect(run('sync', 'orders', '--shop', SHOP, '--since', recent)).resolves.toBeTruthy();

      // With the scope granted, the old window syncs.
      stack.simulator.app.accessScopes = [...DEFAULT_ACCESS_SCOPES];
      await expect(run('sync', 'orders', '--shop', SHOP)).resolves.toBeTruthy();
      expect(scopeRequests()).toBe(before + 2);
    } finally {
      stack.simulator.app.accessScopes = [...DEFAULT_ACCESS_SCOPES];
    }
  });
});

describe("shop connect checks the card's currency against the store's", () => {
  it('refuses a GBP card on a USD store, on an existing card and on a new one', async () => {
    await stack.erp.orm.em.fork().nativeUpdate(ShopCard, { code: SHOP }, { currencyCode: 'GBP' });
    try {
      await expect(connect(SHOP)).rejects.toThrow(
        /Shop card WEB has currency GBP, but the Shopify store sells in USD.*shop connect WEB .*--currency none/,
      );
    } finally {
      await stack.erp.orm.em.fork().nativeUpdate(ShopCard, { code: SHOP }, { currencyCode: null });
    }
    await expect(connect('GBSHOP', '--currency', 'GBP')).rejects.toThrow(/sells in USD/);
    expect(await stack.erp.orm.em.fork().findOne(ShopCard, 'GBSHOP')).toBeNull();
    await connect('USSHOP', '--currency', 'none');
    expect((await stack.erp.orm.em.fork().findOneOrFail(ShopCard, 'USSHOP')).currencyCode).toBeNull();
  });
});

describe('shop install: the OAuth install of an app with expiring offline tokens', () => {
  /** Runs `shop install` and answers its prompt as the merchant's browser would. */
  async function install(
    code: string,
    browse: (authorizeUrl: string) => Promise<Response>,
  ): Promise<{ printed: string; browsed: Response }> {
    process.env[SECRET_VARIABLE] = stack.simulator.app.clientSecret;
    const prompts: string[] = [];
    const spy = vi
      .spyOn(console, 'error')
      .mockImplementation((...parts: unknown[]) => void prompts.push(parts.join(' ')));
    try {
      const installing = run(
        'shop',
        'install',
        code,
        '--domain',
        stack.simulator.shopDomain,
        '--client-id',
        stack.simulator.app.clientId,
        '--client-secret-env',
        SECRET_VARIABLE,
        '--redirect-uri',
        'http://127.0.0.1:0/oauth/callback',
      );
      installing.catch(() => undefined);
      let url: string | undefined;
      for (let waited = 0; !url && waited < 10_000; waited += 50) {
        url = /http:\/\/\S+\/admin\/oauth\/authorize\S+/.exec(prompts.join('\n'))?.[0];
        if (!url) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(url).toBeDefined();
      const browsed = await browse(url!);
      return { printed: await installing, browsed };
    } finally {
      spy.mockRestore();
    }
  }

  it('exchanges the code with expiring=1, stores both tokens encrypted, and refreshes them', async () => {
    const scopesBefore = [...stack.simulator.app.accessScopes];
    try {
      const before = stack.simulator.app.tokenRequests.authorization_code ?? 0;
      const { printed, browsed } = await install('OAUTH', (url) => fetch(url));
      expect(browsed.status).toBe(200);
      expect(printed).toMatch(/credentials\s+expiring offline token/);
      expect(printed).toMatch(/scopesMissing\s+none/);
      expect(printed).not.toContain(stack.simulator.app.clientSecret);
      expect(stack.simulator.app.tokenRequests.authorization_code).toBe(before + 1);

      const stored = await readShopCredentials(stack.erp.orm, 'OAUTH');
      expect(stored).toMatchObject({ kind: 'offline_token', clientId: stack.simulator.app.clientId });
      expect(stored?.refreshToken).toMatch(/^shprt_/);
      expect(stored?.accessTokenExpiresAt).toBeInstanceOf(Date);
      const [row] = await stack.erp.orm.em
        .fork()
        .getConnection()
        .execute<{ access_token_sealed: string; refresh_token_sealed: string }[]>(
          'select access_token_sealed, refresh_token_sealed from shop_card where code = ?',
          ['OAUTH'],
        );
      expect(row!.access_token_sealed).not.toContain(stored!.accessToken!);
      expect(row!.refresh_token_sealed).not.toContain(stored!.refreshToken!);

      // The stored token reads the store; once it is expired at Shopify's end it is refreshed.
      // A new process each time, so the token comes from the database, not a process's memory.
      const client = () =>
        createShopifyClient({
          shopDomain: stack.simulator.shopDomain,
          baseUrl: stack.simulator.baseUrl,
          accessToken: createShopAccessTokens({
            orm: stack.erp.orm,
            logger: testLogger,
            shopifyBaseUrl: () => stack.simulator.baseUrl,
          }).sourceFor('OAUTH'),
        });
      expect((await fetchShopConnection(client())).shopName).toBeTruthy();
      const refreshesBefore = stack.simulator.app.tokenRequests.refresh_token ?? 0;
      await stack.erp.orm.em
        .fork()
        .getConnection()
        .execute(
          "update shop_card set access_token_expires_at = now() - interval '1 second' where code = 'OAUTH'",
        );
      expect((await fetchShopConnection(client())).shopName).toBeTruthy();
      expect(stack.simulator.app.tokenRequests.refresh_token).toBe(refreshesBefore + 1);
      expect((await readShopCredentials(stack.erp.orm, 'OAUTH'))?.refreshToken).not.toBe(
        stored!.refreshToken,
      );
    } finally {
      stack.simulator.app.accessScopes = scopesBefore;
    }
  });

  it('refuses a redirect whose HMAC does not match, storing nothing', async () => {
    const scopesBefore = [...stack.simulator.app.accessScopes];
    try {
      const attempt = install('FORGED', async (url) => {
        const redirectUri = new URL(url).searchParams.get('redirect_uri')!;
        const state = new URL(url).searchParams.get('state')!;
        const forged = new URL(redirectUri);
        forged.search = new URLSearchParams({
          code: 'stolen',
          shop: stack.simulator.shopDomain,
          state,
          timestamp: '1',
          hmac: '00'.repeat(32),
        }).toString();
        return fetch(forged);
      });
      await expect(attempt).rejects.toThrow(/HMAC does not match the client secret/);
      expect(await getShopCredentialsView(stack.erp.orm, 'FORGED')).toBeNull();
    } finally {
      stack.simulator.app.accessScopes = scopesBefore;
    }
  });
});
