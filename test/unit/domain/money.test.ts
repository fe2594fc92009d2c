import { describe, expect, it } from 'vitest';
import {
  amountOf,
  currencyDecimals,
  formatMoney,
  InvalidAmountError,
  isDecimalString,
  sum,
  toDecimal,
} from '../../../domain/money';
import { seededRandom } from './seeded-random';

describe('money', () => {
  it('adds decimal strings exactly where floats would not', () => {
    expect(sum([toDecimal('0.1'), toDecimal('0.2')]).toString()).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it.each(['12', '12.5', '-3.10', '0.0001', ' 7.00 '])('accepts %j', (value) => {
    expect(isDecimalString(value)).toBe(true);
    expect(() => toDecimal(value)).not.toThrow();
  });

  it.each(['', 'abc', '1e5', '12,50', 'NaN', '1.', '.5'])('refuses %j and names the field', (value) => {
    expect(() => toDecimal(value, 'lines[0].originalUnitPrice.shop')).toThrow(InvalidAmountError);
    expect(() => toDecimal(value, 'lines[0].originalUnitPrice.shop')).toThrow(
      /lines\[0\]\.originalUnitPrice\.shop/,
    );
  });

  it('refuses numbers outright', () => {
    expect(() => toDecimal(12.5 as unknown as string)).toThrow(InvalidAmountError);
  });

  it.each([
    ['2.345', 'EUR', '2.35'],
    ['2.344', 'EUR', '2.34'],
    ['-2.345', 'EUR', '-2.35'],
    ['1234.5', 'JPY', '1235'],
    ['1.2345', 'KWD', '1.235'],
    ['10', 'USD', '10.00'],
  ])('formats %s %s as %s (half away from zero, currency minor units)', (value, currency, expected) => {
    expect(formatMoney(toDecimal(value), currency)).toBe(expected);
  });

  it.each([
    ['JPY', 0],
    ['jpy', 0],
    ['KRW', 0],
    ['USD', 2],
    ['EUR', 2],
    ['NOK', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['OMR', 3],
  ])('knows the minor units of %s: %i', (currency, digits) => {
    expect(currencyDecimals(currency)).toBe(digits);
  });

  it('gives 2 for a code that is no currency code, instead of throwing', () => {
    expect(currencyDecimals('')).toBe(2);
    expect(currencyDecimals('EURO')).toBe(2);
  });

  it('reads either side of a money bag', () => {
    const bag = {
      shop: { amount: '10.00', currencyCode: 'NOK' },
      presentment: { amount: '1.00', currencyCode: 'EUR' },
    };
    expect(amountOf(bag, 'shop').toString()).toBe('10');
    expect(amountOf(bag, 'presentment').toString()).toBe('1');
  });

  it('sums many cent amounts without drift (property)', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 200; round++) {
      const cents = Array.from({ length: random.integer(1, 60) }, () => random.integer(-100000, 100000));
      const expected = cents.reduce((total, value) => total + value, 0);
      const total = sum(cents.map((value) => toDecimal((value / 100).toFixed(2))));
      expect(total.times(100).toNumber()).toBe(expected);
    }
  });
});
