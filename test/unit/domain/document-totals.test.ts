import { describe, expect, it } from 'vitest';
import { documentTotals } from '../../../domain/document-totals';
import { Decimal } from '../../../domain/money';
import { seededRandom } from './seeded-random';

describe('documentTotals', () => {
  it('adds tax on taxable lines when prices exclude tax', () => {
    const totals = documentTotals(
      [
        { amount: '100.00', taxable: true },
        { amount: '49.00', taxable: true },
        { amount: '20.00', taxable: false },
      ],
      { pricesIncludingTax: false, taxRatePercent: '25', isoCode: 'NOK' },
    );
    expect(totals).toEqual({ amount: '169.00', taxAmount: '37.25', amountIncludingTax: '206.25' });
  });

  it('takes the included share when prices include tax', () => {
    const totals = documentTotals([{ amount: '125.00', taxable: true }], {
      pricesIncludingTax: true,
      taxRatePercent: '25',
      isoCode: 'NOK',
    });
    expect(totals).toEqual({ amount: '100.00', taxAmount: '25.00', amountIncludingTax: '125.00' });
  });

  it('is untaxed at rate 0 and empty for no lines', () => {
    expect(documentTotals([], { pricesIncludingTax: false, taxRatePercent: '25', isoCode: 'NOK' })).toEqual({
      amount: '0.00',
      taxAmount: '0.00',
      amountIncludingTax: '0.00',
    });
    expect(
      documentTotals([{ amount: '10.00', taxable: true }], {
        pricesIncludingTax: false,
        taxRatePercent: '0',
        isoCode: 'JPY',
      }),
    ).toEqual({ amount: '10', taxAmount: '0', amountIncludingTax: '10' });
  });

  it('always has amount + tax = amount including tax, to the cent (property)', () => {
    const random = seededRandom(99);
    for (let round = 0; round < 1000; round++) {
      const lines = Array.from({ length: random.integer(0, 8) }, () => ({
        amount: (random.integer(-5000, 500000) / 100).toFixed(2),
        taxable: random.chance(0.7),
      }));
      const totals = documentTotals(lines, {
        pricesIncludingTax: random.chance(0.5),
        taxRatePercent: random.pick(['0', '8.875', '12', '15', '25']),
        isoCode: 'USD',
      });
      expect(new Decimal(totals.amount).plus(totals.taxAmount).toFixed(2)).toBe(totals.amountIncludingTax);
    }
  });
});
