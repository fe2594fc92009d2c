import { adminClientFor, type ShopifyTarget } from './admin-client';
import { ScenarioShopProfileDocument } from './generated/graphql';
import type { OrderShopContext } from './order-create-input';
import { COUNTRY_PROFILES } from './reference-data';

export interface ShopLocation {
  id: string;
  name: string;
  fulfillsOnlineOrders: boolean;
  isActive: boolean;
}

/** What scenario helpers need to know about the shop before they write orders to it. */
export interface ShopProfile extends OrderShopContext {
  name: string;
  shopDomain: string;
  enabledPresentmentCurrencies: string[];
  countryCode: string | null;
  locations: ShopLocation[];
}

const profiles = new WeakMap<ShopifyTarget, Promise<ShopProfile>>();

/** The shop's currency, tax model and locations, read once per target (pass refresh after changing them). */
export function loadShopProfile(
  target: ShopifyTarget,
  options: { refresh?: boolean } = {},
): Promise<ShopProfile> {
  let profile = options.refresh ? undefined : profiles.get(target);
  if (!profile) {
    profile = readShopProfile(target);
    profiles.set(target, profile);
    // A failed read must not be remembered: the next call tries again.
    profile.catch(() => profiles.delete(target));
  }
  return profile;
}

async function readShopProfile(target: ShopifyTarget): Promise<ShopProfile> {
  const result = await adminClientFor(target).request(ScenarioShopProfileDocument, {});
  const countryCode = result.shop.shopAddress.countryCodeV2 ?? null;
  // Shopify does not expose a shop's tax rate; the generator uses the standard rate of its country.
  const country = countryCode ? COUNTRY_PROFILES[countryCode] : undefined;
  return {
    name: result.shop.name,
    shopDomain: result.shop.myshopifyDomain,
    shopCurrency: result.shop.currencyCode,
    enabledPresentmentCurrencies: [...result.shop.enabledPresentmentCurrencies],
    taxesIncluded: result.shop.taxesIncluded,
    taxRate: country?.taxRate ?? '0',
    taxTitle: country?.taxTitle ?? 'Tax',
    countryCode,
    locations: result.locations.nodes.map((location) => ({ ...location })),
  };
}

/**
 * Records what a generator has just configured (for instance the tax rate of the shop's country,
 * which the API does not report), so later helpers price orders the same way.
 */
export function rememberShopProfile(target: ShopifyTarget, profile: ShopProfile): void {
  profiles.set(target, Promise.resolve(profile));
}
