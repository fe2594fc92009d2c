import type { SalesChannel } from './order-traits';

/**
 * How often each kind of order occurs. Weights are relative; shares are probabilities (0..1) and
 * apply only where they make sense (a tip needs a web or POS checkout, a gift card payment a paid
 * order, and so on). The defaults are a mid-sized fashion and homeware shop's month.
 */
export interface OrderMix {
  channelWeights: Record<SalesChannel, number>;
  /** Web orders; POS and marketplace orders are always paid, draft orders mostly wait for payment. */
  financialWeights: { PAID: number; PENDING: number; AUTHORIZED: number };
  /** Paid web, marketplace and draft orders already shipped when the connector first sees them. */
  fulfilledShare: number;
  giftCardOnlyShare: number;
  /** A gift card sold alongside goods. */
  giftCardLineShare: number;
  /** Paid orders partly paid with a gift card. */
  giftCardPaymentShare: number;
  tipShare: number;
  /** Orders with a discount code (percentage, fixed amount or free shipping). */
  discountShare: number;
  /** Orders where the store took a percentage off one line. */
  lineDiscountShare: number;
  /** Customers whose home currency the shop offers, paying in it rather than the shop currency. */
  foreignCurrencyShare: number;
  riskWeights: { unassessed: number; NONE: number; LOW: number; MEDIUM: number; HIGH: number };
  tagShare: number;
  /** Online checkouts without a customer account. */
  guestShare: number;
  /** POS sales without a customer attached. */
  posAnonymousShare: number;
  /** A line for a service or item without a product (engraving, alterations). */
  customItemShare: number;
  /** Two shipping lines (a carrier plus gift wrapping, or a split shipment). */
  secondShippingLineShare: number;
}

export const DEFAULT_ORDER_MIX: OrderMix = {
  channelWeights: { web: 68, pos: 16, marketplace: 12, draft: 4 },
  financialWeights: { PAID: 76, PENDING: 16, AUTHORIZED: 8 },
  fulfilledShare: 0.3,
  giftCardOnlyShare: 0.04,
  giftCardLineShare: 0.04,
  giftCardPaymentShare: 0.07,
  tipShare: 0.1,
  discountShare: 0.25,
  lineDiscountShare: 0.06,
  foreignCurrencyShare: 0.8,
  riskWeights: { unassessed: 55, NONE: 8, LOW: 25, MEDIUM: 7, HIGH: 5 },
  tagShare: 0.35,
  guestShare: 0.12,
  posAnonymousShare: 0.55,
  customItemShare: 0.03,
  secondShippingLineShare: 0.12,
};

export function resolveOrderMix(mix: Partial<OrderMix> = {}): OrderMix {
  const resolved: OrderMix = {
    ...DEFAULT_ORDER_MIX,
    ...mix,
    channelWeights: { ...DEFAULT_ORDER_MIX.channelWeights, ...mix.channelWeights },
    financialWeights: { ...DEFAULT_ORDER_MIX.financialWeights, ...mix.financialWeights },
    riskWeights: { ...DEFAULT_ORDER_MIX.riskWeights, ...mix.riskWeights },
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (typeof value === 'number' && !(value >= 0 && value <= 1)) {
      throw new Error(`Order mix ${name} is ${value}: a share must be between 0 and 1.`);
    }
  }
  return resolved;
}
