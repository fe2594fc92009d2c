import { randomBytes } from 'node:crypto';
import {
  startShopifySimulator,
  type RunningSimulator,
  type ShopifySimulatorOptions,
} from '../../../simulator';
import {
  createShopifyClient,
  type ShopifyAdminClient,
  type ShopifyClientOptions,
} from '../../../shopify/client';
import { forgetStoreThrottle } from '../../../shopify/throttle';

export interface SimulatedStore {
  simulator: RunningSimulator;
  client: ShopifyAdminClient;
  /** Another client of the same store (same throttle, own counters). */
  newClient(options?: Partial<ShopifyClientOptions>): ShopifyAdminClient;
  stop(): Promise<void>;
}

/**
 * A simulated shop with its own domain (so the process-wide throttle of one test never leaks
 * into another) and a client with fast retries.
 */
export async function startSimulatedStore(
  options: ShopifySimulatorOptions = {},
  clientOptions: Partial<ShopifyClientOptions> = {},
): Promise<SimulatedStore> {
  const shopDomain = `client-test-${randomBytes(4).toString('hex')}.myshopify.com`;
  const simulator = await startShopifySimulator({ throttle: 'unthrottled', shopDomain, ...options });
  const newClient = (overrides: Partial<ShopifyClientOptions> = {}) =>
    createShopifyClient({
      shopDomain: simulator.shopDomain,
      accessToken: simulator.accessToken,
      baseUrl: simulator.baseUrl,
      retry: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 50 },
      ...clientOptions,
      ...overrides,
    });
  return {
    simulator,
    client: newClient(),
    newClient,
    stop: async () => {
      await simulator.stop();
      forgetStoreThrottle(shopDomain);
    },
  };
}

const ORDER_CREATE = /* GraphQL */ `
  mutation SeedOrder($order: OrderCreateOrderInput!) {
    orderCreate(order: $order) {
      order {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** Products with one variant each, priced 10.00; returns their variant ids. */
export function seedVariants(simulator: RunningSimulator, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const product = simulator.store.addProduct({
      title: `Product ${index + 1}`,
      variants: [{ sku: `SKU-${index + 1}`, barcode: `40000${index + 1}`, price: '10.00' }],
    });
    return product.sim.variantIds[0]!;
  });
}

/** Places an order through the real orderCreate mutation (bypassing the client under test). */
export async function placeOrder(
  simulator: RunningSimulator,
  variantIds: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await fetch(simulator.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': simulator.accessToken },
    body: JSON.stringify({
      query: ORDER_CREATE,
      variables: {
        order: {
          currency: 'USD',
          email: 'buyer@example.com',
          lineItems: variantIds.map((variantId) => ({ variantId, quantity: 2 })),
          ...extra,
        },
      },
    }),
  });
  const body = (await response.json()) as {
    data?: { orderCreate: { order: { id: string } | null; userErrors: unknown[] } };
    errors?: unknown;
  };
  const orderId = body.data?.orderCreate.order?.id;
  if (!orderId) throw new Error(`orderCreate failed: ${JSON.stringify(body.errors ?? body.data)}`);
  return orderId;
}
