import type { CreateOrderRequest, RequestedFinancialStatus, RiskLevel } from './order-request';

/** How the sales channel looks to a connector filtering by source name. */
export type SalesChannel = 'web' | 'pos' | 'marketplace' | 'draft';

/** The features of one order that tests, benchmarks and mix checks count. */
export interface OrderTraits {
  channel: SalesChannel;
  sourceName: string;
  financialStatus: RequestedFinancialStatus;
  fulfilled: boolean;
  shopCurrency: string;
  presentmentCurrency: string;
  /** Product lines (gift cards and tips not counted). */
  productLineCount: number;
  giftCardLineCount: number;
  giftCardOnly: boolean;
  giftCardPayment: boolean;
  tip: boolean;
  discount: 'none' | 'percentage' | 'fixed' | 'freeShipping';
  lineDiscount: boolean;
  shippingLineCount: number;
  risk: RiskLevel | 'unassessed';
  tags: string[];
  /** existing = associated by id, so the request alone does not say whether it has an address. */
  customer: 'withAddress' | 'withoutAddress' | 'guest' | 'anonymous' | 'existing';
  hasShippingAddress: boolean;
  shippingCountry: string | null;
  customItem: boolean;
}

export function channelOf(sourceName: string): SalesChannel {
  if (sourceName === 'web') return 'web';
  if (sourceName === 'pos') return 'pos';
  if (sourceName === 'shopify_draft_order') return 'draft';
  return 'marketplace';
}

/** Reads the traits off a request; `shippingCountry` is where the built input ships to. */
export function describeOrder(
  request: CreateOrderRequest,
  shopCurrency: string,
  shippingCountry: string | null,
): OrderTraits {
  const sourceName = request.sourceName ?? (request.pos ? 'pos' : 'web');
  const customer = request.customer;
  return {
    channel: channelOf(sourceName),
    sourceName,
    financialStatus: request.financialStatus ?? 'PAID',
    fulfilled: Boolean(request.fulfilled ?? request.pos),
    shopCurrency,
    presentmentCurrency: request.presentmentCurrency ?? shopCurrency,
    productLineCount: request.lines.length,
    giftCardLineCount: request.giftCardLines?.length ?? 0,
    giftCardOnly: request.lines.length === 0 && (request.giftCardLines?.length ?? 0) > 0,
    giftCardPayment: Boolean(request.giftCardPayment),
    tip: Boolean(request.tip),
    discount: request.discount?.kind ?? 'none',
    lineDiscount: request.lines.some((line) => line.lineDiscountPercent !== undefined),
    shippingLineCount: request.shippingLines?.length ?? 0,
    risk: request.risk ?? 'unassessed',
    tags: [...(request.tags ?? [])],
    customer: !customer
      ? request.email
        ? 'guest'
        : 'anonymous'
      : 'id' in customer
        ? 'existing'
        : customer.addresses?.length
          ? 'withAddress'
          : 'withoutAddress',
    hasShippingAddress: shippingCountry !== null,
    shippingCountry,
    customItem: request.lines.some((line) => !line.variantId),
  };
}
