import { startShopifySimulator, type RunningSimulator, type ShopifySimulatorOptions } from '../../simulator';

export interface GraphqlAnswer<TData = Record<string, unknown>> {
  status: number;
  body: {
    data?: TData;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
    extensions?: {
      cost?: {
        requestedQueryCost: number;
        actualQueryCost: number | null;
        throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
      };
      search?: unknown[];
    };
  };
  headers: Headers;
}

/** Plain fetch against a simulator, as the connector's client would send it. */
export async function gql<TData = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  simulator: RunningSimulator,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; url?: string; operationName?: string } = {},
): Promise<GraphqlAnswer<TData>> {
  const response = await fetch(options.url ?? simulator.graphqlUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Access-Token': options.token ?? simulator.accessToken,
    },
    body: JSON.stringify({
      query,
      variables,
      ...(options.operationName ? { operationName: options.operationName } : {}),
    }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** gql that fails the test on any GraphQL error and returns data. */
export async function gqlData<TData = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  simulator: RunningSimulator,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<TData> {
  const answer = await gql<TData>(simulator, query, variables);
  if (answer.status !== 200 || answer.body.errors) {
    throw new Error(
      `GraphQL failed (${answer.status}): ${JSON.stringify(answer.body.errors ?? answer.body)}`,
    );
  }
  return answer.body.data as TData;
}

export async function startTestSimulator(options: ShopifySimulatorOptions = {}): Promise<RunningSimulator> {
  return startShopifySimulator({ throttle: 'unthrottled', ...options });
}

export const ORDER_CREATE = /* GraphQL */ `
  mutation CreateOrder($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
    orderCreate(order: $order, options: $options) {
      order {
        id
        name
        legacyResourceId
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export function usd(amount: string) {
  return { shopMoney: { amount, currencyCode: 'USD' } };
}

/** Seeds two products (a shirt with two variants, a mug) and returns their variant ids. */
export function seedCatalog(simulator: RunningSimulator) {
  const shirt = simulator.store.addProduct({
    title: 'T-Shirt',
    vendor: 'Acme',
    variants: [
      { title: 'M', sku: 'TSHIRT-M', barcode: '1000001', price: '20.00' },
      { title: 'L', sku: 'TSHIRT-L', barcode: '1000002', price: '22.00' },
    ],
  });
  const mug = simulator.store.addProduct({ title: 'Mug', variants: [{ sku: 'MUG', price: '8.50' }] });
  const giftCard = simulator.store.addProduct({
    title: 'Gift card',
    isGiftCard: true,
    variants: [{ sku: 'GC-25', price: '25.00' }],
  });
  const [shirtM, shirtL] = shirt.sim.variantIds;
  return {
    shirtM: shirtM!,
    shirtL: shirtL!,
    mug: mug.sim.variantIds[0]!,
    giftCard: giftCard.sim.variantIds[0]!,
    shirtProduct: shirt.id,
  };
}

/** Creates an order through the real mutation and returns its id (throws on userErrors). */
export async function createOrder(
  simulator: RunningSimulator,
  order: Record<string, unknown>,
): Promise<string> {
  const data = await gqlData<{ orderCreate: { order: { id: string } | null; userErrors: unknown[] } }>(
    simulator,
    ORDER_CREATE,
    { order },
  );
  if (!data.orderCreate.order)
    throw new Error(`orderCreate failed: ${JSON.stringify(data.orderCreate.userErrors)}`);
  return data.orderCreate.order.id;
}
