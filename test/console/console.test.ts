/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Customer, ImportedOrder, OrderToImport } from '../../erp/entities';
import { createOrder } from '../../simulator/generator/create-order';
import type { OrderTimings } from '../../workflows/order-timings';
import type { RunningConsole } from '../../console/server';
import { hasDocument, needsAttention, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, dispatchOrder, runSync, shopifyTarget } from '../integration/order-test-kit';
import {
  importToSalesOrder,
  placeOrder,
  setUpShipmentShop,
  ship,
  waitForShipment,
  type ShipmentShop,
} from '../integration/shipment-test-kit';
import { accessibilityGaps, launchBrowser, outcomeOf, signIn, startTestConsole } from './console-kit';

/** Problems are re-checked only after ten minutes: whatever resolves them in the test is the browser. */
const OPERATOR_ONLY: OrderTimings = {
  recheckProblemsAfter: '10 minutes',
  maxRecheckInterval: '1 hour',
  activityAttemptTimeout: '5 seconds',
};

let stack: TestStack;
let shop: ShipmentShop;
let consoleServer: RunningConsole;
let browser: Browser;
let gadgetVariantId: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  shop = await setUpShipmentShop(stack);
  // Sold in Shopify under a SKU the ERP does not know: it needs an item mapping.
  gadgetVariantId = stack.simulator.store.addProduct({
    title: 'Gadget',
    variants: [{ title: 'Default', sku: 'SHOP-GADGET', price: '30.00' }],
  }).sim.variantIds[0]!;
  // NOCUST: never creates customers and has no default one, so unknown buyers wait for an operator.
  await addShopCard(
    stack,
    'NOCUST',
    { customerImport: 'none', customerMappingType: 'by_email_phone' },
    { defaultCustomerNo: null },
  );
  // PICKY: its case-sensitive tag filter refuses orders Shopify's search lists for it (tag 'picky').
  await addShopCard(stack, 'PICKY', {}, { orderSyncFilters: { tagFilter: 'Picky' } });
  const em = stack.erp.orm.em.fork();
  em.create(Customer, { no: 'C-ASSIGN', name: 'Assigned Ltd', countryCode: 'US' });
  await em.flush();
  consoleServer = await startTestConsole(stack);
});

afterAll(async () => {
  await browser?.close();
  await consoleServer?.close();
  await stack?.close();
});

async function newPage(username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, consoleServer.url, username);
  return page;
}

const importedOrderId = async (shopifyOrderId: string) =>
  (await stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId })).id;

function customerOrder(tags: string[] = []) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const address = {
    firstName: 'Ada',
    lastName: suffix,
    address1: '1 Main Street',
    city: 'Springfield',
    zip: '62701',
    provinceCode: 'IL',
    countryCode: 'US',
  };
  return createOrder(shopifyTarget(stack), {
    lines: [
      {
        variantId: shop.variantOf['SOCKS-1'],
        title: 'SOCKS-1',
        sku: 'SOCKS-1',
        quantity: 1,
        unitPrice: '10.00',
      },
    ],
    customer: {
      email: `buyer-${suffix}@example.com`,
      firstName: 'Ada',
      lastName: suffix,
      addresses: [address],
    },
    billingAddress: address,
    shippingAddress: address,
    tags,
  });
}

describe('signing in', () => {
  it('sends a stranger to the sign-in page, refuses a wrong password, and lets a user in', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${consoleServer.url}problems`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('User name').fill('olivia');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await outcomeOf(page)).toContain('Wrong user name or password');
    await signIn(page, consoleServer.url, 'olivia');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe('/login');
    const cookie = (await page.context().cookies()).find((entry) => entry.name === 'orderbridge_session');
    expect(cookie).toMatchObject({ httpOnly: true });
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000);
    await page.context().close();
  });

  it('marks the session cookie Secure behind a TLS proxy, and refuses a form without its CSRF token', async () => {
    const login = await fetch(`${consoleServer.url}login`, { headers: { 'x-forwarded-proto': 'https' } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
    const cookies = login.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    const signedIn = await fetch(`${consoleServer.url}login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
        cookie: cookies,
      },
      body: new URLSearchParams({
        _csrf: csrf,
        username: 'olivia',
        password: 'correct horse battery',
      }).toString(),
    });
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('orderbridge_session='))!;
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; Expires=/i);
    const forged = await fetch(`${consoleServer.url}orders-to-import/act`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.split(';')[0]! },
      body: 'do=delete&ids=1',
    });
    expect(forged.status).toBe(403);
  });

  it('a viewer sees the pages but no action, and the server refuses its posts', async () => {
    const page = await newPage('victor');
    await page.goto(`${consoleServer.url}orders-to-import`);
    expect(await page.getByRole('button', { name: 'Import selected' }).count()).toBe(0);
    await page.goto(`${consoleServer.url}problems`);
    expect(await page.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    // The form is hidden, not the right: a post with a valid token is still refused.
    const token = await page.locator('header input[name=_csrf]').inputValue();
    const refused = await page.request.post(`${consoleServer.url}orders-to-import/act`, {
      form: { _csrf: token, do: 'delete', ids: '1' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('is a viewer');
    await page.context().close();
  });
});

describe('operators fix orders from the browser', () => {
  it('maps an unmapped item in place, and the order page then shows its document', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        { variantId: gadgetVariantId, title: 'Gadget', sku: 'SHOP-GADGET', quantity: 1, unitPrice: '30.00' },
      ],
      customer: { email: 'gadget-buyer@example.com', firstName: 'Grace', lastName: 'Hopper' },
    });
    await dispatchOrder(stack, order, 'WEB', OPERATOR_ONLY);
    const blocked = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      needsAttention,
    );
    expect(blocked.problems.map((problem) => problem.code)).toContain('ITEM_NOT_MAPPED');

    const page = await newPage('olivia');
    await page.goto(`${consoleServer.url}problems?problem=ITEM_NOT_MAPPED`);
    const row = page.locator(`tr[data-order="${order.name}"]`);
    await row.getByLabel(`Item for line 1 of ${order.name}`).fill('CAP-1');
    await row.getByRole('button', { name: 'Map item' }).click();
    expect(await outcomeOf(page)).toMatch(new RegExp(`Order ${order.name}: document created: sales order`));

    await page.goto(`${consoleServer.url}orders/${await importedOrderId(order.id)}`);
    const documents = page.locator('h2:text("Documents") + table');
    await expect(documents.innerText()).resolves.toMatch(/order\s+SO/);
    expect(await page.locator('[data-field=workflow-stage]').innerText()).not.toBe('needs-attention');
    await page.context().close();
  });

  it('assigns a customer in place and answers with the outcome', async () => {
    const order = await customerOrder();
    await dispatchOrder(stack, order, 'NOCUST', OPERATOR_ONLY);
    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, needsAttention);
    const page = await newPage('olivia');
    await page.goto(`${consoleServer.url}problems?shop=NOCUST`);
    const row = page.locator(`tr[data-order="${order.name}"]`);
    await row.getByLabel(`Customer no. for ${order.name}`).fill('C-ASSIGN');
    await row.getByRole('button', { name: 'Assign customer' }).click();
    expect(await outcomeOf(page)).toMatch(new RegExp(`Order ${order.name}: .*sales order`));
    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      hasDocument,
    );
    expect(status.hasError).toBe(false);
    await page.context().close();
  });

  it('imports the selected orders to import with a chosen shop card', async () => {
    const [wanted, other] = [await customerOrder(['picky']), await customerOrder(['picky'])];
    await runSync(stack, 'PICKY');
    const page = await newPage('olivia');
    await page.goto(`${consoleServer.url}orders-to-import`);
    await page.getByLabel(`Select ${wanted.name}`).check();
    await page.getByLabel('Import with shop card').selectOption('WEB');
    await page.getByRole('button', { name: 'Import selected' }).click();
    expect(await outcomeOf(page)).toMatch(new RegExp(`Order ${wanted.name}: .*sales order`));
    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, wanted.id, hasDocument);
    expect(await stack.erp.orm.em.fork().count(OrderToImport, { shopifyOrderId: wanted.id })).toBe(0);
    // The other row stays, and the page, polling, no longer lists the imported one.
    await page.locator(`tr[data-order="${wanted.name}"]`).waitFor({ state: 'detached' });
    expect(await page.locator(`tr[data-order="${other.name}"]`).count()).toBe(1);
    await page.context().close();
  });

  it('shows a shipment that was not synced, with why, and resends it with the outcome', async () => {
    const order = await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 2 }]);
    await importToSalesOrder(stack, order);
    // RETURNS is an ERP location no Shopify location maps to.
    const posted = await ship(stack, order, { locationCode: 'RETURNS' });
    await waitForShipment(stack, order, posted.shipmentId);
    const page = await newPage('olivia');
    await page.goto(`${consoleServer.url}shipments`);
    const row = page.locator(`tr[data-shipment="${posted.shipmentNo}"]`);
    await expect(row.innerText()).resolves.toMatch(/not-synced[\s\S]*location 'RETURNS' is not mapped/);
    await row.getByRole('button', { name: `Resend shipment ${posted.shipmentNo}` }).click();
    // The answer is the shipment's state after the resend (the row above shows why): never just "sent".
    expect(await outcomeOf(page)).toMatch(
      new RegExp(`Shipment ${posted.shipmentNo} of order ${order.name}: (still )?not-synced`),
    );
    await page.context().close();
  });
});

describe('accessibility', () => {
  it('every control of every page has a name and can be reached from the keyboard', async () => {
    const page = await newPage('olivia');
    const gaps: string[] = [];
    for (const path of [
      '',
      'orders-to-import',
      'problems',
      'orders',
      'shipments',
      'refunds',
      'shops',
      'shops/WEB',
      'schedules',
    ]) {
      await page.goto(`${consoleServer.url}${path}`);
      gaps.push(...(await accessibilityGaps(page)).map((gap) => `/${path}: ${gap}`));
    }
    expect(gaps).toEqual([]);
    // Tab from the top reaches the first navigation link, then the next one.
    await page.goto(consoleServer.url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    await page.context().close();
  });
});
