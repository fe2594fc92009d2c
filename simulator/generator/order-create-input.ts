import Decimal from 'decimal.js';
import type {
  CountryCode,
  CurrencyCode,
  MailingAddressInput,
  MoneyBagInput,
  OrderCreateCustomerAddressInput,
  OrderCreateLineItemInput,
  OrderCreateOrderInput,
  OrderCreateOrderTransactionInput,
} from './generated/graphql';
import { formatMoney, sumMoney, SUPPORTED_CURRENCIES } from '../money';
import { priceOrder, type OrderAmounts, type PricingContext } from './order-pricing';
import type { CreateOrderRequest } from './order-request';
import type { AddressPlan } from './store-plan';

/** What an order is priced and paid against: the shop's currency and tax model. */
export interface OrderShopContext extends PricingContext {
  taxTitle: string;
}

/** The order as the generator expects Shopify to report it, in shop and presentment money. */
export interface ExpectedOrderAmounts {
  shop: OrderAmounts;
  presentment: OrderAmounts;
}

export interface BuiltOrderCreateInput {
  order: OrderCreateOrderInput;
  expected: ExpectedOrderAmounts;
  /** Request line indexes left out of orderCreate: they carry a line discount and are added by an edit. */
  linesAddedByEdit: number[];
}

/** Tips are lines titled exactly "Tip" without a product: how Shopify records them and ERPs find them. */
export const TIP_LINE_TITLE = 'Tip';

const DEFAULT_GATEWAY_BY_SOURCE: Readonly<Record<string, string>> = { web: 'shopify_payments', pos: 'cash' };
export const GIFT_CARD_GATEWAY = 'gift_card';

export function asCurrencyCode(code: string): CurrencyCode {
  if (!SUPPORTED_CURRENCIES.includes(code)) {
    throw new Error(
      `Currency ${code} is not supported by the generator: use one of ${SUPPORTED_CURRENCIES.join(', ')}.`,
    );
  }
  return code as CurrencyCode;
}

export function mailingAddressInput(address: AddressPlan): MailingAddressInput {
  return {
    firstName: address.firstName,
    lastName: address.lastName,
    ...(address.company ? { company: address.company } : {}),
    address1: address.address1,
    ...(address.address2 ? { address2: address.address2 } : {}),
    city: address.city,
    zip: address.zip,
    ...(address.provinceCode ? { provinceCode: address.provinceCode } : {}),
    countryCode: address.countryCode as CountryCode,
    ...(address.phone ? { phone: address.phone } : {}),
  };
}

/**
 * Turns a scenario request into orderCreate's input: every amount as a MoneyBag (presentment money
 * alongside shop money when the customer paid in another currency), taxes as explicit tax lines,
 * tips as a "Tip" line, payments as transactions. Pure: the same request always gives the same input.
 */
export function buildOrderCreateInput(
  request: CreateOrderRequest,
  shop: OrderShopContext,
): BuiltOrderCreateInput {
  validateRequest(request);
  const shopCurrency = asCurrencyCode(shop.shopCurrency);
  const presentmentCurrency = asCurrencyCode(request.presentmentCurrency ?? shop.shopCurrency);
  const pricing: PricingContext = {
    shopCurrency: shop.shopCurrency,
    taxRate: request.taxRate ?? shop.taxRate,
    taxesIncluded: request.taxesIncluded ?? shop.taxesIncluded,
  };
  const inShop = priceOrder(request, pricing, shopCurrency);
  const inPresentment = priceOrder(request, pricing, presentmentCurrency);
  const foreign = presentmentCurrency !== shopCurrency;
  const bag = (shopAmount: Decimal.Value, presentmentAmount: Decimal.Value): MoneyBagInput => ({
    shopMoney: { amount: formatMoney(shopAmount), currencyCode: shopCurrency },
    ...(foreign
      ? { presentmentMoney: { amount: formatMoney(presentmentAmount), currencyCode: presentmentCurrency } }
      : {}),
  });
  const taxTitle = request.taxTitle ?? shop.taxTitle;

  const linesAddedByEdit = request.lines.flatMap((line, index) =>
    line.lineDiscountPercent === undefined ? [] : [index],
  );
  const productLines: OrderCreateLineItemInput[] = request.lines.flatMap((line, index) => {
    if (line.lineDiscountPercent !== undefined) return [];
    const taxable = line.taxable ?? true;
    const hasTax = taxable && !new Decimal(inShop.lineTaxes[index]!).isZero();
    return [
      {
        ...(line.variantId ? { variantId: line.variantId } : {}),
        title: line.title,
        ...(line.variantTitle ? { variantTitle: line.variantTitle } : {}),
        ...(line.sku ? { sku: line.sku } : {}),
        ...(line.vendor ? { vendor: line.vendor } : {}),
        quantity: line.quantity,
        priceSet: bag(inShop.unitPrices[index]!, inPresentment.unitPrices[index]!),
        requiresShipping: line.requiresShipping ?? true,
        taxable,
        ...(hasTax
          ? {
              taxLines: [
                {
                  title: taxTitle,
                  rate: pricing.taxRate,
                  priceSet: bag(inShop.lineTaxes[index]!, inPresentment.lineTaxes[index]!),
                },
              ],
            }
          : {}),
      },
    ];
  });
  const giftCardLines: OrderCreateLineItemInput[] = (request.giftCardLines ?? []).map((line, index) => {
    const quantity = line.quantity ?? 1;
    return {
      ...(line.variantId ? { variantId: line.variantId } : {}),
      title: line.title ?? 'Gift Card',
      quantity,
      priceSet: bag(
        new Decimal(inShop.giftCardLineTotals[index]!).dividedBy(quantity),
        new Decimal(inPresentment.giftCardLineTotals[index]!).dividedBy(quantity),
      ),
      giftCard: true,
      requiresShipping: false,
      taxable: false,
    };
  });
  const tipLines: OrderCreateLineItemInput[] = request.tip
    ? [
        {
          title: TIP_LINE_TITLE,
          quantity: 1,
          priceSet: bag(inShop.tip, inPresentment.tip),
          requiresShipping: false,
          taxable: false,
        },
      ]
    : [];

  const pos = request.pos;
  const customerAddress =
    request.customer && 'email' in request.customer ? request.customer.addresses?.[0] : undefined;
  const shipsSomething =
    request.lines.some((line) => line.requiresShipping ?? true) && (request.shippingLines?.length ?? 0) > 0;
  // POS buyers leave with their goods: Shopify keeps no address on the order.
  const shippingAddress = pos
    ? null
    : (request.shippingAddress ?? (shipsSomething ? customerAddress : undefined) ?? null);
  const billingAddress = pos ? null : (request.billingAddress ?? shippingAddress ?? customerAddress ?? null);

  const order: OrderCreateOrderInput = {
    currency: shopCurrency,
    ...(foreign ? { presentmentCurrency } : {}),
    lineItems: [...productLines, ...giftCardLines, ...tipLines],
    ...(request.shippingLines?.length
      ? {
          shippingLines: request.shippingLines.map((line, index) => ({
            title: line.title,
            ...(line.code ? { code: line.code } : {}),
            ...(line.source ? { source: line.source } : {}),
            priceSet: bag(inShop.shippingPrices[index]!, inPresentment.shippingPrices[index]!),
          })),
        }
      : {}),
    ...discountCodeInput(request, bag, inShop, inPresentment),
    ...customerInput(request),
    ...(request.email ? { email: request.email } : {}),
    ...(shippingAddress ? { shippingAddress: mailingAddressInput(shippingAddress) } : {}),
    ...(billingAddress ? { billingAddress: mailingAddressInput(billingAddress) } : {}),
    financialStatus: request.financialStatus ?? 'PAID',
    transactions: transactionsInput(request, bag, inShop, inPresentment),
    ...fulfillmentInput(request),
    sourceName: request.sourceName ?? (pos ? 'pos' : 'web'),
    ...(request.sourceIdentifier ? { sourceIdentifier: request.sourceIdentifier } : {}),
    ...(request.tags?.length ? { tags: request.tags } : {}),
    ...(request.note ? { note: request.note } : {}),
    ...(request.poNumber ? { poNumber: request.poNumber } : {}),
    taxesIncluded: pricing.taxesIncluded,
    ...(request.test ? { test: true } : {}),
  };
  return { order, expected: { shop: inShop, presentment: inPresentment }, linesAddedByEdit };
}

function validateRequest(request: CreateOrderRequest): void {
  const hasGoods = request.lines.length + (request.giftCardLines?.length ?? 0) > 0;
  if (!hasGoods) throw new Error('An order needs at least one product line or gift card line.');
  const createdWith = request.lines.filter((line) => line.lineDiscountPercent === undefined).length;
  if (createdWith + (request.giftCardLines?.length ?? 0) === 0) {
    throw new Error(
      'Every line has a line discount, but discounted lines are added by an edit after orderCreate: leave one line undiscounted.',
    );
  }
  for (const line of request.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw new Error(
        `Line "${line.title}" has quantity ${line.quantity}: use a whole number of at least 1.`,
      );
    }
    if (
      line.lineDiscountPercent !== undefined &&
      !(line.lineDiscountPercent > 0 && line.lineDiscountPercent <= 100)
    ) {
      throw new Error(
        `Line "${line.title}" has discount ${line.lineDiscountPercent}%: use a percentage above 0, at most 100.`,
      );
    }
  }
  const status = request.financialStatus ?? 'PAID';
  if (request.giftCardPayment && status !== 'PAID' && status !== 'PARTIALLY_PAID') {
    throw new Error(
      `A gift card payment has been received, so the order cannot be ${status}: use financialStatus PAID or PARTIALLY_PAID.`,
    );
  }
  if (status === 'PARTIALLY_PAID' && !request.giftCardPayment) {
    throw new Error('financialStatus PARTIALLY_PAID needs a giftCardPayment for the part that was paid.');
  }
}

type BagMaker = (shopAmount: Decimal.Value, presentmentAmount: Decimal.Value) => MoneyBagInput;

function discountCodeInput(
  request: CreateOrderRequest,
  bag: BagMaker,
  inShop: OrderAmounts,
  inPresentment: OrderAmounts,
): Pick<OrderCreateOrderInput, 'discountCode'> {
  const discount = request.discount;
  if (!discount) return {};
  switch (discount.kind) {
    case 'percentage':
      return {
        discountCode: {
          itemPercentageDiscountCode: { code: discount.code, percentage: discount.percentage },
        },
      };
    case 'fixed': {
      // The allocations add up to what the lines could absorb (a code larger than the goods is capped).
      const shopAmount = sumMoney(inShop.codeDiscounts);
      const presentmentAmount = sumMoney(inPresentment.codeDiscounts);
      return {
        discountCode: {
          itemFixedDiscountCode: { code: discount.code, amountSet: bag(shopAmount, presentmentAmount) },
        },
      };
    }
    case 'freeShipping':
      return { discountCode: { freeShippingDiscountCode: { code: discount.code } } };
  }
}

function customerInput(request: CreateOrderRequest): Pick<OrderCreateOrderInput, 'customer'> {
  const customer = request.customer;
  if (!customer) return {};
  if ('id' in customer) return { customer: { toAssociate: { id: customer.id } } };
  return {
    customer: {
      toUpsert: {
        email: customer.email,
        ...(customer.firstName ? { firstName: customer.firstName } : {}),
        ...(customer.lastName ? { lastName: customer.lastName } : {}),
        ...(customer.phone ? { phone: customer.phone } : {}),
        ...(customer.addresses?.length ? { addresses: customer.addresses.map(customerAddressInput) } : {}),
      },
    },
  };
}

/** The upsert's address input takes country and province as text; Shopify accepts the codes there. */
function customerAddressInput(address: AddressPlan): OrderCreateCustomerAddressInput {
  return {
    firstName: address.firstName,
    lastName: address.lastName,
    ...(address.company ? { company: address.company } : {}),
    address1: address.address1,
    ...(address.address2 ? { address2: address.address2 } : {}),
    city: address.city,
    zip: address.zip,
    ...(address.provinceCode ? { province: address.provinceCode } : {}),
    country: address.countryCode,
    ...(address.phone ? { phone: address.phone } : {}),
  };
}

function transactionsInput(
  request: CreateOrderRequest,
  bag: BagMaker,
  inShop: OrderAmounts,
  inPresentment: OrderAmounts,
): OrderCreateOrderTransactionInput[] {
  const status = request.financialStatus ?? 'PAID';
  if (status === 'PENDING') return [];
  const sourceName = request.sourceName ?? (request.pos ? 'pos' : 'web');
  const gateway = request.gateway ?? DEFAULT_GATEWAY_BY_SOURCE[sourceName] ?? `${sourceName}_marketplace`;
  const locationId = request.pos ? { locationId: request.pos.locationId } : {};
  const transactions: OrderCreateOrderTransactionInput[] = [];
  const giftCardShop = new Decimal(inShop.giftCardPayment);
  const giftCardPresentment = new Decimal(inPresentment.giftCardPayment);
  if (request.giftCardPayment) {
    transactions.push({
      kind: 'SALE',
      status: 'SUCCESS',
      gateway: GIFT_CARD_GATEWAY,
      amountSet: bag(giftCardShop, giftCardPresentment),
      ...(request.giftCardPayment.giftCardId ? { giftCardId: request.giftCardPayment.giftCardId } : {}),
      ...locationId,
    });
  }
  if (status === 'PARTIALLY_PAID') return transactions;
  const restShop = new Decimal(inShop.totalPrice).minus(giftCardShop);
  const restPresentment = new Decimal(inPresentment.totalPrice).minus(giftCardPresentment);
  if (restShop.greaterThan(0)) {
    transactions.push({
      kind: status === 'AUTHORIZED' ? 'AUTHORIZATION' : 'SALE',
      status: 'SUCCESS',
      gateway,
      amountSet: bag(restShop, restPresentment),
      ...locationId,
    });
  }
  return transactions;
}

function fulfillmentInput(
  request: CreateOrderRequest,
): Pick<OrderCreateOrderInput, 'fulfillmentStatus' | 'fulfillment'> {
  const fulfilled = request.fulfilled ?? Boolean(request.pos);
  if (!fulfilled) return {};
  const location =
    typeof fulfilled === 'object'
      ? fulfilled
      : request.pos
        ? { locationId: request.pos.locationId }
        : undefined;
  return {
    fulfillmentStatus: 'FULFILLED',
    ...(location
      ? {
          fulfillment: {
            locationId: location.locationId,
            notifyCustomer: false,
            ...('trackingCompany' in location && location.trackingCompany
              ? { trackingCompany: location.trackingCompany }
              : {}),
            ...('trackingNumber' in location && location.trackingNumber
              ? { trackingNumber: location.trackingNumber }
              : {}),
          },
        }
      : {}),
  };
}
