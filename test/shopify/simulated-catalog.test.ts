import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeliveryMethodDefinitions, listShippingMethodNames } from '../../shopify/delivery-methods';
import { listGiftCards } from '../../shopify/gift-cards';
import { findIssuedGiftCards } from '../../shopify/issued-gift-cards';
import { listLocations } from '../../shopify/locations';
import { placeOrder, startSimulatedStore, type SimulatedStore } from './helpers/simulated-store';

let store: SimulatedStore;

beforeAll(async () => {
  store = await startSimulatedStore();
});

afterAll(async () => {
  await store.stop();
});

describe('shipping method names', () => {
  it('walks every profile, zone and method definition past each first page', async () => {
    const { store: shop } = store.simulator;
    // The simulated shop starts with a General profile of 3 methods. Add 7 profiles (a first
    // page holds 5), 12 zones in one profile (first page 10) and 14 methods in a zone on the
    // second zone page (first page 10): every level needs its follow-up query.
    for (let profile = 1; profile <= 7; profile++) {
      shop.addShippingMethod(`Standard ${profile}`, { profile: `Profile ${profile}` });
    }
    for (let zone = 1; zone <= 12; zone++)
      shop.addShippingMethod('Express', { profile: 'Profile 1', zone: `Zone ${zone}` });
    for (let method = 1; method <= 14; method++) {
      shop.addShippingMethod(`Freight ${String(method).padStart(2, '0')}`, {
        profile: 'Profile 1',
        zone: 'Zone 11',
      });
    }
    shop.addShippingMethod('Retired courier', { profile: 'Profile 7', active: false });

    const client = store.newClient();
    const definitions = await listDeliveryMethodDefinitions(client);
    expect(definitions).toHaveLength(3 + 7 + 12 + 14 + 1);
    expect(
      definitions.filter((entry) => entry.profileName === 'General profile').map((entry) => entry.name),
    ).toEqual(['Standard', 'Express', 'International Shipping']);
    expect(definitions.filter((entry) => entry.zoneName === 'Zone 11').map((entry) => entry.name)).toEqual([
      'Express',
      ...Array.from({ length: 14 }, (_, index) => `Freight ${String(index + 1).padStart(2, '0')}`),
    ]);
    expect(definitions.find((entry) => entry.name === 'Retired courier')).toMatchObject({
      active: false,
      profileName: 'Profile 7',
    });
    const byOperation = client.counters.snapshot().byOperation;
    expect(byOperation.DeliveryMethodDefinitions?.requests).toBe(2);
    expect(byOperation.DeliveryProfileZonesPage?.requests).toBe(1);
    expect(byOperation.DeliveryZoneMethodsPage?.requests).toBe(1);

    const names = await listShippingMethodNames(client);
    expect(names).toContain('Express');
    expect(names.filter((name) => name === 'Express')).toHaveLength(1);
    expect(names).toEqual([...names].sort((left, right) => left.localeCompare(right)));
  });
});

describe('locations', () => {
  it('pages past 250 locations to the last one', async () => {
    for (let index = 1; index <= 255; index++) store.simulator.store.addLocation({ name: `Store ${index}` });
    const client = store.newClient();
    const locations = await listLocations(client);
    expect(locations.filter((location) => location.name.startsWith('Store '))).toHaveLength(255);
    expect(client.counters.snapshot().byOperation.Locations?.requests).toBe(2);
  });
});

/** A gift-card product of `price` (no shipping): its one variant's id. */
function giftCardVariant(title: string, sku: string, price: string): string {
  return store.simulator.store.addProduct({
    title,
    isGiftCard: true,
    variants: [{ sku, price, requiresShipping: false }],
  }).sim.variantIds[0]!;
}

/** What the import knows of an order that issued `issued` gift cards, for findIssuedGiftCards. */
function issuingOf(orderId: string, issued: number) {
  const order = store.simulator.store.order(orderId)!;
  return {
    shopifyOrderId: orderId,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    customerId: order.sim.customerId,
    issued,
  };
}

describe('gift cards', () => {
  it('lists cards sold on orders with their balance, initial value and order', async () => {
    const variantId = giftCardVariant('Gift card', 'GC-25', '25.00');
    // Shopify issues the card when its line is fulfilled.
    const orderId = await placeOrder(store.simulator, [variantId], {
      fulfillmentStatus: 'FULFILLED',
    });
    const cards = [];
    for await (const giftCard of listGiftCards(store.newClient())) cards.push(giftCard);
    expect(cards.length).toBeGreaterThan(0);
    const sold = cards.find((giftCard) => giftCard.order?.id === orderId);
    expect(sold).toBeDefined();
    expect(sold?.initialValue).toEqual({ amount: expect.stringMatching(/^25\.0+$/), currencyCode: 'USD' });
    expect(sold?.lastCharacters).toMatch(/^\w{4}$/);
  });
});

describe('gift cards issued for an order', () => {
  it("finds an order's cards among the buyer's in one request, and searches wider when the buyer's do not account for them", async () => {
    const variantId = giftCardVariant('Gift card', 'GC-10', '10.00');
    const fulfilled = { fulfillmentStatus: 'FULFILLED' };
    const orderId = await placeOrder(store.simulator, [variantId], {
      ...fulfilled,
      customer: { toUpsert: { email: 'first-buyer@example.com' } },
    });
    // Another buyer's cards in the same minutes: the buyer's search leaves them out.
    await placeOrder(store.simulator, [variantId], {
      ...fulfilled,
      customer: { toUpsert: { email: 'second-buyer@example.com' } },
    });
    const issuing = issuingOf(orderId, 2);
    expect(issuing.customerId).toBeTruthy();

    const client = store.newClient();
    const cards = await findIssuedGiftCards(client, issuing);
    expect(cards).toHaveLength(2);
    expect(cards.every((found) => found.order?.id === orderId)).toBe(true);
    expect(client.counters.snapshot().requests).toBe(1);

    // A card issued to someone else (Shopify allows it): the wider search still finds them.
    const wider = store.newClient();
    const strangers = await findIssuedGiftCards(wider, {
      ...issuing,
      customerId: 'gid://shopify/Customer/999999',
    });
    expect(strangers).toHaveLength(2);
    expect(wider.counters.snapshot().requests).toBe(2);
  });

  it("stops at the page holding the order's last card, counting the cards it issued in all", async () => {
    const variantId = giftCardVariant('Gift card 20', 'GC-20', '20.00');
    const buyer = {
      fulfillmentStatus: 'FULFILLED',
      customer: { toUpsert: { email: 'loyal-buyer@example.com' } },
    };
    const orderId = await placeOrder(store.simulator, [variantId], buyer);
    // The same buyer's next six orders, in the same minutes: twelve more cards in the search window.
    for (let next = 0; next < 6; next++) await placeOrder(store.simulator, [variantId], buyer);
    const issuing = issuingOf(orderId, 2);

    const client = store.newClient();
    const cards = await findIssuedGiftCards(client, issuing);
    expect(cards.map((found) => found.order?.id)).toEqual([orderId, orderId]);
    // One page of 10 (2 + 10 × 4 points), not the buyer's fourteen cards.
    expect(client.counters.snapshot()).toMatchObject({ requests: 1, actualCost: 42 });

    // A card Shopify does not list (three issued, two found): both searches read to their end, the
    // buyer's 14 cards in two pages, then the wider window.
    const unlisted = store.newClient();
    expect(await findIssuedGiftCards(unlisted, { ...issuing, issued: 3 })).toHaveLength(2);
    expect(unlisted.counters.snapshot().byOperation.IssuedGiftCards?.requests).toBeGreaterThan(2);
  });
});
