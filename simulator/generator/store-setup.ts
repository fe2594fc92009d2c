import { adminClientFor, assertNoUserErrors, ScenarioError, type ShopifyTarget } from './admin-client';
import {
  identifiersOf,
  type GeneratedCatalog,
  type GeneratedCustomer,
  type GeneratedGiftCard,
  type GeneratedLocation,
  type GeneratedVariant,
} from './catalog';
import { mapWithConcurrency } from '../../platform/concurrency';
import {
  ScenarioCustomerSetDocument,
  ScenarioGiftCardCreateDocument,
  ScenarioLocationAddDocument,
  ScenarioProductCreateDocument,
  ScenarioProductVariantsBulkCreateDocument,
  type CountryCode,
  type ProductVariantsBulkInput,
} from './generated/graphql';
import { exchangeRate } from '../money';
import { asCurrencyCode, mailingAddressInput } from './order-create-input';
import { seedCustomer, seedLocation, seedProduct, seedShopSettings } from './seed-api';
import { loadShopProfile, rememberShopProfile, type ShopProfile } from './shop-profile';
import type {
  CustomerPlan,
  GiftCardPlan,
  LocationPlan,
  LocationRole,
  ProductPlan,
  StorePlan,
} from './store-plan';

/**
 * Writes a planned store's fixed data (shop settings, locations, products, customers, gift cards)
 * to the target with Admin mutations, falling back to the simulator's seeding API only where the
 * target leaves a mutation unimplemented. Locations and products go one at a time, so a fresh
 * simulator gives them the same ids for the same seed; customers and gift cards run in parallel.
 */
export async function setUpStore(
  target: ShopifyTarget,
  plan: StorePlan,
  options: { concurrency: number },
): Promise<GeneratedCatalog> {
  const profile = await configureShop(target, plan);
  const locations: GeneratedLocation[] = [];
  for (const location of plan.locations) locations.push(await ensureLocation(target, profile, location));
  const locationIds = new Map(locations.map((location) => [location.role, location.id]));
  const variants: GeneratedVariant[] = [];
  for (const product of plan.products) variants.push(...(await createProduct(target, product, locationIds)));
  const customers = await mapWithConcurrency(plan.customers, options.concurrency, (customer) =>
    upsertCustomer(target, customer),
  );
  const giftCards = await mapWithConcurrency(plan.giftCards, options.concurrency, (card) =>
    issueGiftCard(target, card, plan.shop.currencyCode),
  );
  return {
    shop: { ...plan.shop, shopDomain: profile.shopDomain },
    locations,
    variants,
    customers,
    giftCards,
  };
}

/** Shop currency and presentment currencies: set through the seeding API, or checked on a real store. */
async function configureShop(target: ShopifyTarget, plan: StorePlan): Promise<ShopProfile> {
  const shop = plan.shop;
  if (target.seedApi) {
    const rates = Object.fromEntries(
      shop.presentmentCurrencies.map((code) => [code, exchangeRate(shop.currencyCode, code).toString()]),
    );
    seedShopSettings(
      target.seedApi,
      {
        name: shop.name,
        currencyCode: shop.currencyCode,
        enabledPresentmentCurrencies: shop.presentmentCurrencies,
        taxesIncluded: shop.taxesIncluded,
      },
      rates,
    );
  }
  const actual = await loadShopProfile(target, { refresh: true });
  if (actual.shopCurrency !== shop.currencyCode) {
    throw new ScenarioError(
      `The target shop sells in ${actual.shopCurrency} but the scenario asks for ${shop.currencyCode}: ` +
        `pass currencyCode ${actual.shopCurrency}, or give target.seedApi so the simulator can switch currency.`,
    );
  }
  const missing = shop.presentmentCurrencies.filter(
    (code) => !actual.enabledPresentmentCurrencies.includes(code),
  );
  if (missing.length > 0) {
    throw new ScenarioError(
      `The target shop does not offer ${missing.join(', ')} to customers: enable them in Shopify Markets, ` +
        `or pass presentmentCurrencies limited to ${actual.enabledPresentmentCurrencies.join(', ')}.`,
    );
  }
  const profile: ShopProfile = {
    ...actual,
    taxRate: shop.taxRate,
    taxTitle: shop.taxTitle,
    taxesIncluded: shop.taxesIncluded,
  };
  rememberShopProfile(target, profile);
  return profile;
}

async function ensureLocation(
  target: ShopifyTarget,
  profile: ShopProfile,
  plan: LocationPlan,
): Promise<GeneratedLocation> {
  // Re-running a scenario on a real store reuses its locations instead of adding twins.
  const existing = profile.locations.find((location) => location.name === plan.name && location.isActive);
  if (existing)
    return {
      role: plan.role,
      id: existing.id,
      name: existing.name,
      fulfillsOnlineOrders: existing.fulfillsOnlineOrders,
    };
  const result = await adminClientFor(target).request(ScenarioLocationAddDocument, {
    input: {
      name: plan.name,
      fulfillsOnlineOrders: plan.fulfillsOnlineOrders,
      address: {
        address1: plan.address.address1,
        city: plan.address.city,
        zip: plan.address.zip,
        ...(plan.address.provinceCode ? { provinceCode: plan.address.provinceCode } : {}),
        countryCode: plan.address.countryCode as CountryCode,
        ...(plan.address.phone ? { phone: plan.address.phone } : {}),
      },
    },
  });
  if (!result.locationAdd) {
    const id = seedLocation(target.seedApi, {
      name: plan.name,
      ...plan.address,
      fulfillsOnlineOrders: plan.fulfillsOnlineOrders,
    });
    return { role: plan.role, id, name: plan.name, fulfillsOnlineOrders: plan.fulfillsOnlineOrders };
  }
  assertNoUserErrors('locationAdd', `location "${plan.name}"`, result.locationAdd.userErrors);
  const location = result.locationAdd.location;
  if (!location) throw new ScenarioError(`locationAdd for "${plan.name}" returned no location.`);
  return {
    role: plan.role,
    id: location.id,
    name: location.name,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
  };
}

async function createProduct(
  target: ShopifyTarget,
  plan: ProductPlan,
  locationIds: Map<LocationRole, string>,
): Promise<GeneratedVariant[]> {
  const client = adminClientFor(target);
  const created = await client.request(ScenarioProductCreateDocument, {
    product: {
      title: plan.title,
      vendor: plan.vendor,
      productType: plan.productType,
      status: 'ACTIVE',
      ...(plan.giftCard ? { giftCard: true } : {}),
      productOptions: [
        { name: plan.optionName, values: plan.variants.map((variant) => ({ name: variant.optionValue })) },
      ],
    },
  });
  let productId: string;
  let variantIds: string[];
  if (!created.productCreate) {
    ({ productId, variantIds } = seedProduct(
      target.seedApi,
      { title: plan.title, vendor: plan.vendor, productType: plan.productType, isGiftCard: plan.giftCard },
      plan.variants.map((variant) => ({
        title: variant.optionValue,
        sku: variant.sku,
        barcode: variant.barcode,
        price: variant.price,
        requiresShipping: !plan.giftCard,
        inventoryQuantity: Object.values(variant.stock).reduce((sum, units) => sum + units, 0),
      })),
    ));
  } else {
    assertNoUserErrors('productCreate', `product "${plan.title}"`, created.productCreate.userErrors);
    const product = created.productCreate.product;
    if (!product) throw new ScenarioError(`productCreate for "${plan.title}" returned no product.`);
    productId = product.id;
    variantIds = await createVariants(target, plan, productId, locationIds);
  }
  return plan.variants.map((variant, index) => ({
    key: variant.key,
    id: variantIds[index]!,
    productId,
    productTitle: plan.title,
    title: variant.optionValue,
    vendor: plan.vendor,
    sku: variant.sku,
    barcode: variant.barcode,
    identifiers: identifiersOf(variant),
    price: variant.price,
    giftCard: plan.giftCard,
    stockedAt: Object.keys(variant.stock) as LocationRole[],
  }));
}

async function createVariants(
  target: ShopifyTarget,
  plan: ProductPlan,
  productId: string,
  locationIds: Map<LocationRole, string>,
): Promise<string[]> {
  const variants: ProductVariantsBulkInput[] = plan.variants.map((variant) => ({
    optionValues: [{ optionName: plan.optionName, name: variant.optionValue }],
    price: variant.price,
    ...(variant.barcode ? { barcode: variant.barcode } : {}),
    inventoryItem: {
      ...(variant.sku ? { sku: variant.sku } : {}),
      tracked: !plan.giftCard,
      requiresShipping: !plan.giftCard,
    },
    inventoryQuantities: Object.entries(variant.stock).map(([role, units]) => ({
      locationId: locationIds.get(role as LocationRole)!,
      availableQuantity: units,
    })),
  }));
  const result = await adminClientFor(target).request(ScenarioProductVariantsBulkCreateDocument, {
    productId,
    variants,
    strategy: 'REMOVE_STANDALONE_VARIANT',
  });
  const payload = result.productVariantsBulkCreate;
  if (!payload) {
    throw new ScenarioError(
      `The target created product "${plan.title}" but left productVariantsBulkCreate unimplemented: implement both, or neither.`,
    );
  }
  assertNoUserErrors('productVariantsBulkCreate', `product "${plan.title}"`, payload.userErrors);
  const created = payload.productVariants ?? [];
  // Variants come back in input order; check it rather than trust it, since ids are matched by position.
  return plan.variants.map((variant, index) => {
    const match = created[index];
    if (!match || (variant.sku && match.sku !== variant.sku)) {
      throw new ScenarioError(
        `productVariantsBulkCreate for "${plan.title}" did not return variant ${variant.key} in position ${index + 1}.`,
      );
    }
    return match.id;
  });
}

async function upsertCustomer(target: ShopifyTarget, plan: CustomerPlan): Promise<GeneratedCustomer> {
  const result = await adminClientFor(target).request(ScenarioCustomerSetDocument, {
    identifier: { email: plan.email },
    input: {
      email: plan.email,
      firstName: plan.firstName,
      lastName: plan.lastName,
      ...(plan.phone ? { phone: plan.phone } : {}),
      ...(plan.tags.length > 0 ? { tags: plan.tags } : {}),
      ...(plan.addresses.length > 0 ? { addresses: plan.addresses.map(mailingAddressInput) } : {}),
    },
  });
  let id: string;
  if (!result.customerSet) {
    const address = plan.addresses[0];
    id = seedCustomer(target.seedApi, {
      firstName: plan.firstName,
      lastName: plan.lastName,
      email: plan.email,
      phone: plan.phone ?? null,
      tags: plan.tags,
      address: address ? { ...address } : null,
    });
  } else {
    assertNoUserErrors('customerSet', `customer ${plan.email}`, result.customerSet.userErrors);
    const customer = result.customerSet.customer;
    if (!customer) throw new ScenarioError(`customerSet for ${plan.email} returned no customer.`);
    id = customer.id;
  }
  return {
    key: plan.key,
    id,
    email: plan.email,
    firstName: plan.firstName,
    lastName: plan.lastName,
    phone: plan.phone ?? null,
    countryCode: plan.countryCode,
    addresses: plan.addresses,
  };
}

async function issueGiftCard(
  target: ShopifyTarget,
  plan: GiftCardPlan,
  currencyCode: string,
): Promise<GeneratedGiftCard> {
  const result = await adminClientFor(target).request(ScenarioGiftCardCreateDocument, {
    input: {
      code: plan.code,
      initialAmount: { amount: plan.initialValue, currencyCode: asCurrencyCode(currencyCode) },
      note: 'Issued by the scenario generator',
    },
  });
  // Without giftCardCreate the cards still pay orders; their transactions just carry no card id.
  if (!result.giftCardCreate)
    return { key: plan.key, id: null, code: plan.code, initialValue: plan.initialValue };
  assertNoUserErrors('giftCardCreate', `gift card ${plan.key}`, result.giftCardCreate.userErrors);
  return {
    key: plan.key,
    id: result.giftCardCreate.giftCard?.id ?? null,
    code: plan.code,
    initialValue: plan.initialValue,
  };
}
