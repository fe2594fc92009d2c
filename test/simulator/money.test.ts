import { describe, expect, it } from 'vitest';
import { currencyDecimals, formatAmount, money } from '../../simulator/money';

describe('simulator money', () => {
  it.each([
    ['JPY', 0],
    ['USD', 2],
    ['SEK', 2],
    ['KWD', 3],
  ])('knows the minor units of %s: %i', (currency, digits) => {
    expect(currencyDecimals(currency)).toBe(digits);
  });

  it.each([
    ['24.99', 'USD', '24.99'],
    ['10', 'USD', '10.0'],
    ['1500.4', 'JPY', '1500.0'],
    ['1.2345', 'KWD', '1.234'],
    ['1.2355', 'KWD', '1.236'],
  ])('prints %s %s as Shopify does: %s', (amount, currency, printed) => {
    expect(formatAmount(amount, currency)).toBe(printed);
  });

  it('rounds a MoneyV2 to its own currency', () => {
    expect(money('1234.5', 'JPY')).toEqual({ amount: '1234.0', currencyCode: 'JPY' });
  });
});
