import { randomBytes } from 'node:crypto';
import { systemClock, type SimulatorClock } from './clock';
import { riskRecommendation } from './order-risk';
import type {
  BulkOperationRecord,
  BulkOperationsService,
  CalculatedOrderRecord,
  DeliveryMethodDefinitionRecord,
  DeliveryProfileRecord,
  CustomerRecord,
  GiftCardRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  ShopRecord,
  VariantRecord,
  WebhookSubscriptionRecord,
} from './records';

/** Object types that get a gid in the simulator, each with its own counter. */
export type GidType =
  | 'Shop'
  | 'BulkOperation'
  | 'Location'
  | 'Product'
  | 'ProductVariant'
  | 'Customer'
  | 'MailingAddress'
  | 'GiftCard'
  | 'Order'
  | 'LineItem'
  | 'ShippingLine'
  | 'OrderTransaction'
  | 'FulfillmentOrder'
  | 'FulfillmentOrderLineItem'
  | 'DeliveryMethod'
  | 'Fulfillment'
  | 'FulfillmentLineItem'
  | 'Refund'
  | 'RefundLineItem'
  | 'RefundShippingLine'
  | 'OrderAdjustment'
  | 'Return'
  | 'ReturnLineItem'
  | 'CalculatedOrder'
  | 'CalculatedLineItem'
  | 'OrderEditSession'
  | 'WebhookSubscription'
  | 'Job'
  | 'DeliveryProfile'
  | 'DeliveryLocationGroup'
  | 'DeliveryZone'
  | 'DeliveryMethodDefinition'
  | 'DeliveryRateDefinition'
  | 'DeliveryCountry';

export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/** Splits `gid://shopify/Order/12` into its type and numeric id; undefined for anything else. */
export function parseGid(value: string): { type: string; id: string } | undefined {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(value);
  return match ? { type: match[1]!, id: match[2]! } : undefined;
}

/** What happened in the store, for webhooks and stats; emitted after the change is complete. */
export type StoreEvent =
  | { kind: 'order-created'; order: OrderRecord }
  | { kind: 'order-updated'; order: OrderRecord }
  | { kind: 'order-cancelled'; order: OrderRecord }
  | { kind: 'refund-created'; order: OrderRecord; refundId: string }
  | { kind: 'fulfillment-created'; order: OrderRecord; fulfillmentId: string }
  | {
      kind: 'order-edited';
      order: OrderRecord;
      calculatedOrderId: string;
      staffNote: string | null;
      notifyCustomer: boolean;
    }
  | { kind: 'order-paid'; order: OrderRecord }
  | { kind: 'order-fulfilled'; order: OrderRecord }
  | { kind: 'order-partially-fulfilled'; order: OrderRecord }
  | { kind: 'bulk-operation-finished'; operation: BulkOperationRecord };

export interface NewLocation {
  name: string;
  address1?: string;
  city?: string;
  province?: string;
  provinceCode?: string;
  country?: string;
  countryCode?: string;
  zip?: string;
  phone?: string;
  isActive?: boolean;
  fulfillsOnlineOrders?: boolean;
}

export interface NewVariant {
  title?: string;
  sku?: string | null;
  barcode?: string | null;
  /** Decimal string in the shop currency. */
  price: string;
  compareAtPrice?: string | null;
  taxable?: boolean;
  requiresShipping?: boolean;
  weightGrams?: number;
  inventoryQuantity?: number;
}

export interface NewProduct {
  title: string;
  vendor?: string;
  productType?: string;
  handle?: string;
  tags?: string[];
  isGiftCard?: boolean;
  status?: ProductRecord['status'];
  variants?: NewVariant[];
}

export interface NewCustomer {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[];
  note?: string | null;
  address?: {
    address1?: string;
    address2?: string;
    city?: string;
    province?: string;
    provinceCode?: string;
    country?: string;
    countryCode?: string;
    zip?: string;
    company?: string;
    phone?: string;
  } | null;
}

export interface ShopSettings {
  name?: string;
  email?: string;
  currencyCode?: string;
  enabledPresentmentCurrencies?: string[];
  ianaTimezone?: string;
  taxesIncluded?: boolean;
  planDisplayName?: string;
  shopifyPlus?: boolean;
}

export interface StoreOptions {
  shopDomain: string;
  currencyCode: string;
  clock?: SimulatorClock;
  planDisplayName?: string;
  shopifyPlus?: boolean;
  /**
   * Presentment-currency rates from the shop currency (e.g. `{ EUR: '0.92' }`), used when an input
   * gives only shopMoney for an order in another presentment currency. Missing rates count as 1.
   */
  presentmentRates?: Record<string, string>;
}

/**
 * One shop's data, in memory. Every object with a gid is registered in `nodes`, so node(id),
 * nodes(ids) and references by id are a map look-up. Orders own their line items, fulfillment
 * orders, fulfillments, refunds and returns; derived fields are recomputed after every change.
 */
export class ShopStore {
  readonly clock: SimulatorClock;
  readonly shop: ShopRecord;
  readonly locations: LocationRecord[] = [];
  readonly products: ProductRecord[] = [];
  readonly variants: VariantRecord[] = [];
  readonly customers: CustomerRecord[] = [];
  readonly giftCards: GiftCardRecord[] = [];
  readonly orders: OrderRecord[] = [];
  readonly webhookSubscriptions: WebhookSubscriptionRecord[] = [];
  readonly deliveryProfiles: DeliveryProfileRecord[] = [];
  readonly calculatedOrders = new Map<string, CalculatedOrderRecord>();
  readonly presentmentRates: Record<string, string>;
  private readonly nodes = new Map<string, object>();
  private readonly counters = new Map<string, number>();
  private lastStamp = 0;
  /** Bumped on every change (every timestamp handed out); caches compare against it. */
  version = 0;
  private readonly sortedOrderCache = new Map<
    string,
    { version: number; count: number; orders: OrderRecord[] }
  >();
  private nextOrderNumber = 1001;
  /** The shop's bulk operations (set up by startShopifySimulator). */
  bulkOperations?: BulkOperationsService;
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(options: StoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.presentmentRates = options.presentmentRates ?? {};
    const now = this.timestamp();
    const shopName = options.shopDomain.replace(/\.myshopify\.com$/, '');
    this.shop = {
      __typename: 'Shop',
      id: this.newId('Shop'),
      name: shopName,
      myshopifyDomain: options.shopDomain,
      email: `owner@${options.shopDomain}`,
      contactEmail: `owner@${options.shopDomain}`,
      currencyCode: options.currencyCode,
      enabledPresentmentCurrencies: [options.currencyCode],
      ianaTimezone: 'Etc/UTC',
      timezoneAbbreviation: 'UTC',
      timezoneOffset: '+0000',
      timezoneOffsetMinutes: 0,
      taxesIncluded: false,
      taxShipping: false,
      weightUnit: 'KILOGRAMS',
      unitSystem: 'METRIC_SYSTEM',
      orderNumberFormatPrefix: '#',
      orderNumberFormatSuffix: '',
      plan: {
        publicDisplayName: options.planDisplayName ?? 'Basic',
        partnerDevelopment: false,
        shopifyPlus: options.shopifyPlus ?? false,
      },
      url: `https://${options.shopDomain}`,
      createdAt: now,
      updatedAt: now,
    };
    this.register(this.shop);
  }

  // ---- time and ids -------------------------------------------------------------------------

  /** An ISO timestamp from the clock that is strictly later than every one handed out before. */
  timestamp(): string {
    const stamp = Math.max(this.clock.now(), this.lastStamp + 1);
    this.lastStamp = stamp;
    this.version++;
    return new Date(stamp).toISOString();
  }

  /** Next numeric id for a type (each type counts on its own, like Shopify's per-resource ids). */
  nextNumber(type: GidType): number {
    const next = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, next);
    return next;
  }

  newId(type: GidType): string {
    return gid(type, this.nextNumber(type));
  }

  takeOrderNumber(): number {
    return this.nextOrderNumber++;
  }

  register<T extends { id: string }>(record: T): T {
    this.nodes.set(record.id, record);
    return record;
  }

  /** Any registered object by gid (query strings such as `?foo=bar` are ignored). */
  node<T = object>(id: string | null | undefined): T | undefined {
    if (!id) return undefined;
    const parsed = parseGid(id);
    const key = parsed ? gid(parsed.type, parsed.id) : id;
    return this.nodes.get(key) as T | undefined;
  }

  nodeOfType<T = object>(id: string | null | undefined, type: string): T | undefined {
    if (!id) return undefined;
    const parsed = parseGid(id);
    if (!parsed || parsed.type !== type) return undefined;
    return this.node<T>(id);
  }

  /**
   * Orders sorted by a key, cached until the next change (benchmarks page through large stores).
   * `compare` must be consistent for one `cacheKey`.
   */
  sortedOrders(cacheKey: string, compare: (a: OrderRecord, b: OrderRecord) => number): OrderRecord[] {
    const cached = this.sortedOrderCache.get(cacheKey);
    if (cached && cached.version === this.version && cached.count === this.orders.length)
      return cached.orders;
    const orders = [...this.orders].sort(compare);
    this.sortedOrderCache.set(cacheKey, { version: this.version, count: this.orders.length, orders });
    return orders;
  }

  order(id: string | null | undefined): OrderRecord | undefined {
    return this.nodeOfType<OrderRecord>(id, 'Order');
  }

  randomToken(bytes = 8): string {
    return randomBytes(bytes).toString('hex');
  }

  // ---- events ---------------------------------------------------------------------------------

  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: StoreEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // ---- seeding API (what Shopify has no public mutation for here) ------------------------------

  /** Changes shop settings: name, currency, presentment currencies, timezone, plan name. */
  setShop(settings: ShopSettings): ShopRecord {
    const shop = this.shop;
    if (settings.name !== undefined) shop.name = settings.name;
    if (settings.email !== undefined) {
      shop.email = settings.email;
      shop.contactEmail = settings.email;
    }
    if (settings.currencyCode !== undefined) shop.currencyCode = settings.currencyCode;
    if (settings.enabledPresentmentCurrencies !== undefined) {
      shop.enabledPresentmentCurrencies = [...settings.enabledPresentmentCurrencies];
    }
    if (!shop.enabledPresentmentCurrencies.includes(shop.currencyCode)) {
      shop.enabledPresentmentCurrencies.unshift(shop.currencyCode);
    }
    if (settings.ianaTimezone !== undefined) shop.ianaTimezone = settings.ianaTimezone;
    if (settings.taxesIncluded !== undefined) shop.taxesIncluded = settings.taxesIncluded;
    if (settings.planDisplayName !== undefined) shop.plan.publicDisplayName = settings.planDisplayName;
    if (settings.shopifyPlus !== undefined) shop.plan.shopifyPlus = settings.shopifyPlus;
    shop.updatedAt = this.timestamp();
    return shop;
  }

  addLocation(input: NewLocation): LocationRecord {
    const number = this.nextNumber('Location');
    const now = this.timestamp();
    const address = {
      address1: input.address1 ?? null,
      address2: null,
      city: input.city ?? null,
      province: input.province ?? null,
      provinceCode: input.provinceCode ?? null,
      country: input.country ?? null,
      countryCode: input.countryCode ?? null,
      zip: input.zip ?? null,
      phone: input.phone ?? null,
    };
    const location: LocationRecord = {
      __typename: 'Location',
      id: gid('Location', number),
      legacyResourceId: String(number),
      name: input.name,
      isActive: input.isActive ?? true,
      fulfillsOnlineOrders: input.fulfillsOnlineOrders ?? true,
      shipsInventory: true,
      hasActiveInventory: true,
      isFulfillmentService: false,
      address: {
        ...address,
        formatted: [
          address.address1,
          [address.zip, address.city].filter(Boolean).join(' '),
          address.country,
        ].filter((part): part is string => Boolean(part)),
      },
      createdAt: now,
      updatedAt: now,
    };
    this.locations.push(location);
    return this.register(location);
  }

  /** The location new fulfillment orders are assigned to: the first active one that fulfils online orders. */
  defaultLocation(): LocationRecord | undefined {
    return (
      this.locations.find((location) => location.isActive && location.fulfillsOnlineOrders) ??
      this.locations.find((location) => location.isActive)
    );
  }

  addProduct(input: NewProduct): ProductRecord {
    const number = this.nextNumber('Product');
    const now = this.timestamp();
    const product: ProductRecord = {
      __typename: 'Product',
      id: gid('Product', number),
      legacyResourceId: String(number),
      title: input.title,
      handle: input.handle ?? slugify(input.title),
      vendor: input.vendor ?? this.shop.name,
      productType: input.productType ?? '',
      status: input.status ?? 'ACTIVE',
      tags: [...(input.tags ?? [])],
      isGiftCard: input.isGiftCard ?? false,
      createdAt: now,
      updatedAt: now,
      sim: { variantIds: [] },
    };
    this.products.push(product);
    this.register(product);
    for (const variant of input.variants ?? [{ price: '0.00' }]) this.addVariant(product.id, variant);
    return product;
  }

  addVariant(productId: string, input: NewVariant): VariantRecord {
    const product = this.nodeOfType<ProductRecord>(productId, 'Product');
    if (!product) throw new Error(`addVariant: no product ${productId}`);
    const number = this.nextNumber('ProductVariant');
    const now = this.timestamp();
    const title = input.title ?? 'Default Title';
    const variant: VariantRecord = {
      __typename: 'ProductVariant',
      id: gid('ProductVariant', number),
      legacyResourceId: String(number),
      title,
      displayName: title === 'Default Title' ? product.title : `${product.title} - ${title}`,
      sku: input.sku ?? null,
      barcode: input.barcode ?? null,
      price: input.price,
      compareAtPrice: input.compareAtPrice ?? null,
      taxable: input.taxable ?? true,
      position: product.sim.variantIds.length + 1,
      inventoryQuantity: input.inventoryQuantity ?? 100,
      availableForSale: true,
      createdAt: now,
      updatedAt: now,
      sim: {
        productId: product.id,
        requiresShipping: input.requiresShipping ?? !product.isGiftCard,
        weightGrams: input.weightGrams ?? 0,
      },
    };
    product.sim.variantIds.push(variant.id);
    this.variants.push(variant);
    return this.register(variant);
  }

  addCustomer(input: NewCustomer): CustomerRecord {
    const number = this.nextNumber('Customer');
    const now = this.timestamp();
    const address = input.address
      ? {
          __typename: 'MailingAddress' as const,
          id: this.newId('MailingAddress'),
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          name: [input.firstName, input.lastName].filter(Boolean).join(' ') || null,
          company: input.address.company ?? null,
          address1: input.address.address1 ?? null,
          address2: input.address.address2 ?? null,
          city: input.address.city ?? null,
          province: input.address.province ?? null,
          provinceCode: input.address.provinceCode ?? null,
          country: input.address.country ?? null,
          countryCodeV2: input.address.countryCode ?? null,
          zip: input.address.zip ?? null,
          phone: input.address.phone ?? input.phone ?? null,
        }
      : null;
    const customer: CustomerRecord = {
      __typename: 'Customer',
      id: gid('Customer', number),
      legacyResourceId: String(number),
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      displayName:
        [input.firstName, input.lastName].filter(Boolean).join(' ') ||
        input.email ||
        input.phone ||
        'Customer',
      email: input.email ?? null,
      phone: input.phone ?? null,
      defaultEmailAddress: input.email ? { emailAddress: input.email } : null,
      defaultPhoneNumber: input.phone ? { phoneNumber: input.phone } : null,
      defaultAddress: address,
      addresses: address ? [address] : [],
      tags: [...(input.tags ?? [])],
      note: input.note ?? null,
      taxExempt: false,
      state: 'DISABLED',
      verifiedEmail: Boolean(input.email),
      createdAt: now,
      updatedAt: now,
    };
    this.customers.push(customer);
    if (address) this.register(address);
    return this.register(customer);
  }

  /**
   * Sets an order's risk assessment (Shopify's fraud analysis has no public mutation): the
   * order's `risk` and the `risk_level` search field follow; updatedAt moves and orders/updated fires.
   */
  setOrderRisk(
    orderId: string,
    riskLevel: 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE' | 'PENDING',
    recommendation?: OrderRecord['risk']['recommendation'],
  ): OrderRecord {
    const order = this.order(orderId);
    if (!order) throw new Error(`setOrderRisk: no order ${orderId}`);
    // Shopify's own assessment is replaced; apps' (orderRiskAssessmentCreate) stay.
    const assessments = [
      ...(riskLevel === 'NONE' ? [] : [{ riskLevel, provider: null, facts: [] }]),
      ...order.risk.assessments.filter((assessment) => assessment.provider !== null),
    ];
    order.risk = { recommendation: recommendation ?? riskRecommendation(assessments), assessments };
    order.updatedAt = this.timestamp();
    this.emit({ kind: 'order-updated', order });
    return order;
  }

  /**
   * Adds a shipping method (a delivery method definition) to a zone of the shop's delivery
   * profile, creating the profile ("General profile"), its location group and the zone as needed.
   * Shopify sets these up in the admin; the connector reads them for the shipment-method mapping.
   */
  addShippingMethod(
    name: string,
    options: {
      zone?: string;
      countryCodes?: string[];
      price?: string;
      active?: boolean;
      profile?: string;
    } = {},
  ): DeliveryMethodDefinitionRecord {
    const profileName = options.profile ?? 'General profile';
    let profile = this.deliveryProfiles.find((candidate) => candidate.name === profileName);
    if (!profile) {
      profile = this.register<DeliveryProfileRecord>({
        __typename: 'DeliveryProfile',
        id: this.newId('DeliveryProfile'),
        name: profileName,
        default: this.deliveryProfiles.length === 0,
        profileLocationGroups: [
          {
            __typename: 'DeliveryProfileLocationGroup',
            locationGroup: { __typename: 'DeliveryLocationGroup', id: this.newId('DeliveryLocationGroup') },
            locationGroupZones: [],
          },
        ],
      });
      this.deliveryProfiles.push(profile);
    }
    const group = profile.profileLocationGroups[0]!;
    const zoneName = options.zone ?? 'Domestic';
    let zone = group.locationGroupZones.find((candidate) => candidate.zone.name === zoneName);
    if (!zone) {
      zone = {
        __typename: 'DeliveryLocationGroupZone',
        zone: {
          __typename: 'DeliveryZone',
          id: this.newId('DeliveryZone'),
          name: zoneName,
          countries: (options.countryCodes ?? []).map((countryCode) => ({
            __typename: 'DeliveryCountry' as const,
            id: this.newId('DeliveryCountry'),
            name: countryCode,
            code: { countryCode, restOfWorld: false },
          })),
        },
        methodDefinitions: [],
      };
      group.locationGroupZones.push(zone);
    }
    const definition: DeliveryMethodDefinitionRecord = {
      __typename: 'DeliveryMethodDefinition',
      id: this.newId('DeliveryMethodDefinition'),
      name,
      active: options.active ?? true,
      description: null,
      rateProvider: {
        __typename: 'DeliveryRateDefinition',
        id: this.newId('DeliveryRateDefinition'),
        price: { amount: options.price ?? '0.0', currencyCode: this.shop.currencyCode },
      },
    };
    zone.methodDefinitions.push(this.register(definition));
    return definition;
  }

  findCustomerByEmail(email: string): CustomerRecord | undefined {
    const wanted = email.trim().toLowerCase();
    return this.customers.find((customer) => customer.email?.toLowerCase() === wanted);
  }

  /** Rate to turn a shop-currency amount into the presentment currency (1 when unknown or same). */
  presentmentRate(presentmentCurrency: string): string {
    if (presentmentCurrency === this.shop.currencyCode) return '1';
    return this.presentmentRates[presentmentCurrency] ?? '1';
  }
}

function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'product'
  );
}
