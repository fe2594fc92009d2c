import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySimulator, type RunningSimulator, type WebhookFault } from '../../simulator';
import { createOrder, gqlData, seedCatalog } from './helpers';

const ORDERS = 60;
const SHARES: Record<WebhookFault, number> = { drop: 0.1, duplicate: 0.1, 'out-of-order': 0.1 };

describe('webhook delivery faults', () => {
  let simulator: RunningSimulator;
  let receiver: Server;
  /** Event ids in the order the receiver got them. */
  const receivedEventIds: string[] = [];
  let catalog: ReturnType<typeof seedCatalog>;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        receivedEventIds.push(String(request.headers['x-shopify-event-id']));
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    simulator = await startShopifySimulator({
      throttle: 'unthrottled',
      webhooks: { faultShares: SHARES, faultSeed: 7, outOfOrderMaxHoldMs: 200, initialRetryDelayMs: 5 },
    });
    catalog = seedCatalog(simulator);
    await gqlData(
      simulator,
      `mutation($uri: String!) {
        webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: $uri }) {
          userErrors { message } } }`,
      { uri: receiverUrl },
    );
  });
  afterAll(async () => {
    await simulator.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  /** Creates the orders one after the other; returns their first deliveries, in creation order. */
  async function createOrders(): Promise<typeof simulator.webhooks.deliveries> {
    const before = simulator.webhooks.deliveries.length;
    for (let index = 0; index < ORDERS; index++) {
      await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    }
    await simulator.webhooks.idle();
    const seen = new Set<string>();
    return simulator.webhooks.deliveries.slice(before).filter((delivery) => {
      if (seen.has(delivery.eventId)) return false;
      seen.add(delivery.eventId);
      return true;
    });
  }

  const timesReceived = (eventId: string) => receivedEventIds.filter((id) => id === eventId).length;

  it('duplicates, reorders and drops about the configured shares, and nothing else', async () => {
    const firsts = await createOrders();
    expect(firsts).toHaveLength(ORDERS);
    const withFault = (fault: WebhookFault | undefined) =>
      firsts.filter((delivery) => delivery.fault === fault);
    for (const fault of Object.keys(SHARES) as WebhookFault[]) {
      // Seeded, so these counts are the same every run; each share is met, none overwhelms.
      expect(withFault(fault).length, fault).toBeGreaterThan(0);
      expect(withFault(fault).length, fault).toBeLessThan(ORDERS * 0.25);
    }
    for (const dropped of withFault('drop')) {
      expect(dropped.status).toBe('dropped');
      expect(timesReceived(dropped.eventId)).toBe(0);
    }
    for (const duplicated of withFault('duplicate')) expect(timesReceived(duplicated.eventId)).toBe(2);
    for (const plain of withFault(undefined)) expect(timesReceived(plain.eventId)).toBe(1);
    // A held delivery arrives after the delivery of an event triggered later than itself.
    for (const held of withFault('out-of-order')) {
      expect(timesReceived(held.eventId)).toBe(1);
      const heldAt = receivedEventIds.indexOf(held.eventId);
      const later = firsts.slice(firsts.indexOf(held) + 1).filter((delivery) => !delivery.fault);
      if (later.length === 0) continue;
      expect(receivedEventIds.indexOf(later[0]!.eventId)).toBeLessThan(heldAt);
    }
    const received = firsts.length - withFault('drop').length + withFault('duplicate').length;
    expect(receivedEventIds).toHaveLength(received);
  });

  it('meets the same faults again under the same seed', async () => {
    simulator.webhooks.configure({ faultSeed: 7 });
    const first = (await createOrders()).map((delivery) => delivery.fault ?? 'none');
    simulator.webhooks.configure({ faultSeed: 7 });
    const second = (await createOrders()).map((delivery) => delivery.fault ?? 'none');
    expect(second).toEqual(first);
    simulator.webhooks.configure({ faultSeed: 8 });
    const third = (await createOrders()).map((delivery) => delivery.fault ?? 'none');
    expect(third).not.toEqual(first);
  });

  it('refuses shares outside 0..1 or adding up to more than 1', () => {
    expect(() => simulator.webhooks.configure({ faultShares: { drop: 1.5 } })).toThrow(/from 0 to 1/);
    expect(() => simulator.webhooks.configure({ faultShares: { drop: 0.6, duplicate: 0.6 } })).toThrow(
      /at most 1/,
    );
  });
});
