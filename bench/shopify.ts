/**
 * Shopify cost of importing one order: discovery (its share of a page) plus the full fetch, for
 * orders of 1, 5, 20 and 100 lines, against the simulator (which prices queries by Shopify's rules).
 *
 *   npm run bench:shopify
 *
 * One line per size; the 5-line figure comes last: `lines=5 requests_per_order=<x> cost_per_order=<x>`
 * (actual cost points, what the store's bucket is charged). Compare with the reference connector:
 * 7 requests and about 145 requested points for a plain order (reference/bc-order-import.md §8).
 */
import { createShopifyClient } from '../shopify/client';
import { discoverOrderPages, updatedWindowQuery } from '../shopify/order-discovery';
import { fetchOrderForImport } from '../shopify/order-import';
import { startShopifySimulator } from '../simulator';
import { createOrder } from '../simulator/generator/create-order';

const SIZES = [1, 20, 100, 5];
const ORDERS_PER_SIZE = 25;

const simulator = await startShopifySimulator({ throttle: 'unthrottled', plan: 'enterprise' });
const target = {
  graphqlUrl: simulator.graphqlUrl,
  accessToken: simulator.accessToken,
  seedApi: simulator.store,
};
try {
  const product = simulator.store.addProduct({
    title: 'Linen napkin',
    variants: Array.from({ length: 100 }, (_, index) => ({
      title: `Colour ${index + 1}`,
      sku: `NAPKIN-${index + 1}`,
      barcode: String(4000000000000 + index),
      price: '7.50',
    })),
  });
  const variantIds = product.sim.variantIds;
  for (const lines of SIZES) {
    const started = new Date().toISOString();
    const orderIds: string[] = [];
    for (let index = 0; index < ORDERS_PER_SIZE; index += 1) {
      const order = await createOrder(target, {
        lines: variantIds.slice(0, lines).map((variantId, line) => ({
          variantId,
          title: 'Linen napkin',
          sku: `NAPKIN-${line + 1}`,
          quantity: 2,
          unitPrice: '7.50',
        })),
        shippingLines: [{ title: 'Standard Shipping', price: '6.95' }],
        customer: { email: `bench-${lines}-${index}@example.com`, firstName: 'Bench', lastName: 'Mark' },
      });
      orderIds.push(order.id);
    }
    const client = createShopifyClient({
      shopDomain: `${simulator.shopDomain}`,
      accessToken: simulator.accessToken,
      baseUrl: simulator.baseUrl,
    });
    simulator.resetStats();
    let discovered = 0;
    const window = updatedWindowQuery({
      updatedFrom: started,
      updatedTo: new Date(Date.now() + 1000).toISOString(),
    });
    for await (const page of discoverOrderPages(client, window)) discovered += page.nodes.length;
    for (const orderId of orderIds) await fetchOrderForImport(client, orderId);
    const stats = simulator.stats();
    console.log(
      `lines=${lines} requests_per_order=${(stats.requests / orderIds.length).toFixed(2)} ` +
        `cost_per_order=${(stats.actualCost / orderIds.length).toFixed(1)} ` +
        `requested_per_order=${(stats.requestedCost / orderIds.length).toFixed(1)} discovered=${discovered}`,
    );
  }
} finally {
  await simulator.stop();
}
