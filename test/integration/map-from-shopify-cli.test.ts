import { cliRunner } from '../helpers/cli-runner';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerMapCommand } from '../../client/commands/map';
import { registerShopifyMapCommands } from '../../client/commands/map-from-shopify';
import { seedDemoShop } from '../../erp/demo-setup';
import { LocationMapping, ShipmentMethodMapping } from '../../erp/entities';
import { startShopifySimulator, type RunningSimulator } from '../../simulator';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;
let simulator: RunningSimulator;

beforeAll(async () => {
  [erp, simulator] = await Promise.all([
    createTestErp(inject('testRunId')),
    startShopifySimulator({ throttle: 'unthrottled', shopDomain: 'map-cli.myshopify.com' }),
  ]);
  simulator.store.addLocation({ name: 'Oslo warehouse', countryCode: 'NO' });
  await seedDemoShop(erp.orm, {
    shopDomain: simulator.shopDomain,
    shopCode: 'WEB',
    accessToken: simulator.accessToken,
  });
});

afterAll(async () => {
  await simulator?.stop();
  await erp?.close();
});

const run = cliRunner({
  env: () => ({ DATABASE_URL: erp.databaseUrl, SHOPIFY_API_BASE_URL: simulator.baseUrl }),
  erp: () => erp.orm,
  register: (program, context) => {
    registerShopifyMapCommands(registerMapCommand(program, context), context);
  },
});

describe('orderbridge map locations / shipment-methods fetch from Shopify, then set ERP codes', () => {
  it('fetches the store locations and maps one by name', async () => {
    const output = await run('map', 'locations', 'WEB', '--fetch', '--set', 'Oslo warehouse=MAIN');
    expect(output).toContain('Oslo warehouse');
    const rows = await erp.orm.em.fork().find(LocationMapping, { shopCode: 'WEB' });
    expect(rows.find((row) => row.shopifyLocationName === 'Oslo warehouse')?.locationCode).toBe('MAIN');
  });

  it('fetches the delivery method names and maps one; an unknown ERP code is refused', async () => {
    await run('map', 'shipment-methods', 'WEB', '--fetch');
    const names = (await erp.orm.em.fork().find(ShipmentMethodMapping, { shopCode: 'WEB' })).map(
      (row) => row.shopifyMethodName,
    );
    expect(names.length).toBeGreaterThan(0);
    const name = names[0]!;
    await run('map', 'shipment-methods', 'WEB', '--set', `${name}=EXPRESS`);
    const row = await erp.orm.em
      .fork()
      .findOneOrFail(ShipmentMethodMapping, { shopCode: 'WEB', shopifyMethodName: name });
    expect(row.shipmentMethodCode).toBe('EXPRESS');
    await expect(run('map', 'shipment-methods', 'WEB', '--set', `${name}=NOPE`)).rejects.toThrow(/NOPE/);
  });
});
