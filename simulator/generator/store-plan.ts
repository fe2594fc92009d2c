import Decimal from 'decimal.js';
import { convertMoney, formatMoney, SUPPORTED_CURRENCIES, type MoneyAmount } from '../money';
import { SeededRandom } from './prng';
import {
  COUNTRY_PROFILES,
  CUSTOMER_COUNTRY_WEIGHTS,
  FIRST_NAMES,
  GIFT_CARD_DENOMINATIONS_USD,
  HOME_COUNTRY_BY_CURRENCY,
  LAST_NAMES,
  PRODUCT_TEMPLATES,
  type ProductTemplate,
  type CountryProfile,
} from './reference-data';

/** warehouse ships web orders, retail is the shop's own store (POS), thirdParty is an outsourced 3PL. */
export type LocationRole = 'warehouse' | 'retail' | 'thirdParty';

export interface AddressPlan {
  firstName: string;
  lastName: string;
  company?: string;
  address1: string;
  address2?: string;
  city: string;
  zip: string;
  provinceCode?: string;
  countryCode: string;
  phone?: string;
}

export interface ShopPlan {
  name: string;
  currencyCode: string;
  /** Currencies customers may pay in, the shop currency included. */
  presentmentCurrencies: string[];
  countryCode: string;
  taxTitle: string;
  taxRate: string;
  taxesIncluded: boolean;
}

export interface LocationPlan {
  role: LocationRole;
  name: string;
  fulfillsOnlineOrders: boolean;
  address: Omit<AddressPlan, 'firstName' | 'lastName'>;
}

export interface VariantPlan {
  /** Stable within a seed, e.g. "MER-CREW/M"; used to refer to a variant before it has an id. */
  key: string;
  optionValue: string;
  /** Price in the shop currency. */
  price: MoneyAmount;
  sku: string | null;
  barcode: string | null;
  /** Units on hand per location role; absent roles do not stock the variant. */
  stock: Partial<Record<LocationRole, number>>;
}

export interface ProductPlan {
  key: string;
  title: string;
  productType: string;
  vendor: string;
  optionName: string;
  giftCard: boolean;
  variants: VariantPlan[];
}

export interface CustomerPlan {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  countryCode: string;
  /** Empty for customers who only ever bought in the shop (POS) or a gift card. */
  addresses: AddressPlan[];
  tags: string[];
}

export interface GiftCardPlan {
  key: string;
  code: string;
  initialValue: MoneyAmount;
}

export interface StorePlan {
  seed: number;
  shop: ShopPlan;
  locations: LocationPlan[];
  products: ProductPlan[];
  customers: CustomerPlan[];
  giftCards: GiftCardPlan[];
}

export interface StorePlanOptions {
  seed: number;
  /** Orders the store will get; sizes the customer base. */
  orders: number;
  currencyCode?: string;
  presentmentCurrencies?: string[];
  /** Products besides the gift card (default: one per template); more repeat the templates as numbered lines. */
  products?: number;
}

/** Extra presentment currencies a shop enables, by shop currency. */
const DEFAULT_PRESENTMENT_CURRENCIES: Readonly<Record<string, string[]>> = {
  USD: ['EUR', 'GBP', 'CAD'],
  EUR: ['USD', 'GBP', 'SEK'],
  GBP: ['EUR', 'USD'],
  CAD: ['USD'],
  NOK: ['EUR', 'SEK', 'DKK'],
  SEK: ['EUR', 'NOK'],
  DKK: ['EUR', 'SEK'],
  AUD: ['USD'],
  CHF: ['EUR'],
};

const LOCATION_NAMES: Readonly<Record<LocationRole, string>> = {
  warehouse: 'Central Warehouse',
  retail: 'Flagship Store',
  thirdParty: 'NorthStar 3PL',
};

/** Builds the whole store (no orders) from a seed; no I/O, so it is cheap to compare plans. */
export function planStore(options: StorePlanOptions): StorePlan {
  const random = new SeededRandom(options.seed);
  const shop = planShop(options);
  const home = COUNTRY_PROFILES[shop.countryCode] as CountryProfile;
  const locations = planLocations(random.fork('locations'), home);
  const products = planProducts(random.fork('products'), shop.currencyCode, options.products);
  const customerCount = Math.min(400, Math.max(24, Math.ceil(options.orders / 4)));
  const customers = planCustomers(random.fork('customers'), customerCount, shop.countryCode);
  const giftCards = planGiftCards(
    random.fork('gift-cards'),
    shop.currencyCode,
    Math.min(40, Math.max(8, options.orders / 20)),
  );
  return { seed: options.seed, shop, locations, products, customers, giftCards };
}

function planShop(options: StorePlanOptions): ShopPlan {
  const currencyCode = options.currencyCode ?? 'USD';
  const countryCode = HOME_COUNTRY_BY_CURRENCY[currencyCode];
  if (!countryCode) {
    throw new Error(
      `Shop currency ${currencyCode} is not supported by the generator: use one of ${SUPPORTED_CURRENCIES.join(', ')}.`,
    );
  }
  const extra = options.presentmentCurrencies ?? DEFAULT_PRESENTMENT_CURRENCIES[currencyCode] ?? [];
  for (const code of extra) {
    if (!SUPPORTED_CURRENCIES.includes(code)) {
      throw new Error(
        `Presentment currency ${code} is not supported by the generator: use one of ${SUPPORTED_CURRENCIES.join(', ')}.`,
      );
    }
  }
  const profile = COUNTRY_PROFILES[countryCode] as CountryProfile;
  return {
    name: `Fjordline Outfitters ${countryCode} #${options.seed}`,
    currencyCode,
    presentmentCurrencies: [currencyCode, ...extra.filter((code) => code !== currencyCode)],
    countryCode,
    taxTitle: profile.taxTitle,
    taxRate: profile.taxRate,
    taxesIncluded: profile.taxesIncluded,
  };
}

function planLocations(random: SeededRandom, home: CountryProfile): LocationPlan[] {
  const roles: LocationRole[] = ['warehouse', 'retail', 'thirdParty'];
  return roles.map((role) => {
    const place = random.pick(home.cities);
    return {
      role,
      name: LOCATION_NAMES[role],
      // The retail store only sells over the counter; online orders ship from the warehouse or the 3PL.
      fulfillsOnlineOrders: role !== 'retail',
      address: {
        address1: `${random.int(1, 180)} ${random.pick(home.streets)}`,
        city: place.city,
        zip: place.zip,
        ...(place.provinceCode ? { provinceCode: place.provinceCode } : {}),
        countryCode: home.countryCode,
        phone: `${home.phonePrefix}${random.digits(4)}`,
      },
    };
  });
}

/** EAN-13 with a valid check digit: ERPs and scanners reject barcodes whose check digit is wrong. */
export function ean13(twelveDigits: string): string {
  const sum = [...twelveDigits].reduce(
    (total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3),
    0,
  );
  return `${twelveDigits}${(10 - (sum % 10)) % 10}`;
}

type IdentifierKind = 'skuAndBarcode' | 'skuOnly' | 'barcodeOnly' | 'none';

/** The templates to build `count` products from: each in turn, numbered from its second round on. */
function productTemplates(count: number): { template: ProductTemplate; skuStem: string; title: string }[] {
  return Array.from({ length: count }, (_, index) => {
    const template = PRODUCT_TEMPLATES[index % PRODUCT_TEMPLATES.length]!;
    const round = Math.floor(index / PRODUCT_TEMPLATES.length) + 1;
    return round === 1
      ? { template, skuStem: template.skuStem, title: template.title }
      : { template, skuStem: `${template.skuStem}${round}`, title: `${template.title} ${round}` };
  });
}

function planProducts(
  random: SeededRandom,
  currencyCode: string,
  count = PRODUCT_TEMPLATES.length,
): ProductPlan[] {
  const products: ProductPlan[] = productTemplates(count).map(({ template, skuStem, title }) => ({
    key: skuStem,
    title,
    productType: template.productType,
    vendor: template.vendor,
    optionName: template.optionName,
    giftCard: false,
    variants: template.optionValues.map((optionValue, index) => {
      // Bigger sizes cost a little more, as they often do.
      const priceUsd = new Decimal(template.basePriceUsd).times(
        new Decimal(1).plus(new Decimal(index).times('0.02')),
      );
      return {
        key: `${skuStem}/${optionValue}`,
        optionValue,
        price: formatMoney(
          convertMoney(priceUsd, 'USD', currencyCode).toDecimalPlaces(0, Decimal.ROUND_UP).minus('0.05'),
        ),
        sku: `${skuStem}-${optionValue.toUpperCase().replace(/[^A-Z0-9]+/g, '')}`,
        barcode: null,
        stock: {},
      };
    }),
  }));

  const variants = products.flatMap((product) => product.variants);
  // Most variants carry both identifiers; a deterministic handful lack one or both, because item
  // mapping by SKU with a barcode fallback must be exercised on every seed.
  const kinds = new Map<VariantPlan, IdentifierKind>();
  const [noneA, noneB, barcodeA, barcodeB, barcodeC, skuOnlyA] = random.sample(variants, 6);
  for (const variant of [noneA, noneB]) if (variant) kinds.set(variant, 'none');
  for (const variant of [barcodeA, barcodeB, barcodeC]) if (variant) kinds.set(variant, 'barcodeOnly');
  if (skuOnlyA) kinds.set(skuOnlyA, 'skuOnly');
  for (const variant of variants) {
    const kind =
      kinds.get(variant) ??
      random.weighted<IdentifierKind>({ skuAndBarcode: 88, skuOnly: 8, barcodeOnly: 2, none: 2 });
    const barcode = ean13(`${random.int(400, 440)}${random.digits(9)}`);
    variant.barcode = kind === 'skuAndBarcode' || kind === 'barcodeOnly' ? barcode : null;
    if (kind === 'barcodeOnly' || kind === 'none') variant.sku = null;
    variant.stock = planStock(random);
  }

  const denominations = GIFT_CARD_DENOMINATIONS_USD.map((amount) =>
    formatMoney(convertMoney(amount, 'USD', currencyCode).toDecimalPlaces(0, Decimal.ROUND_HALF_UP)),
  );
  products.push({
    key: 'GIFT-CARD',
    title: 'Gift Card',
    productType: 'Gift Card',
    vendor: 'Fjordline Outfitters',
    optionName: 'Denomination',
    giftCard: true,
    variants: denominations.map((price) => ({
      key: `GIFT-CARD/${price}`,
      optionValue: price,
      price,
      // Gift cards are digital: no SKU, no barcode, no stock.
      sku: null,
      barcode: null,
      stock: {},
    })),
  });
  return products;
}

function planStock(random: SeededRandom): Partial<Record<LocationRole, number>> {
  const placement = random.weighted({
    warehouseAndStore: 55,
    warehouseOnly: 20,
    thirdPartyOnly: 15,
    everywhere: 10,
  });
  const units = () => random.int(5, 400);
  switch (placement) {
    case 'warehouseAndStore':
      return { warehouse: units(), retail: units() };
    case 'warehouseOnly':
      return { warehouse: units() };
    case 'thirdPartyOnly':
      return { thirdParty: units() };
    case 'everywhere':
      return { warehouse: units(), retail: units(), thirdParty: units() };
  }
}

function asciiHandle(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

function planCustomers(random: SeededRandom, count: number, homeCountry: string): CustomerPlan[] {
  const weights = {
    ...CUSTOMER_COUNTRY_WEIGHTS,
    [homeCountry]: (CUSTOMER_COUNTRY_WEIGHTS[homeCountry] ?? 0) + 40,
  };
  const customers: CustomerPlan[] = [];
  for (let index = 0; index < count; index += 1) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const countryCode = random.weighted(weights);
    const profile = COUNTRY_PROFILES[countryCode] as CountryProfile;
    // Every fifth customer has no address: a walk-in POS buyer or a gift card purchaser.
    const addressCount = index % 5 === 4 ? 0 : random.weighted({ one: 80, two: 20 }) === 'one' ? 1 : 2;
    const phone = random.chance(0.6) ? `${profile.phonePrefix}${random.digits(4)}` : undefined;
    const addresses: AddressPlan[] = [];
    for (let addressIndex = 0; addressIndex < addressCount; addressIndex += 1) {
      const place = random.pick(profile.cities);
      addresses.push({
        firstName,
        lastName,
        ...(random.chance(0.12)
          ? { company: `${lastName} ${random.pick(['AS', 'GmbH', 'Ltd', 'LLC', 'BV'])}` }
          : {}),
        address1: `${random.int(1, 240)} ${random.pick(profile.streets)}`,
        ...(random.chance(0.2) ? { address2: `Apt ${random.int(1, 60)}` } : {}),
        city: place.city,
        zip: place.zip,
        ...(place.provinceCode ? { provinceCode: place.provinceCode } : {}),
        countryCode,
        ...(phone ? { phone } : {}),
      });
    }
    customers.push({
      key: `C${String(index + 1).padStart(4, '0')}`,
      firstName,
      lastName,
      email: `${asciiHandle(firstName)}.${asciiHandle(lastName)}.${index + 1}@example.com`,
      ...(phone ? { phone } : {}),
      countryCode,
      addresses,
      tags: random.chance(0.15) ? [random.pick(['VIP', 'wholesale', 'Newsletter'])] : [],
    });
  }
  return customers;
}

function planGiftCards(random: SeededRandom, currencyCode: string, count: number): GiftCardPlan[] {
  const cards: GiftCardPlan[] = [];
  for (let index = 0; index < Math.floor(count); index += 1) {
    const valueUsd = random.pick(['50.00', '100.00', '150.00']);
    cards.push({
      key: `G${String(index + 1).padStart(3, '0')}`,
      // Shopify gift card codes are 8-20 alphanumerics; the customer sees the last four.
      code: `FJRD${random.digits(4)}${String.fromCharCode(65 + random.int(0, 25))}${random.digits(3)}`,
      initialValue: formatMoney(
        convertMoney(valueUsd, 'USD', currencyCode).toDecimalPlaces(0, Decimal.ROUND_HALF_UP),
      ),
    });
  }
  return cards;
}
