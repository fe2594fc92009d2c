import { describe, expect, it } from 'vitest';
import { documentBreakdown } from '../../../domain/document-breakdown';
import { documentStanding } from '../../../domain/document-standing';

const item = (quantity: string, shipped: string, invoiced: string) => ({
  type: 'item' as const,
  quantity,
  quantityShipped: shipped,
  quantityInvoiced: invoiced,
});
const shipping = (invoiced: string) => ({
  type: 'gl_account' as const,
  quantity: '1',
  quantityShipped: '0',
  quantityInvoiced: invoiced,
});

describe('documentStanding', () => {
  it('says what was done to a released order rather than "released"', () => {
    const order = (lines: ReturnType<typeof item | typeof shipping>[], archived = false) =>
      documentStanding({ documentType: 'order', status: 'released', archived, lines });
    expect(order([item('2', '0', '0'), shipping('0')])).toBe('released');
    expect(order([item('2', '1', '0'), shipping('0')])).toBe('partly shipped');
    expect(order([item('2', '2', '0'), shipping('0')])).toBe('shipped');
    expect(order([item('2', '2', '1'), shipping('1')])).toBe('partly invoiced');
    expect(order([item('2', '2', '2'), shipping('1')])).toBe('invoiced');
    // Closed in Shopify and archived in the ERP: never "released".
    expect(order([item('2', '2', '2'), shipping('1')], true)).toBe('archived (invoiced)');
  });

  it('keeps an open document open, and a posted sales invoice reads invoiced', () => {
    expect(
      documentStanding({
        documentType: 'order',
        status: 'open',
        archived: false,
        lines: [item('1', '0', '0')],
      }),
    ).toBe('open');
    expect(
      documentStanding({
        documentType: 'invoice',
        status: 'released',
        archived: true,
        lines: [item('1', '0', '1'), shipping('1')],
      }),
    ).toBe('archived (invoiced)');
  });
});

describe('documentBreakdown', () => {
  it("splits a document's total into lines, shipping, tax and total", () => {
    expect(
      documentBreakdown(
        { taxAmount: '5.49', amountIncludingTax: '74.39' },
        [
          { origin: 'item', amount: '57.90' },
          { origin: 'comment', amount: '0' },
          { origin: 'tip', amount: '4.00' },
          { origin: 'shipping', amount: '7.00' },
        ],
        'USD',
      ),
    ).toEqual({ subtotal: '61.90', shipping: '7.00', tax: '5.49', total: '74.39' });
  });
});
