import type { MoneyAmount } from '../money';
import type { AddressPlan } from './store-plan';

/** Risk levels as Shopify's risk assessments name them. */
export type RiskLevel = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';

export type RequestedFinancialStatus = 'PAID' | 'PENDING' | 'AUTHORIZED' | 'PARTIALLY_PAID';

/** A product line. Prices are in the shop currency; presentment amounts are derived from them. */
export interface OrderLineRequest {
  /** A ProductVariant gid; absent for a custom item. */
  variantId?: string;
  title: string;
  variantTitle?: string;
  sku?: string | null;
  vendor?: string;
  quantity: number;
  unitPrice: MoneyAmount;
  /** Default true. */
  taxable?: boolean;
  /** Default true. */
  requiresShipping?: boolean;
  /**
   * The location that will ship this line. orderCreate leaves routing to Shopify (the simulator
   * assigns its default location), so a line routed elsewhere is moved there afterwards with
   * fulfillmentOrderMove, as order routing would have placed it from stock.
   */
  shipFromLocationId?: string;
  /**
   * A manual discount on this line only, in percent. orderCreate cannot carry one and Shopify lets
   * an edit discount only the items it adds, so such a line is added right after creation by an
   * order edit (orderEditAddVariant or orderEditAddCustomItem, then orderEditAddLineItemDiscount),
   * as a merchant adding a discounted item by phone would. The order's discount code does not
   * reach it. At least one line of the order must come without a line discount.
   */
  lineDiscountPercent?: number;
}

/** A sold gift card (an `isGiftCard` line): no tax, no shipping, fulfilled digitally. */
export interface GiftCardLineRequest {
  /** The gift card product's variant, if the store has one. */
  variantId?: string;
  title?: string;
  amount: MoneyAmount;
  quantity?: number;
}

export interface ShippingLineRequest {
  title: string;
  code?: string;
  source?: string;
  price: MoneyAmount;
}

/** orderCreate takes one discount code per order; it applies to the items (or to shipping). */
export type OrderDiscountRequest =
  | { kind: 'percentage'; code: string; percentage: number }
  | { kind: 'fixed'; code: string; amount: MoneyAmount }
  | { kind: 'freeShipping'; code: string };

export interface GiftCardPaymentRequest {
  amount: MoneyAmount;
  /** A GiftCard gid from giftCardCreate; without it the transaction carries only the gateway. */
  giftCardId?: string;
}

export type CustomerRequest =
  | { id: string }
  | { email: string; firstName?: string; lastName?: string; phone?: string; addresses?: AddressPlan[] };

export interface FulfillmentRequest {
  locationId: string;
  trackingCompany?: string;
  trackingNumber?: string;
}

/** Everything a scenario can ask of one order; omitted fields take realistic defaults. */
export interface CreateOrderRequest {
  lines: OrderLineRequest[];
  giftCardLines?: GiftCardLineRequest[];
  shippingLines?: ShippingLineRequest[];
  discount?: OrderDiscountRequest;
  /** Tip in the shop currency, sent as Shopify records tips: a "Tip" line without product. */
  tip?: MoneyAmount;
  giftCardPayment?: GiftCardPaymentRequest;
  /**
   * A point-of-sale order: sourceName "pos", no addresses, paid at the counter of `locationId`
   * (the retail location) and handed over at once unless `fulfilled` is false.
   */
  pos?: { locationId: string };
  /** null = guest checkout without a customer record. */
  customer?: CustomerRequest | null;
  email?: string;
  /** Defaults to the customer's first address for orders that ship; never set for POS orders. */
  shippingAddress?: AddressPlan | null;
  billingAddress?: AddressPlan | null;
  risk?: RiskLevel;
  tags?: string[];
  /** "web" by default, "pos" for POS orders; a marketplace app uses its own handle. */
  sourceName?: string;
  sourceIdentifier?: string;
  /** The currency the customer paid in; defaults to the shop currency. */
  presentmentCurrency?: string;
  /** Default PAID. */
  financialStatus?: RequestedFinancialStatus;
  /** Payment gateway of the non-gift-card part; defaults by channel. */
  gateway?: string;
  /** true = fulfilled where Shopify assigned the lines; an object chooses the location and tracking. */
  fulfilled?: boolean | FulfillmentRequest;
  note?: string;
  poNumber?: string;
  taxesIncluded?: boolean;
  /** Tax rate as a decimal fraction ("0.25") applied to taxable lines; "0" for none. */
  taxRate?: string;
  taxTitle?: string;
  test?: boolean;
}
