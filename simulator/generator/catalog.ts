import type { MoneyAmount } from '../money';
import type { AddressPlan, LocationRole, ShopPlan } from './store-plan';

export interface GeneratedLocation {
  role: LocationRole;
  id: string;
  name: string;
  fulfillsOnlineOrders: boolean;
}

/** How a variant can be recognised by an ERP: SKU, barcode, both, or neither (mapping by id only). */
export type VariantIdentifiers = 'skuAndBarcode' | 'skuOnly' | 'barcodeOnly' | 'none';

export interface GeneratedVariant {
  key: string;
  id: string;
  productId: string;
  productTitle: string;
  /** The option value ("M", "Olive"), which Shopify shows as the variant title. */
  title: string;
  vendor: string;
  sku: string | null;
  barcode: string | null;
  identifiers: VariantIdentifiers;
  /** Shop currency. */
  price: MoneyAmount;
  giftCard: boolean;
  /** Location roles holding stock of it. */
  stockedAt: LocationRole[];
}

export interface GeneratedCustomer {
  key: string;
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  countryCode: string;
  addresses: AddressPlan[];
}

export interface GeneratedGiftCard {
  key: string;
  /** null when the target could not issue gift cards; payments then carry only the gateway. */
  id: string | null;
  code: string;
  initialValue: MoneyAmount;
}

/** The store's fixed data once it exists in Shopify: what orders are built from. */
export interface GeneratedCatalog {
  shop: ShopPlan & { shopDomain: string };
  locations: GeneratedLocation[];
  variants: GeneratedVariant[];
  customers: GeneratedCustomer[];
  giftCards: GeneratedGiftCard[];
}

export function identifiersOf(variant: { sku: string | null; barcode: string | null }): VariantIdentifiers {
  if (variant.sku && variant.barcode) return 'skuAndBarcode';
  if (variant.sku) return 'skuOnly';
  if (variant.barcode) return 'barcodeOnly';
  return 'none';
}

export function locationByRole(catalog: GeneratedCatalog, role: LocationRole): GeneratedLocation {
  const location = catalog.locations.find((candidate) => candidate.role === role);
  if (!location) throw new Error(`The generated store has no ${role} location.`);
  return location;
}
