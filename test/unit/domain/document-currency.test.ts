import { describe, expect, it } from 'vitest';
import { documentCurrency, exchangeRateOn } from '../../../domain/document-currency';

const base = {
  orderName: '#1004',
  shopCode: 'WEB',
  handling: 'shop' as const,
  shopCurrencyCode: null,
  orderCurrencyCode: 'NOK',
  presentmentCurrencyCode: 'EUR',
  lcyCode: 'NOK',
};

describe('documentCurrency', () => {
  it('a shop selling in LCY makes LCY documents from the shop bag', () => {
    expect(documentCurrency(base)).toEqual({
      currency: { side: 'shop', isoCode: 'NOK', currencyCode: null },
    });
  });

  it('a shop card with a foreign currency makes documents in it', () => {
    expect(documentCurrency({ ...base, shopCurrencyCode: 'eur', orderCurrencyCode: 'EUR' })).toEqual({
      currency: { side: 'shop', isoCode: 'EUR', currencyCode: 'EUR' },
    });
  });

  it('presentment handling uses the customer currency, and LCY when the customer paid in it', () => {
    expect(documentCurrency({ ...base, handling: 'presentment' })).toEqual({
      currency: { side: 'presentment', isoCode: 'EUR', currencyCode: 'EUR' },
    });
    expect(documentCurrency({ ...base, handling: 'presentment', presentmentCurrencyCode: 'NOK' })).toEqual({
      currency: { side: 'presentment', isoCode: 'NOK', currencyCode: null },
    });
  });

  it('refuses a shop that sells in another currency than the LCY its card claims, saying how to fix it', () => {
    const result = documentCurrency({ ...base, orderCurrencyCode: 'SEK' });
    expect('problem' in result && result.problem).toMatchObject({
      code: 'CURRENCY_NOT_SET_UP',
      fix: 'set it with `orderbridge shop set WEB --currency SEK`',
    });
  });
});

describe('exchangeRateOn', () => {
  const rates = [
    { startingDate: '2026-01-01', rateLcyPerUnit: '11.5' },
    { startingDate: '2026-11-01', rateLcyPerUnit: '11.7' },
    { startingDate: '2026-12-01', rateLcyPerUnit: '11.9' },
  ];

  it.each([
    ['2026-11-20', '11.7'],
    ['2026-11-01', '11.7'],
    ['2026-10-31', '11.5'],
    ['2027-05-05', '11.9'],
  ])('on %s uses %s', (date, rate) => {
    expect(exchangeRateOn(rates, date)?.rateLcyPerUnit).toBe(rate);
  });

  it('has none before the first rate', () => {
    expect(exchangeRateOn(rates, '2025-12-31')).toBeNull();
    expect(exchangeRateOn([], '2026-01-01')).toBeNull();
  });
});
