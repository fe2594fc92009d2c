import { Decimal as DecimalBase } from 'decimal.js';
import type { MoneyBag } from './order-snapshot';

/**
 * Money arithmetic: decimal strings in, Decimal in code, decimal strings out. Never a JS float.
 * A private Decimal class so nobody else's global configuration changes our rounding.
 */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

export class InvalidAmountError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field}: expected a decimal string like "12.50", got ${JSON.stringify(value)}`);
    this.name = 'InvalidAmountError';
  }
}

/** Parses a decimal string; `field` names the value in the error. Numbers are refused on purpose. */
export function toDecimal(value: string, field = 'amount'): Decimal {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value.trim()))
    throw new InvalidAmountError(field, value);
  return new Decimal(value.trim());
}

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_PATTERN.test(value.trim());
}

export const ZERO = new Decimal(0);

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((total, value) => total.plus(value), ZERO);
}

/** Which side of a MoneyBag a document uses. */
export type MoneySide = 'shop' | 'presentment';

export function amountOf(bag: MoneyBag, side: MoneySide, field = 'amount'): Decimal {
  return toDecimal(bag[side].amount, `${field}.${side}`);
}

const minorUnits = new Map<string, number>();

/**
 * Minor units of a currency (JPY 0, USD 2, KWD 3) from the runtime's ICU data, which Node updates
 * with each release instead of a table kept by hand. A code that is not three letters gets 2.
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

/** Rounds half away from zero to the currency's minor unit. */
export function roundMoney(value: Decimal, currencyCode: string): Decimal {
  return value.toDecimalPlaces(currencyDecimals(currencyCode), Decimal.ROUND_HALF_UP);
}

/** A plain decimal string with the currency's number of decimals, e.g. "12.50". */
export function formatMoney(value: Decimal, currencyCode: string): string {
  return roundMoney(value, currencyCode).toFixed(currencyDecimals(currencyCode));
}
