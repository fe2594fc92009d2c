import { loadAdminSchema, SHOPIFY_ADMIN_API_VERSION } from '../shopify/schema';
import { SimulatedApp, type SimulatedAppOptions } from './app-auth';
import { systemClock, type SimulatorClock } from './clock';
import { FaultInjector, type FaultSettings } from './faults';
import { BulkOperations, type BulkOperationOptions } from './bulk-operations';
import { createFieldResolver } from './execution';
import { createResolvers } from './resolvers';
import { startGraphqlServer, type SimulatorStats } from './server';
import { ShopStore } from './store';
import { LeakyBucket, PLAN_DISPLAY_NAMES, PLAN_LIMITS, type PlanName, type ThrottleLimits } from './throttle';
import { WebhookDispatcher, type WebhookOptions } from './webhooks';

export { DEFAULT_ACCESS_SCOPES, SimulatedApp, type SimulatedAppOptions } from './app-auth';
export { ManualClock, systemClock, type SimulatorClock } from './clock';
export { FaultInjector, FAULT_KINDS, type FaultKind, type FaultSettings } from './faults';
export {
  ShopStore,
  gid,
  parseGid,
  type NewCustomer,
  type NewLocation,
  type NewProduct,
  type NewVariant,
  type ShopSettings,
} from './store';
export { PLAN_LIMITS, type PlanName, type ThrottleLimits, type ThrottleStatus } from './throttle';
export {
  INVALID_TOKEN_BODY,
  SUPPORTED_API_VERSIONS,
  type OperationStats,
  type SimulatorStats,
} from './server';
export type { WebhookDelivery, WebhookFault, WebhookOptions } from './webhooks';
export {
  parseSearchQuery,
  formatSearchNode,
  SearchSyntaxError,
  type SearchNode,
} from './search/query-parser';
export type * from './records';
export {
  BulkOperations,
  BULK_RESULT_LIFETIME_MS,
  DEFAULT_BULK_OPTIONS,
  type BulkOperationOptions,
} from './bulk-operations';
export { BULK_QUERY_LIMITS } from './bulk-query-rules';

export interface ShopifySimulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** The shop's myshopify domain (default `orderbridge-demo.myshopify.com`). */
  shopDomain?: string;
  /** The legacy static Admin API token requests may carry (default `shpat_simulator`). */
  accessToken?: string;
  /**
   * The installed app: client id and secret for the token endpoint, token lifetimes (tests use
   * seconds), granted access scopes.
   */
  app?: Omit<SimulatedAppOptions, 'staticAccessToken'>;
  /** Plan whose bucket and restore rate apply: basic (default), advanced, plus, enterprise. */
  plan?: PlanName;
  /** Overrides the plan's limits (a small bucket for tests), or turns throttling off (benchmarks). */
  throttle?: ThrottleLimits | 'unthrottled';
  /** Shop currency (default USD). */
  currencyCode?: string;
  /** Presentment currency rates from the shop currency, e.g. `{ EUR: '0.9' }` (missing = 1). */
  presentmentRates?: Record<string, string>;
  /** Time source for timestamps and the leaky bucket (inject `ManualClock` in tests). */
  clock?: SimulatorClock;
  /** Fault injection from the start; change it later through `faults`. */
  faults?: Partial<FaultSettings>;
  /** App secret that signs webhooks (X-Shopify-Hmac-Sha256). */
  webhookSecret?: string;
  /** Webhook retry policy (attempts, backoff); fast values suit tests. */
  webhooks?: Partial<WebhookOptions>;
  /**
   * Create one location ("Shop location") and the General delivery profile (Standard, Express,
   * International Shipping) so orders can be placed at once (default true).
   */
  seedDefaultLocation?: boolean;
  /** Bulk operations: concurrency limit, pace (objects per second), start delay, result lifetime. */
  bulk?: Partial<BulkOperationOptions>;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** baseUrl + /admin/api/2026-10/graphql.json */
  graphqlUrl: string;
  apiVersion: string;
  port: number;
  shopDomain: string;
  accessToken: string;
  webhookSecret: string;
  /** The installed app: `app.revoke()`, `app.accessScopes = [...]`, `app.tokenRequests`, `app.issueOfflineToken()`. */
  app: SimulatedApp;
  /** The shop's data: read it in assertions; seed it with addLocation / addProduct / addCustomer / setShop. */
  store: ShopStore;
  /** Fault injection, changeable at run time: `faults.configure({ rates: { 'server-error': 0.1 } })`, `faults.failNext(2, 'drop')`. */
  faults: FaultInjector;
  /** The cost bucket: `throttle.status()`, `throttle.configure({...})`, `throttle.setAvailable(n)`. */
  throttle: LeakyBucket;
  /** Bulk query operations: `bulk.all()`, `bulk.configure({...})`, `bulk.failNext('TIMEOUT')`, `await bulk.idle()`. */
  bulk: BulkOperations;
  /** Webhook deliveries made so far, and a promise for all pending ones. */
  webhooks: WebhookDispatcher;
  /** Requests, statuses, faults, throttles, and cost by operation name. */
  stats(): SimulatorStats;
  resetStats(): void;
  stop(): Promise<void>;
}

/** Starts one simulated shop on its own port; several can run in one process. */
export async function startShopifySimulator(
  options: ShopifySimulatorOptions = {},
): Promise<RunningSimulator> {
  const schema = loadAdminSchema();
  const clock = options.clock ?? systemClock;
  const plan = options.plan ?? 'basic';
  const shopDomain = options.shopDomain ?? 'orderbridge-demo.myshopify.com';
  const accessToken = options.accessToken ?? 'shpat_simulator';
  const webhookSecret = options.webhookSecret ?? 'simulator-webhook-secret';
  const store = new ShopStore({
    shopDomain,
    currencyCode: options.currencyCode ?? 'USD',
    clock,
    planDisplayName: PLAN_DISPLAY_NAMES[plan],
    shopifyPlus: plan === 'plus' || plan === 'enterprise',
    presentmentRates: options.presentmentRates,
  });
  if (options.seedDefaultLocation ?? true) {
    // The General profile Shopify gives every shop, with the methods a small shop typically offers.
    store.addShippingMethod('Standard', { zone: 'Domestic', countryCodes: ['US'], price: '5.0' });
    store.addShippingMethod('Express', { zone: 'Domestic', countryCodes: ['US'], price: '15.0' });
    store.addShippingMethod('International Shipping', {
      zone: 'International',
      countryCodes: ['CA', 'GB', 'DE', 'NO'],
      price: '25.0',
    });
    store.addLocation({
      name: 'Shop location',
      address1: '1 Main Street',
      city: 'Ottawa',
      provinceCode: 'ON',
      province: 'Ontario',
      country: 'Canada',
      countryCode: 'CA',
      zip: 'K1P 1J1',
    });
  }
  const limits =
    options.throttle && options.throttle !== 'unthrottled' ? options.throttle : PLAN_LIMITS[plan];
  const bucket = new LeakyBucket(limits, clock, options.throttle === 'unthrottled');
  const faults = new FaultInjector(options.faults);
  const app = new SimulatedApp(clock, { ...options.app, staticAccessToken: accessToken });
  const webhooks = new WebhookDispatcher(store, {
    secret: webhookSecret,
    apiVersion: SHOPIFY_ADMIN_API_VERSION,
    ...options.webhooks,
  });
  const resolvers = createResolvers();
  const bulk = new BulkOperations(schema, store, createFieldResolver(resolvers), options.bulk);
  store.bulkOperations = bulk;
  const server = await startGraphqlServer({
    schema,
    resolvers,
    store,
    app,
    bucket,
    faults,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
  });
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const baseUrl = `http://${host}:${server.port}`;
  bulk.baseUrl = baseUrl;
  return {
    baseUrl,
    graphqlUrl: `${baseUrl}/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`,
    apiVersion: SHOPIFY_ADMIN_API_VERSION,
    port: server.port,
    shopDomain,
    accessToken,
    webhookSecret,
    app,
    store,
    faults,
    throttle: bucket,
    webhooks,
    bulk,
    stats: server.stats,
    resetStats: server.resetStats,
    stop: async () => {
      bulk.stop();
      webhooks.stop();
      await server.close();
    },
  };
}
