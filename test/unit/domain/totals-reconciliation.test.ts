import { describe, expect, it } from 'vitest';
import type { DraftSalesLine } from '../../../domain/document-lines';
import { reconcileTotals } from '../../../domain/totals-reconciliation';
import { bag } from './order-snapshot-fixture';

const draft = (origin: DraftSalesLine['origin'], amount: string): DraftSalesLine => ({
  lineNo: 0,
  type: origin === 'item' ? 'item' : 'gl_account',
  origin,
  no: 'X',
  variantCode: null,
  description: origin,
  quantity: '1',
  unitPrice: amount,
  lineDiscountAmount: '0.00',
  amount,
  taxable: true,
  locationCode: null,
  shopifyLineId: null,
});

const shopify = {
  currentTotal: bag('186.25', '18.63', 'NOK', 'EUR'),
  currentShipping: bag('49.00', '4.90', 'NOK', 'EUR'),
  currentTotalTax: bag('37.25', '3.73', 'NOK', 'EUR'),
  totalTipReceived: bag('0.00', '0.00', 'NOK', 'EUR'),
};

describe('reconcileTotals', () => {
  it('finds no difference when the document matches Shopify', () => {
    const result = reconcileTotals({
      orderName: '#1004',
      documentNo: 'SO-1',
      lines: [draft('item', '100.00'), draft('shipping', '49.00')],
      totals: { amount: '149.00', taxAmount: '37.25', amountIncludingTax: '186.25' },
      shopify,
      side: 'shop',
      isoCode: 'NOK',
    });
    expect(result).toMatchObject({
      documentTotal: '186.25',
      shopifyTotal: '186.25',
      difference: '0.00',
      explanation: '',
    });
  });

  it('records a tax difference and explains it, never absorbing it', () => {
    const result = reconcileTotals({
      orderName: '#1004',
      documentNo: 'SO-1',
      lines: [draft('item', '100.00'), draft('shipping', '49.00')],
      totals: { amount: '149.00', taxAmount: '29.80', amountIncludingTax: '178.80' },
      shopify,
      side: 'shop',
      isoCode: 'NOK',
    });
    expect(result.difference).toBe('-7.45');
    expect(result.components.find((entry) => entry.component === 'tax')).toEqual({
      component: 'tax',
      document: '29.80',
      shopify: '37.25',
      difference: '-7.45',
    });
    expect(result.explanation).toBe(
      'Order #1004: document SO-1 differs from Shopify by -7.45 NOK: tax (the ERP computes its own) 29.80 vs 37.25 (-7.45); ' +
        'total 178.80 vs 186.25 (-7.45). Check the ERP tax set-up and the document lines; the difference is recorded, not booked.',
    );
  });

  it('compares in the bag the document was made from', () => {
    const result = reconcileTotals({
      orderName: '#1004',
      documentNo: 'SO-1',
      lines: [draft('item', '10.00'), draft('shipping', '4.90')],
      totals: { amount: '14.90', taxAmount: '3.73', amountIncludingTax: '18.63' },
      shopify,
      side: 'presentment',
      isoCode: 'EUR',
    });
    expect(result).toMatchObject({ currencyCode: 'EUR', difference: '0.00' });
  });

  it('shows a missing tip', () => {
    const result = reconcileTotals({
      orderName: '#1004',
      documentNo: 'SO-1',
      lines: [draft('item', '100.00'), draft('shipping', '49.00')],
      totals: { amount: '149.00', taxAmount: '37.25', amountIncludingTax: '186.25' },
      shopify: { ...shopify, totalTipReceived: bag('10.00'), currentTotal: bag('196.25') },
      side: 'shop',
      isoCode: 'NOK',
    });
    expect(result.difference).toBe('-10.00');
    expect(result.explanation).toContain('tips 0.00 vs 10.00 (-10.00)');
  });
});
