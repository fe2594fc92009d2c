import { describe, expect, it } from 'vitest';
import { startSimulatorFromCli } from '../../client/commands/sim';
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
});
