import type {
  MoneyBag,
  OrderAddress,
  OrderLine,
  OrderSnapshot,
  ShippingLine,
} from '../../../domain/order-snapshot';

/** Builders for OrderSnapshot test data: a plain, valid order that each test bends to its case. */
export function bag(
  shop: string,
  presentment = shop,
  shopCurrency = 'NOK',
  presentmentCurrency = 'NOK',
): MoneyBag {
  return {
    shop: { amount: shop, currencyCode: shopCurrency },
    presentment: { amount: presentment, currencyCode: presentmentCurrency },
  };
}

export function address(overrides: Partial<OrderAddress> = {}): OrderAddress {
  return {
    firstName: 'Kari',
    lastName: 'Nordmann',
    name: 'Kari Nordmann',
    company: null,
    address1: 'Storgata 1',
    address2: null,
    city: 'Oslo',
    zip: '0155',
    province: null,
    provinceCode: null,
    countryCode: 'NO',
    country: 'Norway',
    phone: '+47 22 33 44 55',
    ...overrides,
  };
}

export const LOCATION_OSLO = 'gid://shopify/Location/101';
export const LOCATION_BERGEN = 'gid://shopify/Location/102';

export function line(id: number, overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    shopifyLineId: `gid://shopify/LineItem/${id}`,
    name: `Product ${id}`,
    title: `Product ${id}`,
    variantTitle: null,
    variantId: `gid://shopify/ProductVariant/${id}`,
    sku: `SKU-${id}`,
    barcode: null,
    vendor: null,
    quantity: 1,
    currentQuantity: 1,
    unfulfilledQuantity: 1,
    isGiftCard: false,
    isTip: false,
    requiresShipping: true,
    taxable: true,
    originalUnitPrice: bag('100.00'),
    discountAllocations: [],
    fulfillmentLocationId: LOCATION_OSLO,
    customAttributes: [],
    ...overrides,
  };
}

export function shippingLine(id: number, overrides: Partial<ShippingLine> = {}): ShippingLine {
  return {
    shopifyShippingLineId: `gid://shopify/ShippingLine/${id}`,
    title: 'Standard',
    code: 'standard',
    source: 'shopify',
    isRemoved: false,
    originalPrice: bag('49.00'),
    discountedPrice: bag('49.00'),
    discountAllocations: [],
    taxLines: [],
    ...overrides,
  };
}

export function snapshot(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  const zero = bag('0.00');
  return {
    snapshotVersion: 1,
    shopifyOrderId: 'gid://shopify/Order/1004',
    legacyResourceId: '1004',
    name: '#1004',
    number: 1004,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    processedAt: '2026-11-20T10:00:00Z',
    closed: false,
    closedAt: null,
    cancelledAt: null,
    cancelReason: null,
    confirmed: true,
    test: false,
    edited: false,
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    fullyPaid: true,
    unpaid: false,
    currencyCode: 'NOK',
    presentmentCurrencyCode: 'NOK',
    taxesIncluded: false,
    taxExempt: false,
    email: 'kari@example.com',
    phone: null,
    note: null,
    poNumber: null,
    sourceName: 'web',
    channel: 'Online Store',
    riskLevel: 'LOW',
    riskRecommendation: 'ACCEPT',
    riskAssessments: [],
    tags: [],
    customAttributes: [],
    retailLocationId: null,
    retailLocationName: null,
    statusPageUrl: null,
    customer: {
      shopifyCustomerId: 'gid://shopify/Customer/7',
      legacyResourceId: '7',
      email: 'kari@example.com',
      phone: null,
      firstName: 'Kari',
      lastName: 'Nordmann',
    },
    billingAddress: address(),
    shippingAddress: address(),
    subtotalLineItemsQuantity: 1,
    currentSubtotalLineItemsQuantity: 1,
    totals: {
      currentTotal: bag('186.25'),
      currentTotalTax: bag('37.25'),
      currentShipping: bag('49.00'),
      totalTipReceived: zero,
    },
    lines: [line(1)],
    shippingLines: [shippingLine(1)],
    taxLines: [],
    transactions: [],
    fulfillmentOrders: [],
    fulfillments: [],
    ...overrides,
  };
}
