import Decimal from 'decimal.js';

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
