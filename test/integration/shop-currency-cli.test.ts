import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerShopCommand } from '../../client/commands/shop';
import { seedErpBasics } from '../../erp/demo-setup';
import { Currency, ShopCard } from '../../erp/entities';
import { startShopifySimulator, type RunningSimulator } from '../../simulator';
import { cliRunner } from '../helpers/cli-runner';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;
let simulator: RunningSimulator;
const TOKEN_VARIABLE = 'SHOP_CURRENCY_TEST_TOKEN';

beforeAll(async () => {
  [erp, simulator] = await Promise.all([
    createTestErp(inject('testRunId')),
    startShopifySimulator({ throttle: 'unthrottled', shopDomain: 'currency-cli.myshopify.com' }),
  ]);
  await seedErpBasics(erp.orm, { lcyCode: 'USD' });
  await erp.orm.em.fork().upsert(Currency, { code: 'GBP', description: 'Pound sterling' });
  process.env[TOKEN_VARIABLE] = simulator.accessToken;
});

afterAll(async () => {
  delete process.env[TOKEN_VARIABLE];
  await simulator?.stop();
  await erp?.close();
});

const run = cliRunner({
  env: () => ({ DATABASE_URL: erp.databaseUrl, SHOPIFY_API_BASE_URL: simulator.baseUrl }),
  erp: () => erp.orm,
  register: (program, context) => {
    registerShopCommand(program, context);
  },
});

const shopCard = (code: string) => erp.orm.em.fork().findOne(ShopCard, code);

describe("a shop card's currency is checked against the Shopify store's", () => {
  it('refuses a GBP card on a USD store on add and on set, and accepts the right one', async () => {
    const domain = simulator.shopDomain;
    await expect(
      run('shop', 'add', 'GB', '--domain', domain, '--token-env', TOKEN_VARIABLE, '--currency', 'GBP'),
    ).rejects.toThrow(/Shop card GB has currency GBP, but the Shopify store sells in USD.*--currency none/);
    expect(await shopCard('GB')).toBeNull();

    await run('shop', 'add', 'US', '--domain', domain, '--token-env', TOKEN_VARIABLE);
    expect((await shopCard('US'))?.currencyCode ?? null).toBeNull();
    await expect(run('shop', 'set', 'US', '--currency', 'GBP')).rejects.toThrow(/sells in USD/);
    expect((await shopCard('US'))?.currencyCode ?? null).toBeNull();
  });
});
