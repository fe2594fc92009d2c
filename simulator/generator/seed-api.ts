/**
 * The only door to the simulator's direct seeding API. Shopify has no Admin mutation for a shop's
 * currency or its enabled presentment currencies (they are set in the admin), so a scenario that
 * needs them asks the simulator here. Locations, products and customers go through it only when the
 * target answers their Admin mutation with an empty payload, which is how the simulator marks a
 * mutation it does not implement; against a real store every one of them is an Admin mutation.
 * The same holds for an order's risk assessment (orderRiskAssessmentCreate).
 *
 * The shapes below are structural, matching the simulator's ShopStore methods without importing its
 * internals, so the generator keeps compiling while the simulator evolves.
 */

export interface SeedShopSettings {
  name?: string;
  currencyCode?: string;
  enabledPresentmentCurrencies?: string[];
  taxesIncluded?: boolean;
}

export interface SeedLocation {
  name: string;
  address1?: string;
  city?: string;
  provinceCode?: string;
  countryCode?: string;
  zip?: string;
  phone?: string;
  fulfillsOnlineOrders?: boolean;
}

export interface SeedVariant {
  title?: string;
  sku?: string | null;
  barcode?: string | null;
  price: string;
  requiresShipping?: boolean;
  inventoryQuantity?: number;
}

export interface SeedProduct {
  title: string;
  vendor?: string;
  productType?: string;
  isGiftCard?: boolean;
  variants?: SeedVariant[];
}

export interface SeedCustomer {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[];
  address?: {
    address1?: string;
    address2?: string;
    city?: string;
    provinceCode?: string;
    countryCode?: string;
    zip?: string;
    company?: string;
    phone?: string;
  } | null;
}

/** What the generator may call on the simulator's store (its ShopStore satisfies this). */
export interface StoreSeedApi {
  setShop(settings: SeedShopSettings): unknown;
  /** Shop-to-presentment rates the simulator uses when an input gives only shop money. */
  readonly presentmentRates?: Record<string, string>;
  addLocation?(input: SeedLocation): { id: string };
  addProduct?(input: SeedProduct): { id: string };
  addVariant?(productId: string, input: SeedVariant): { id: string };
  addCustomer?(input: SeedCustomer): { id: string };
  setOrderRisk?(orderId: string, riskLevel: 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE'): unknown;
}

export type SeedMethod = 'addLocation' | 'addProduct' | 'addVariant' | 'addCustomer' | 'setOrderRisk';

/** The seeding method, or an error saying the target supports neither it nor the Admin mutation. */
export function seedMethod<M extends SeedMethod>(
  seedApi: StoreSeedApi | undefined,
  method: M,
  mutation: string,
): NonNullable<StoreSeedApi[M]> {
  const found = seedApi?.[method];
  if (!found) {
    throw new Error(
      `The target answered ${mutation} with an empty payload (not implemented) and no seedApi.${method} was given: ` +
        `pass the simulator's store as target.seedApi, or implement ${mutation} in the simulator.`,
    );
  }
  return found.bind(seedApi) as NonNullable<StoreSeedApi[M]>;
}

/** Shop currency, presentment currencies, tax model and the rates behind shop-money-only inputs. */
export function seedShopSettings(
  seedApi: StoreSeedApi,
  settings: SeedShopSettings,
  presentmentRates: Readonly<Record<string, string>>,
): void {
  seedApi.setShop(settings);
  if (seedApi.presentmentRates) Object.assign(seedApi.presentmentRates, presentmentRates);
}

export function seedLocation(seedApi: StoreSeedApi | undefined, location: SeedLocation): string {
  return seedMethod(seedApi, 'addLocation', 'locationAdd')(location).id;
}

/** A product and its variants; returns the variant ids in input order. */
export function seedProduct(
  seedApi: StoreSeedApi | undefined,
  product: Omit<SeedProduct, 'variants'>,
  variants: readonly SeedVariant[],
): { productId: string; variantIds: string[] } {
  const addProduct = seedMethod(seedApi, 'addProduct', 'productCreate');
  const addVariant = seedMethod(seedApi, 'addVariant', 'productVariantsBulkCreate');
  // An empty variant list keeps the simulator from inventing a default variant.
  const productId = addProduct({ ...product, variants: [] }).id;
  return { productId, variantIds: variants.map((variant) => addVariant(productId, variant).id) };
}

export function seedCustomer(seedApi: StoreSeedApi | undefined, customer: SeedCustomer): string {
  return seedMethod(seedApi, 'addCustomer', 'customerSet')(customer).id;
}

export function seedOrderRisk(
  seedApi: StoreSeedApi | undefined,
  orderId: string,
  riskLevel: 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE',
): void {
  seedMethod(seedApi, 'setOrderRisk', 'orderRiskAssessmentCreate')(orderId, riskLevel);
}
