import Decimal from 'decimal.js';

/**
 * Money of the simulated shop: the schema's MoneyV2 and MoneyBag, the arithmetic the resolvers and
 * mutations use, and the generator's fixed exchange rates. The connector's own money rules live in
 * domain/money.ts; this side only has to answer as Shopify does.
 */

const minorUnits = new Map<string, number>();

/**
 * Minor units of a currency (JPY 0, USD 2, KWD 3) from the runtime's ICU data, which Node updates
 * with each release instead of a table kept by hand.
 */
export function currencyDecimals(currencyCode: string): number {
  const code = currencyCode.toUpperCase();
  let digits = minorUnits.get(code);
  if (digits === undefined) {
    digits = /^[A-Z]{3}$/.test(code)
      ? (new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits ?? 2)
      : 2;
    minorUnits.set(code, digits);
  }
  return digits;
}

/** MoneyV2 as the schema shapes it: amount is a decimal string, never a float. */
export interface Money {
  amount: string;
  currencyCode: string;
}

/** MoneyBag as the schema shapes it: the shop's currency and the customer's (presentment) currency. */
export interface MoneyBag {
  shopMoney: Money;
  presentmentMoney: Money;
}

export type DecimalLike = Decimal | string | number;

/**
 * Shopify prints decimals without trailing zeros but with at least one fraction digit, rounded to
 * the currency's minor units: "10.0", "24.99", "1500.0" for JPY.
 */
export function formatAmount(value: DecimalLike, currencyCode: string): string {
  const text = new Decimal(value)
    .toDecimalPlaces(currencyDecimals(currencyCode), Decimal.ROUND_HALF_EVEN)
    .toFixed();
  return text.includes('.') ? text : `${text}.0`;
}

export function money(amount: DecimalLike, currencyCode: string): Money {
  return { amount: formatAmount(amount, currencyCode), currencyCode };
}

export function moneyBag(
  shopAmount: DecimalLike,
  presentmentAmount: DecimalLike,
  currencies: { shop: string; presentment: string },
): MoneyBag {
  return {
    shopMoney: money(shopAmount, currencies.shop),
    presentmentMoney: money(presentmentAmount, currencies.presentment),
  };
}

/** A pair of amounts (shop, presentment) used while computing; turned into a MoneyBag at the end. */
export class Amounts {
  constructor(
    readonly shop: Decimal = new Decimal(0),
    readonly presentment: Decimal = new Decimal(0),
  ) {}
  static zero(): Amounts {
    return new Amounts();
  }
  static of(shop: DecimalLike, presentment: DecimalLike = shop): Amounts {
    return new Amounts(new Decimal(shop), new Decimal(presentment));
  }
  static fromBag(bag: MoneyBag | undefined | null): Amounts {
    if (!bag) return Amounts.zero();
    return Amounts.of(bag.shopMoney.amount, bag.presentmentMoney.amount);
  }
  static sum(items: Iterable<Amounts>): Amounts {
    let total = Amounts.zero();
    for (const item of items) total = total.plus(item);
    return total;
  }
  plus(other: Amounts): Amounts {
    return new Amounts(this.shop.plus(other.shop), this.presentment.plus(other.presentment));
  }
  minus(other: Amounts): Amounts {
    return new Amounts(this.shop.minus(other.shop), this.presentment.minus(other.presentment));
  }
  times(factor: DecimalLike): Amounts {
    return new Amounts(this.shop.times(factor), this.presentment.times(factor));
  }
  dividedBy(divisor: DecimalLike): Amounts {
    return new Amounts(this.shop.dividedBy(divisor), this.presentment.dividedBy(divisor));
  }
  round(): Amounts {
    return new Amounts(this.shop.toDecimalPlaces(2), this.presentment.toDecimalPlaces(2));
  }
  max0(): Amounts {
    return new Amounts(Decimal.max(this.shop, 0), Decimal.max(this.presentment, 0));
  }
  isZero(): boolean {
    return this.shop.isZero() && this.presentment.isZero();
  }
  bag(currencies: { shop: string; presentment: string }): MoneyBag {
    return moneyBag(this.shop, this.presentment, currencies);
  }
}

/** A decimal amount as Shopify sends it ("12.50"), always two places for the currencies we generate. */
export type MoneyAmount = string;

/**
 * Units of each currency per 1 USD. Fixed on purpose: generated stores must not depend on the day
 * they are built. Only two-decimal currencies, so every amount rounds to cents.
 */
export const USD_EXCHANGE_RATES: Readonly<Record<string, string>> = {
  USD: '1',
  EUR: '0.92',
  GBP: '0.79',
  CAD: '1.36',
  AUD: '1.52',
  CHF: '0.88',
  NOK: '10.60',
  SEK: '10.45',
  DKK: '6.87',
};

export const SUPPORTED_CURRENCIES = Object.keys(USD_EXCHANGE_RATES);

export function roundMoney(amount: Decimal.Value): Decimal {
  return new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function formatMoney(amount: Decimal.Value): MoneyAmount {
  return roundMoney(amount).toFixed(2);
}

export function sumMoney(amounts: readonly Decimal.Value[]): Decimal {
  return amounts.reduce<Decimal>((sum, amount) => sum.plus(amount), new Decimal(0));
}

/** How many units of `to` one unit of `from` buys, from the fixed table. */
export function exchangeRate(from: string, to: string): Decimal {
  const fromPerUsd = USD_EXCHANGE_RATES[from];
  const toPerUsd = USD_EXCHANGE_RATES[to];
  if (!fromPerUsd || !toPerUsd) {
    const unknown = fromPerUsd ? to : from;
    throw new Error(
      `Currency ${unknown} has no generator exchange rate: use one of ${SUPPORTED_CURRENCIES.join(', ')}.`,
    );
  }
  return new Decimal(toPerUsd).dividedBy(fromPerUsd);
}

export function convertMoney(amount: Decimal.Value, from: string, to: string): Decimal {
  return from === to ? roundMoney(amount) : roundMoney(new Decimal(amount).times(exchangeRate(from, to)));
}

/**
 * Splits `total` over `weights` in proportion, rounding to cents; the largest weight absorbs the
 * rounding remainder so the parts always add up to the total exactly.
 */
export function allocateMoney(total: Decimal.Value, weights: readonly Decimal.Value[]): Decimal[] {
  const totalAmount = roundMoney(total);
  const weightSum = sumMoney(weights);
  if (weights.length === 0) return [];
  if (weightSum.isZero()) return weights.map(() => new Decimal(0));
  const parts = weights.map((weight) => roundMoney(totalAmount.times(weight).dividedBy(weightSum)));
  const remainder = totalAmount.minus(sumMoney(parts));
  let largest = 0;
  weights.forEach((weight, index) => {
    if (new Decimal(weight).greaterThan(weights[largest] as Decimal.Value)) largest = index;
  });
  parts[largest] = (parts[largest] as Decimal).plus(remainder);
  return parts;
}
