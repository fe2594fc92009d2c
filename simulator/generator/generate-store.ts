import { performance } from 'node:perf_hooks';
import { adminClientFor, type ShopifyTarget } from './admin-client';
import type { GeneratedCatalog } from './catalog';
import { mapWithConcurrency } from '../../platform/concurrency';
import { createOrder, type GeneratedOrder } from './create-order';
import { resolveOrderMix, type OrderMix } from './order-mix';
import { planOrders, type PlannedOrder } from './order-planner';
import { SUPPORTED_CURRENCIES } from '../money';
import { loadShopProfile } from './shop-profile';
import { setUpStore } from './store-setup';
import { planStore } from './store-plan';

export interface GenerateStoreOptions {
  seed: number;
  orders: number;
  /** The shop currency; by default USD, or a real store's own currency (it cannot be changed there). */
  currencyCode?: string;
  /** Extra currencies customers may pay in (the shop currency is always included); a real store's enabled ones by default. */
  presentmentCurrencies?: string[];
  mix?: Partial<OrderMix>;
  /** Products besides the gift card (default: one per product template, 13). */
  products?: number;
  /** Requests in flight while creating customers and orders (default 8). */
  concurrency?: number;
  onProgress?: (createdOrders: number, totalOrders: number) => void;
}

export interface GeneratedStoreOrder extends GeneratedOrder {
  /** Position in the seed's plan: stable across runs, unlike ids and names (which follow arrival order). */
  index: number;
  lineIdentifiers: PlannedOrder['lineIdentifiers'];
}

export interface GenerationTiming {
  setupMs: number;
  ordersMs: number;
  ordersPerSecond: number;
  /** Admin API requests the whole generation sent. */
  requests: number;
}

export interface GeneratedStore extends GeneratedCatalog {
  seed: number;
  orders: GeneratedStoreOrder[];
  timing: GenerationTiming;
}

/**
 * Builds a realistic store from a seed and fills it with orders, all through Admin API mutations.
 * The same seed plans the same store and the same orders (compare them by `index`); with
 * concurrency 1 a fresh simulator also hands out the same ids and order names.
 */
export async function generateStore(
  target: ShopifyTarget,
  options: GenerateStoreOptions,
): Promise<GeneratedStore> {
  if (!Number.isInteger(options.orders) || options.orders < 0) {
    throw new Error(`orders must be a whole number of at least 0, got ${options.orders}.`);
  }
  const concurrency = options.concurrency ?? 8;
  const mix = resolveOrderMix(options.mix);
  const client = adminClientFor(target);
  const requestsBefore = client.requestCount;
  const setupStarted = performance.now();
  // A real store's currency is fixed in its admin: follow it unless the simulator can switch.
  // A real store's currencies are fixed in its admin: follow them unless the simulator can switch.
  const realShop = target.seedApi ? undefined : await loadShopProfile(target, { refresh: true });
  const presentmentCurrencies =
    options.presentmentCurrencies ??
    realShop?.enabledPresentmentCurrencies.filter((code) => SUPPORTED_CURRENCIES.includes(code));
  const storePlan = planStore({
    seed: options.seed,
    orders: options.orders,
    currencyCode: options.currencyCode ?? realShop?.shopCurrency ?? 'USD',
    ...(presentmentCurrencies ? { presentmentCurrencies } : {}),
    ...(options.products !== undefined ? { products: options.products } : {}),
  });
  const catalog = await setUpStore(target, storePlan, { concurrency });
  const setupMs = performance.now() - setupStarted;

  const planned = planOrders(catalog, { seed: options.seed, orders: options.orders, mix });
  const shopContext = {
    shopCurrency: catalog.shop.currencyCode,
    taxRate: catalog.shop.taxRate,
    taxesIncluded: catalog.shop.taxesIncluded,
    taxTitle: catalog.shop.taxTitle,
  };
  const ordersStarted = performance.now();
  let created = 0;
  const orders = await mapWithConcurrency(planned, concurrency, async (plan) => {
    const order = await createOrder(target, plan.request, shopContext);
    created += 1;
    options.onProgress?.(created, planned.length);
    return {
      ...order,
      index: plan.index,
      traits: { ...order.traits, customer: plan.customerKind },
      lineIdentifiers: plan.lineIdentifiers,
    };
  });
  const ordersMs = performance.now() - ordersStarted;
  return {
    ...catalog,
    seed: options.seed,
    orders,
    timing: {
      setupMs: Math.round(setupMs),
      ordersMs: Math.round(ordersMs),
      ordersPerSecond: ordersMs > 0 ? Math.round((orders.length / ordersMs) * 1000 * 10) / 10 : 0,
      requests: client.requestCount - requestsBefore,
    },
  };
}
