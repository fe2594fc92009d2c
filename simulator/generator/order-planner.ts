import Decimal from 'decimal.js';
import type {
  GeneratedCatalog,
  GeneratedCustomer,
  GeneratedGiftCard,
  GeneratedVariant,
  VariantIdentifiers,
} from './catalog';
import { locationByRole } from './catalog';
import { convertMoney, formatMoney, roundMoney, type MoneyAmount } from '../money';
import type { OrderShopContext } from './order-create-input';
import type { OrderMix } from './order-mix';
import { priceOrder } from './order-pricing';
import type {
  CreateOrderRequest,
  OrderDiscountRequest,
  OrderLineRequest,
  RequestedFinancialStatus,
  RiskLevel,
  ShippingLineRequest,
} from './order-request';
import type { SalesChannel } from './order-traits';
import { SeededRandom } from './prng';
import {
  COUNTRY_PROFILES,
  CUSTOMER_COUNTRY_WEIGHTS,
  FIRST_NAMES,
  LAST_NAMES,
  ORDER_TAGS,
  SHIPPING_METHODS,
  TRACKING_COMPANIES,
  type CountryProfile,
} from './reference-data';
import type { AddressPlan } from './store-plan';

/** The handle a marketplace sales channel app attributes its orders to. */
export const MARKETPLACE_SOURCE_NAME = 'ebay';

const SOURCE_NAMES: Readonly<Record<SalesChannel, string>> = {
  web: 'web',
  pos: 'pos',
  marketplace: MARKETPLACE_SOURCE_NAME,
  draft: 'shopify_draft_order',
};

/** Who bought: an account with an address, an account without one, a guest checkout, or nobody known (POS). */
export type PlannedCustomerKind = 'withAddress' | 'withoutAddress' | 'guest' | 'anonymous';

export interface PlannedOrder {
  /** Position in the plan: the stable handle of an order across runs of the same seed. */
  index: number;
  request: CreateOrderRequest;
  customerKind: PlannedCustomerKind;
  /** Per product line: how its variant can be identified ('custom' for a line without product). */
  lineIdentifiers: (VariantIdentifiers | 'custom')[];
}

/** Features one order must have; the coverage tour uses these so every trait occurs on every seed. */
interface OrderForce {
  channel?: SalesChannel;
  financial?: RequestedFinancialStatus;
  giftCardOnly?: boolean;
  giftCardLine?: boolean;
  giftCardPayment?: boolean;
  tip?: boolean;
  discount?: OrderDiscountRequest['kind'];
  lineDiscount?: boolean;
  foreign?: boolean;
  risk?: RiskLevel;
  tags?: boolean;
  guest?: boolean;
  customerWithoutAddress?: boolean;
  fulfilled?: boolean;
  customItem?: boolean;
  secondShippingLine?: boolean;
  variantIdentifiers?: VariantIdentifiers;
}

/**
 * One order for each trait a connector must handle, spread evenly over the plan. Random orders
 * alone would leave a rare trait out of a small run on some seeds; the tour makes 20 orders enough.
 */
const COVERAGE_TOUR: readonly OrderForce[] = [
  { channel: 'pos', guest: true, tip: true },
  { channel: 'web', giftCardOnly: true },
  { channel: 'web', foreign: true, financial: 'PAID', fulfilled: true },
  { channel: 'web', risk: 'HIGH', tags: true },
  { channel: 'marketplace', fulfilled: true },
  { channel: 'web', giftCardLine: true, giftCardPayment: true, financial: 'PAID' },
  { channel: 'web', financial: 'PENDING', discount: 'fixed' },
  { channel: 'pos', customerWithoutAddress: true },
  { channel: 'web', financial: 'AUTHORIZED', discount: 'percentage', lineDiscount: true },
  { channel: 'web', discount: 'freeShipping', secondShippingLine: true, variantIdentifiers: 'barcodeOnly' },
  { channel: 'web', guest: true, customItem: true, tip: true },
  { channel: 'draft', variantIdentifiers: 'none' },
  { channel: 'web', risk: 'MEDIUM', foreign: true, financial: 'PENDING' },
  { channel: 'marketplace', tags: true, risk: 'LOW' },
];

export interface OrderPlanOptions {
  seed: number;
  orders: number;
  mix: OrderMix;
}

/** Plans every order of a generated store; pure and deterministic for a seed and catalog shape. */
export function planOrders(catalog: GeneratedCatalog, options: OrderPlanOptions): PlannedOrder[] {
  const random = new SeededRandom(options.seed).fork('orders');
  const planner = new OrderPlanner(catalog, options.mix);
  const tourPositions = new Map<number, OrderForce>();
  const tourLength = Math.min(COVERAGE_TOUR.length, options.orders);
  for (let step = 0; step < tourLength; step += 1) {
    tourPositions.set(
      Math.floor((step * options.orders) / tourLength),
      withinMix(COVERAGE_TOUR[step]!, options.mix),
    );
  }
  const planned: PlannedOrder[] = [];
  for (let index = 0; index < options.orders; index += 1) {
    planned.push(planner.plan(random.fork(`order-${index}`), index, tourPositions.get(index) ?? {}));
  }
  return planned;
}

const FORCE_SHARES: Readonly<Partial<Record<keyof OrderForce, keyof OrderMix>>> = {
  giftCardOnly: 'giftCardOnlyShare',
  giftCardLine: 'giftCardLineShare',
  giftCardPayment: 'giftCardPaymentShare',
  tip: 'tipShare',
  discount: 'discountShare',
  lineDiscount: 'lineDiscountShare',
  foreign: 'foreignCurrencyShare',
  tags: 'tagShare',
  guest: 'guestShare',
  customItem: 'customItemShare',
  secondShippingLine: 'secondShippingLineShare',
  fulfilled: 'fulfilledShare',
};

/** A tour entry without the traits the mix switches off: a share or weight of 0 means never. */
function withinMix(force: OrderForce, mix: OrderMix): OrderForce {
  const kept: OrderForce = { ...force };
  for (const [trait, share] of Object.entries(FORCE_SHARES) as [keyof OrderForce, keyof OrderMix][]) {
    if (mix[share] === 0) delete kept[trait];
  }
  if (kept.channel && mix.channelWeights[kept.channel] === 0) delete kept.channel;
  if (kept.financial && kept.financial !== 'PARTIALLY_PAID' && mix.financialWeights[kept.financial] === 0)
    delete kept.financial;
  if (kept.risk && mix.riskWeights[kept.risk] === 0) delete kept.risk;
  return kept;
}

class OrderPlanner {
  private readonly shopContext: OrderShopContext;
  private readonly goods: GeneratedVariant[];
  private readonly giftCardVariants: GeneratedVariant[];
  private readonly customersWithAddress: GeneratedCustomer[];
  private readonly customersWithoutAddress: GeneratedCustomer[];
  private readonly giftCardBalances: Map<GeneratedGiftCard, Decimal>;
  private readonly foreignCurrencies: string[];

  constructor(
    private readonly catalog: GeneratedCatalog,
    private readonly mix: OrderMix,
  ) {
    const shop = catalog.shop;
    this.shopContext = {
      shopCurrency: shop.currencyCode,
      taxRate: shop.taxRate,
      taxesIncluded: shop.taxesIncluded,
      taxTitle: shop.taxTitle,
    };
    this.goods = catalog.variants.filter((variant) => !variant.giftCard);
    this.giftCardVariants = catalog.variants.filter((variant) => variant.giftCard);
    this.customersWithAddress = catalog.customers.filter((customer) => customer.addresses.length > 0);
    this.customersWithoutAddress = catalog.customers.filter((customer) => customer.addresses.length === 0);
    this.giftCardBalances = new Map(catalog.giftCards.map((card) => [card, new Decimal(card.initialValue)]));
    this.foreignCurrencies = shop.presentmentCurrencies.filter((code) => code !== shop.currencyCode);
    if (this.goods.length === 0) throw new Error('The generated store has no products to sell.');
  }

  plan(random: SeededRandom, index: number, force: OrderForce): PlannedOrder {
    const mix = this.mix;
    const channel = force.channel ?? random.weighted(mix.channelWeights);
    const sellsGiftCardsOnly =
      force.giftCardOnly ??
      ((channel === 'web' || channel === 'pos') &&
        this.giftCardVariants.length > 0 &&
        random.chance(mix.giftCardOnlyShare));
    const financial = this.financialStatus(random, channel, sellsGiftCardsOnly, force);

    // Who buys, where it ships, and in which currency they pay.
    const buyer = this.buyer(random, channel, sellsGiftCardsOnly, force);
    const shipTo = buyer.address;
    const presentmentCurrency = this.presentmentCurrency(random, channel, shipTo, force);

    const lines: OrderLineRequest[] = [];
    const lineIdentifiers: PlannedOrder['lineIdentifiers'] = [];
    if (!sellsGiftCardsOnly) {
      for (const variant of this.pickVariants(random, channel, force)) {
        lines.push({
          variantId: variant.id,
          title: variant.productTitle,
          variantTitle: variant.title,
          sku: variant.sku,
          vendor: variant.vendor,
          quantity: random.weighted({ one: 76, two: 17, three: 5, four: 2 }) === 'one' ? 1 : random.int(2, 4),
          unitPrice: variant.price,
          ...(channel === 'pos' ? {} : { shipFromLocationId: this.shipFrom(variant) }),
        });
        lineIdentifiers.push(variant.identifiers);
      }
      if (force.customItem ?? random.chance(mix.customItemShare)) {
        const service = random.pick([
          { title: 'Monogram embroidery', usd: '12.00' },
          { title: 'Trouser hemming', usd: '15.00' },
          { title: 'Handwritten gift note', usd: '3.50' },
        ]);
        lines.push({ title: service.title, quantity: 1, unitPrice: this.shopMoney(service.usd) });
        lineIdentifiers.push('custom');
      }
      if (force.lineDiscount ?? random.chance(mix.lineDiscountShare)) {
        // The store adds a discounted item to the order (an edit), so the order needs a line of its own first.
        const extra = this.goods.find((variant) => !lines.some((line) => line.variantId === variant.id))!;
        const item =
          random.pick(this.goods.filter((variant) => !lines.some((line) => line.variantId === variant.id))) ??
          extra;
        lines.push({
          variantId: item.id,
          title: item.productTitle,
          variantTitle: item.title,
          sku: item.sku,
          vendor: item.vendor,
          quantity: 1,
          unitPrice: item.price,
          ...(channel === 'pos' ? {} : { shipFromLocationId: this.shipFrom(item) }),
          lineDiscountPercent: random.pick([5, 10, 25]),
        });
        lineIdentifiers.push(item.identifiers);
      }
    }
    const giftCardLines =
      sellsGiftCardsOnly ||
      (channel === 'web' && (force.giftCardLine ?? random.chance(mix.giftCardLineShare)))
        ? this.giftCardLines(random, sellsGiftCardsOnly)
        : [];

    const shippingLines = channel === 'pos' || sellsGiftCardsOnly ? [] : this.shippingLines(random, force);
    // Discount codes never apply to gift cards, so a gift-card-only checkout takes none.
    const discount = sellsGiftCardsOnly ? undefined : this.discount(random, shippingLines.length > 0, force);
    const tip =
      (channel === 'web' || channel === 'pos') && (force.tip ?? random.chance(mix.tipShare))
        ? this.tipFor(
            random,
            lines,
            giftCardLines.map((line) => line.amount),
          )
        : undefined;

    const request: CreateOrderRequest = {
      lines,
      ...(giftCardLines.length > 0 ? { giftCardLines } : {}),
      ...(shippingLines.length > 0 ? { shippingLines } : {}),
      ...(discount ? { discount } : {}),
      ...(tip ? { tip } : {}),
      ...(channel === 'pos' ? { pos: { locationId: locationByRole(this.catalog, 'retail').id } } : {}),
      customer: buyer.customer ? { id: buyer.customer.id } : null,
      ...(buyer.email ? { email: buyer.email } : {}),
      shippingAddress: shippingLines.length > 0 ? shipTo : null,
      billingAddress: channel === 'pos' ? null : (shipTo ?? null),
      sourceName: SOURCE_NAMES[channel],
      ...(channel === 'marketplace'
        ? { sourceIdentifier: `${random.digits(2)}-${random.digits(5)}-${random.digits(5)}` }
        : {}),
      ...(presentmentCurrency !== this.shopContext.shopCurrency ? { presentmentCurrency } : {}),
      financialStatus: financial,
      gateway: this.gateway(random, channel),
    };
    if (
      financial === 'PAID' &&
      !sellsGiftCardsOnly &&
      (force.giftCardPayment ?? random.chance(mix.giftCardPaymentShare))
    ) {
      const payment = this.giftCardPayment(random, request);
      if (payment) request.giftCardPayment = payment;
    }
    const fulfilled = this.fulfillment(random, channel, sellsGiftCardsOnly, financial, lines, force);
    if (fulfilled !== undefined) request.fulfilled = fulfilled;
    if (channel !== 'pos') {
      const risk = force.risk ?? random.weighted(mix.riskWeights);
      if (risk !== 'unassessed') request.risk = risk;
    }
    if (force.tags ?? random.chance(mix.tagShare))
      request.tags = this.tags(random, channel, force.tags === true);
    if (random.chance(0.08))
      request.note = random.pick([
        'Please leave at the back door',
        'Gift - no invoice in the parcel',
        'Call before delivery',
      ]);
    if (channel === 'draft' && random.chance(0.5)) request.poNumber = `PO-${random.digits(6)}`;
    return { index, request, customerKind: buyer.kind, lineIdentifiers };
  }

  private financialStatus(
    random: SeededRandom,
    channel: SalesChannel,
    sellsGiftCardsOnly: boolean,
    force: OrderForce,
  ): RequestedFinancialStatus {
    // Counter sales, marketplace sales and gift cards are paid before the order exists.
    if (channel === 'pos' || channel === 'marketplace' || sellsGiftCardsOnly) return 'PAID';
    if (force.financial) return force.financial;
    if (channel === 'draft') return random.weighted({ PAID: 40, PENDING: 60 });
    return random.weighted(this.mix.financialWeights);
  }

  private buyer(
    random: SeededRandom,
    channel: SalesChannel,
    sellsGiftCardsOnly: boolean,
    force: OrderForce,
  ): {
    kind: PlannedCustomerKind;
    customer?: GeneratedCustomer;
    email?: string;
    address: AddressPlan | null;
  } {
    if (channel === 'pos') {
      if (force.guest ?? (!force.customerWithoutAddress && random.chance(this.mix.posAnonymousShare))) {
        return { kind: 'anonymous', address: null };
      }
      const customer = this.customerWithoutAddress(random);
      return { kind: 'withoutAddress', customer, email: customer.email, address: null };
    }
    if (sellsGiftCardsOnly || force.customerWithoutAddress) {
      const customer = this.customerWithoutAddress(random);
      return { kind: 'withoutAddress', customer, email: customer.email, address: null };
    }
    // Marketplaces keep their buyers' accounts: the order carries a relay address, no customer.
    const guest =
      force.guest ?? (channel === 'marketplace' ? random.chance(0.5) : random.chance(this.mix.guestShare));
    if (guest) {
      const address = this.guestAddress(random, force.foreign === true);
      const relay = channel === 'marketplace' ? 'members.ebay.example' : 'example.net';
      const email = `${address.firstName}.${address.lastName}.${random.digits(4)}@${relay}`
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9.@-]/g, '')
        .toLowerCase();
      return { kind: 'guest', email, address };
    }
    const customer = this.customerWithAddress(random, force.foreign === true);
    return { kind: 'withAddress', customer, email: customer.email, address: random.pick(customer.addresses) };
  }

  private customerWithoutAddress(random: SeededRandom): GeneratedCustomer {
    return random.pick(
      this.customersWithoutAddress.length > 0 ? this.customersWithoutAddress : this.catalog.customers,
    );
  }

  private customerWithAddress(random: SeededRandom, mustPayInForeignCurrency: boolean): GeneratedCustomer {
    const pool = this.customersWithAddress.length > 0 ? this.customersWithAddress : this.catalog.customers;
    if (mustPayInForeignCurrency) {
      const foreign = pool.filter((customer) =>
        this.foreignCurrencies.includes(currencyOfCountry(customer.addresses[0]?.countryCode)),
      );
      if (foreign.length > 0) return random.pick(foreign);
    }
    return random.pick(pool);
  }

  private guestAddress(random: SeededRandom, mustPayInForeignCurrency: boolean): AddressPlan {
    const foreignCountries = Object.values(COUNTRY_PROFILES)
      .filter((profile) => this.foreignCurrencies.includes(profile.currencyCode))
      .map((profile) => profile.countryCode);
    const countryCode =
      mustPayInForeignCurrency && foreignCountries.length > 0
        ? random.pick(foreignCountries)
        : random.weighted(CUSTOMER_COUNTRY_WEIGHTS);
    const profile = COUNTRY_PROFILES[countryCode] as CountryProfile;
    const place = random.pick(profile.cities);
    return {
      firstName: random.pick(FIRST_NAMES),
      lastName: random.pick(LAST_NAMES),
      address1: `${random.int(1, 240)} ${random.pick(profile.streets)}`,
      city: place.city,
      zip: place.zip,
      ...(place.provinceCode ? { provinceCode: place.provinceCode } : {}),
      countryCode,
    };
  }

  private presentmentCurrency(
    random: SeededRandom,
    channel: SalesChannel,
    shipTo: AddressPlan | null,
    force: OrderForce,
  ): string {
    const shopCurrency = this.shopContext.shopCurrency;
    // Only online checkouts show local prices; POS, marketplaces and invoices charge in the shop currency.
    if (channel !== 'web' || this.foreignCurrencies.length === 0) return shopCurrency;
    const home = currencyOfCountry(shipTo?.countryCode);
    if (force.foreign) return this.foreignCurrencies.includes(home) ? home : this.foreignCurrencies[0]!;
    if (force.foreign === false || !this.foreignCurrencies.includes(home)) return shopCurrency;
    return random.chance(this.mix.foreignCurrencyShare) ? home : shopCurrency;
  }

  private pickVariants(random: SeededRandom, channel: SalesChannel, force: OrderForce): GeneratedVariant[] {
    const count = Number(random.weighted({ 1: 45, 2: 28, 3: 15, 4: 8, 5: 3, 6: 1 }));
    // The counter sells what the shop holds; online orders can come from any stock.
    const onShelf = this.goods.filter((variant) => variant.stockedAt.includes('retail'));
    const pool = channel === 'pos' && onShelf.length > 0 ? onShelf : this.goods;
    const chosen: GeneratedVariant[] = [];
    if (force.variantIdentifiers) {
      const matching = this.goods.filter((variant) => variant.identifiers === force.variantIdentifiers);
      if (matching.length > 0) chosen.push(random.pick(matching));
    }
    for (const variant of random.sample(pool, count)) {
      if (chosen.length < count && !chosen.includes(variant)) chosen.push(variant);
    }
    return chosen;
  }

  private giftCardLines(
    random: SeededRandom,
    sellsGiftCardsOnly: boolean,
  ): { variantId: string; title: string; amount: MoneyAmount }[] {
    const count = sellsGiftCardsOnly && random.chance(0.25) ? 2 : 1;
    return random.sample(this.giftCardVariants, count).map((variant) => ({
      variantId: variant.id,
      title: variant.productTitle,
      amount: variant.price,
    }));
  }

  private shippingLines(random: SeededRandom, force: OrderForce): ShippingLineRequest[] {
    const carriers = SHIPPING_METHODS.filter((method) => method.code !== 'GIFT-WRAP');
    const first = random.pick(carriers);
    const lines: ShippingLineRequest[] = [
      { title: first.title, code: first.code, source: first.source, price: this.shopMoney(first.priceUsd) },
    ];
    if (force.secondShippingLine ?? random.chance(this.mix.secondShippingLineShare)) {
      const second = random.chance(0.6)
        ? SHIPPING_METHODS.find((method) => method.code === 'GIFT-WRAP')!
        : random.pick(carriers.filter((method) => method !== first));
      lines.push({
        title: second.title,
        code: second.code,
        source: second.source,
        price: this.shopMoney(second.priceUsd),
      });
    }
    return lines;
  }

  private discount(
    random: SeededRandom,
    ships: boolean,
    force: OrderForce,
  ): OrderDiscountRequest | undefined {
    const wanted =
      force.discount ??
      (random.chance(this.mix.discountShare)
        ? random.weighted({ percentage: 55, fixed: 30, freeShipping: 15 })
        : undefined);
    const kind = wanted === 'freeShipping' && !ships ? 'percentage' : wanted;
    switch (kind) {
      case undefined:
        return undefined;
      case 'percentage': {
        const percentage = random.pick([10, 15, 20]);
        return { kind, code: random.pick(['WELCOME', 'SPRING', 'Members']) + String(percentage), percentage };
      }
      case 'fixed': {
        const usd = random.pick(['5.00', '10.00', '20.00']);
        return { kind, code: `SAVE${Number(usd)}`, amount: this.shopMoney(usd) };
      }
      case 'freeShipping':
        return { kind, code: 'FREESHIP' };
    }
  }

  private tipFor(
    random: SeededRandom,
    lines: OrderLineRequest[],
    giftCardAmounts: MoneyAmount[],
  ): MoneyAmount {
    const goods = lines
      .reduce((sum, line) => sum.plus(new Decimal(line.unitPrice).times(line.quantity)), new Decimal(0))
      .plus(giftCardAmounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0)));
    const tip = roundMoney(goods.times(random.pick(['0.05', '0.10', '0.15'])));
    return formatMoney(Decimal.max(tip, this.shopMoney('1.00')));
  }

  private giftCardPayment(
    random: SeededRandom,
    request: CreateOrderRequest,
  ): CreateOrderRequest['giftCardPayment'] {
    const total = new Decimal(
      priceOrder(request, this.shopContext, this.shopContext.shopCurrency).totalPrice,
    );
    const cards = [...this.giftCardBalances].filter(([, balance]) => balance.greaterThan(0));
    if (cards.length === 0 || total.lessThanOrEqualTo(1)) return undefined;
    const [card, balance] = random.pick(cards);
    // Part of the order: the rest goes on the card, as most gift card redemptions do.
    const wanted = roundMoney(total.times(random.pick(['0.3', '0.5', '0.8'])));
    const amount = Decimal.min(wanted, balance);
    this.giftCardBalances.set(card, balance.minus(amount));
    return { amount: formatMoney(amount), ...(card.id ? { giftCardId: card.id } : {}) };
  }

  private fulfillment(
    random: SeededRandom,
    channel: SalesChannel,
    sellsGiftCardsOnly: boolean,
    financial: RequestedFinancialStatus,
    lines: OrderLineRequest[],
    force: OrderForce,
  ): CreateOrderRequest['fulfilled'] {
    if (channel === 'pos' || sellsGiftCardsOnly) return true;
    const shipped = force.fulfilled ?? (financial === 'PAID' && random.chance(this.mix.fulfilledShare));
    if (!shipped) return undefined;
    const firstVariant = this.goods.find(
      (variant) => variant.id === lines.find((line) => line.variantId)?.variantId,
    );
    const from =
      firstVariant &&
      !firstVariant.stockedAt.includes('warehouse') &&
      firstVariant.stockedAt.includes('thirdParty')
        ? 'thirdParty'
        : 'warehouse';
    return {
      locationId: locationByRole(this.catalog, from).id,
      trackingCompany: random.pick(TRACKING_COMPANIES),
      trackingNumber: `${random.pick(['JD', '1Z', 'RR', '00'])}${random.digits(14)}`,
    };
  }

  private tags(random: SeededRandom, channel: SalesChannel, mixedCase: boolean): string[] {
    if (mixedCase) {
      // One tag with capitals and one without, so case-sensitive filters have both to tell apart.
      return [
        random.pick(ORDER_TAGS.filter((tag) => tag !== tag.toLowerCase())),
        random.pick(ORDER_TAGS.filter((tag) => tag === tag.toLowerCase())),
      ];
    }
    const tags = random.sample(ORDER_TAGS, random.int(1, 2));
    return channel === 'marketplace' ? [...tags, 'eBay'] : tags;
  }

  private gateway(random: SeededRandom, channel: SalesChannel): string {
    switch (channel) {
      case 'web':
        return random.chance(0.8) ? 'shopify_payments' : 'paypal';
      case 'pos':
        return random.chance(0.4) ? 'cash' : 'shopify_payments';
      case 'marketplace':
        return 'ebay_managed_payments';
      case 'draft':
        return random.chance(0.5) ? 'manual' : 'Bank Deposit';
    }
  }

  /** Where order routing would ship a variant from: the warehouse if it holds it, else the 3PL. */
  private shipFrom(variant: GeneratedVariant): string {
    const role =
      !variant.stockedAt.includes('warehouse') && variant.stockedAt.includes('thirdParty')
        ? 'thirdParty'
        : 'warehouse';
    return locationByRole(this.catalog, role).id;
  }

  private shopMoney(usd: MoneyAmount): MoneyAmount {
    return formatMoney(convertMoney(usd, 'USD', this.shopContext.shopCurrency));
  }
}

function currencyOfCountry(countryCode: string | undefined): string {
  return (countryCode && COUNTRY_PROFILES[countryCode]?.currencyCode) || '';
}
