import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSimCommand, startSimulatorFromCli } from '../../client/commands/sim';
import { parseFaultSpec } from '../../simulator/fault-spec';
import { gqlData } from './helpers';

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
});
