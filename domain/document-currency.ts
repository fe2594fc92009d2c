import { OrderProblems, type OrderProblem } from './order-problems';
import type { MoneySide } from './money';
import type { CurrencyHandling } from './shop-settings';

export interface DocumentCurrency {
  /** Which Shopify money bag the document's amounts come from. */
  side: MoneySide;
  /** ISO code of the amounts (for rounding and display). */
  isoCode: string;
  /** ERP currency code of the document; null = local currency (LCY), no exchange rate needed. */
  currencyCode: string | null;
}

/**
 * The currency a document is created in (SPEC §1): the shop currency by default, the customer's
 * presentment currency when the shop card says so. A shop card without a currency code claims the
 * shop sells in LCY; if Shopify says otherwise that is a set-up error, not something to paper over.
 */
export function documentCurrency(input: {
  orderName: string;
  shopCode: string;
  handling: CurrencyHandling;
  shopCurrencyCode: string | null;
  orderCurrencyCode: string;
  presentmentCurrencyCode: string;
  lcyCode: string;
}): { currency: DocumentCurrency } | { problem: OrderProblem } {
  const lcy = input.lcyCode.toUpperCase();
  if (input.handling === 'presentment') {
    const iso = input.presentmentCurrencyCode.toUpperCase();
    return { currency: { side: 'presentment', isoCode: iso, currencyCode: iso === lcy ? null : iso } };
  }
  const shopIso = input.orderCurrencyCode.toUpperCase();
  const cardCurrency = input.shopCurrencyCode?.toUpperCase() ?? null;
  if (cardCurrency === null && shopIso !== lcy) {
    return {
      problem: {
        ...OrderProblems.currencyNotSetUp(input.orderName, shopIso, 'currencyCode'),
        message:
          `Order ${input.orderName}: the shop sells in ${shopIso} but shop card '${input.shopCode}' has no currency code, ` +
          `which means the local currency ${lcy}: set it with \`orderbridge shop set ${input.shopCode} --currency ${shopIso}\``,
        fix: `set it with \`orderbridge shop set ${input.shopCode} --currency ${shopIso}\``,
      },
    };
  }
  const currencyCode = cardCurrency === null || cardCurrency === lcy ? null : cardCurrency;
  return { currency: { side: 'shop', isoCode: shopIso, currencyCode } };
}

export interface ExchangeRate {
  /** YYYY-MM-DD. */
  startingDate: string;
  rateLcyPerUnit: string;
}

/** The rate valid on `date` (YYYY-MM-DD): the latest one starting on or before it, or null. */
export function exchangeRateOn<T extends ExchangeRate>(rates: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const rate of rates) {
    if (rate.startingDate <= date && (best === null || rate.startingDate > best.startingDate)) best = rate;
  }
  return best;
}
