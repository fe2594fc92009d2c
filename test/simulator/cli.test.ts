import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSimCommand, startSimulatorFromCli } from '../../client/commands/sim';
import { parseFaultSpec, parseWebhookFaultSpec } from '../../simulator/fault-spec';
import { createOrder, gqlData, seedCatalog } from './helpers';

describe('orderbridge sim', () => {
  it('starts the simulator with the chosen plan, shop and token', async () => {
    const simulator = await startSimulatorFromCli({
      port: 0,
      host: '127.0.0.1',
      plan: 'advanced',
      shop: 'cli.myshopify.com',
      token: 'shpat_cli',
      webhookSecret: 'secret',
      currency: 'EUR',
    });
    try {
      const data = await gqlData(
        simulator,
        '{ shop { myshopifyDomain currencyCode plan { publicDisplayName } } }',
      );
      expect(data.shop).toEqual({
        myshopifyDomain: 'cli.myshopify.com',
        currencyCode: 'EUR',
        plan: { publicDisplayName: 'Advanced' },
      });
      expect(simulator.throttle.status()).toMatchObject({ maximumAvailable: 4000, restoreRate: 200 });
      expect(simulator.accessToken).toBe('shpat_cli');
    } finally {
      await simulator.stop();
    }
  });

  it('injects the faults --faults asks for, at their shares', async () => {
    const simulator = await startSimulatorFromCli({
      port: 0,
      host: '127.0.0.1',
      plan: 'basic',
      unthrottled: true,
      shop: 'faults.myshopify.com',
      token: 'shpat_cli',
      webhookSecret: 'secret',
      currency: 'EUR',
      faults: parseFaultSpec('5xx=0.5,429=0.5'),
      faultSeed: 7,
    });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 40; index++) {
        const response = await fetch(simulator.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_cli' },
          body: JSON.stringify({ query: '{ shop { name } }' }),
        });
        statuses.push(response.status);
      }
      expect(statuses.every((status) => status === 503 || status === 429)).toBe(true);
      expect(statuses).toContain(503);
      expect(statuses).toContain(429);
    } finally {
      await simulator.stop();
    }
  });

  it('reads the fault shares of the issue example and refuses what it cannot read', async () => {
    expect(parseFaultSpec('5xx=0.02,429=0.01,throttled=0.02,drop=0.01,slow=0.01')).toEqual({
      'server-error': 0.02,
      'too-many-requests': 0.01,
      throttled: 0.02,
      drop: 0.01,
      slow: 0.01,
    });
    expect(() => parseFaultSpec('teapot=0.1')).toThrow(/teapot=0.1.*one of .*5xx.*throttled, drop, slow/);
    expect(() => parseFaultSpec('5xx=2')).toThrow(/from 0 to 1/);
    expect(() => parseFaultSpec('5xx=0.7,drop=0.7')).toThrow(/add up to 1.4/);
    const program = new Command('orderbridge').exitOverride().configureOutput({ writeErr: () => undefined });
    registerSimCommand(program);
    await expect(program.parseAsync(['node', 'orderbridge', 'sim', '--faults', '5xx=x'])).rejects.toThrow(
      /--faults "5xx=x": the share must be a number/,
    );
  });

  it('reads webhook delivery fault shares and hands them to the simulator', async () => {
    expect(parseWebhookFaultSpec('duplicate=0.05,out-of-order=0.05,drop=0.1')).toEqual({
      duplicate: 0.05,
      'out-of-order': 0.05,
      drop: 0.1,
    });
    expect(() => parseWebhookFaultSpec('late=0.1')).toThrow(/one of duplicate, dup, out-of-order/);
    const simulator = await startSimulatorFromCli(
      {
        port: 0,
        host: '127.0.0.1',
        plan: 'basic',
        shop: 'hook-faults.myshopify.com',
        token: 'shpat_cli',
        webhookSecret: 'secret',
        currency: 'USD',
        webhookFaults: { drop: 1 },
      },
      () => undefined,
    );
    try {
      await gqlData(
        simulator,
        `mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE,
          webhookSubscription: { uri: "http://127.0.0.1:9/hooks" }) { userErrors { message } } }`,
      );
      const catalog = seedCatalog(simulator);
      await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
      await simulator.webhooks.idle();
      expect(simulator.webhooks.deliveries.map(({ status, attempts }) => ({ status, attempts }))).toEqual([
        { status: 'dropped', attempts: 0 },
      ]);
    } finally {
      await simulator.stop();
    }
    const program = new Command('orderbridge').exitOverride().configureOutput({ writeErr: () => undefined });
    registerSimCommand(program);
    await expect(
      program.parseAsync(['node', 'orderbridge', 'sim', '--webhook-faults', 'drop=2']),
    ).rejects.toThrow(/--webhook-faults "drop=2": the share must be a number/);
  });
});
