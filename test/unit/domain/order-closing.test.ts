import { describe, expect, it } from 'vitest';
import {
  closeDecision,
  documentProgress,
  type CloseInput,
  type DocumentFacts,
} from '../../../domain/order-closing';

const shippedOrder = (overrides: Partial<DocumentFacts> = {}): DocumentFacts => ({
  documentType: 'order',
  documentNo: 'SO000001',
  lines: [
    { type: 'comment', quantity: '0', quantityShipped: '0', quantityInvoiced: '0' },
    { type: 'item', quantity: '2', quantityShipped: '2', quantityInvoiced: '0' },
    { type: 'gl_account', quantity: '1', quantityShipped: '0', quantityInvoiced: '0' },
  ],
  ...overrides,
});

const input = (overrides: Partial<CloseInput> = {}): CloseInput => ({
  shopify: {
    closed: false,
    cancelled: false,
    fullyPaid: true,
    financialStatus: 'PAID',
    fulfillmentStatus: 'FULFILLED',
  },
  document: shippedOrder(),
  shipmentsAwaitingSync: 0,
  closeRequiresInvoice: false,
  shopCode: 'WEB',
  ...overrides,
});

describe('documentProgress', () => {
  it('counts units left to ship on item lines and lines left to invoice (comments aside)', () => {
    const progress = documentProgress(
      shippedOrder({
        lines: [
          { type: 'item', quantity: '3', quantityShipped: '1', quantityInvoiced: '1' },
          { type: 'gl_account', quantity: '1', quantityShipped: '0', quantityInvoiced: '1' },
          { type: 'comment', quantity: '0', quantityShipped: '0', quantityInvoiced: '0' },
        ],
      }),
    );
    expect(progress.unitsToShip.toFixed()).toBe('2');
    expect(progress).toMatchObject({ linesToInvoice: 1, fullyShipped: false, fullyInvoiced: false });
  });

  it('a sales invoice has nothing to ship', () => {
    const progress = documentProgress(
      shippedOrder({
        documentType: 'invoice',
        lines: [{ type: 'item', quantity: '2', quantityShipped: '0', quantityInvoiced: '0' }],
      }),
    );
    expect(progress.fullyShipped).toBe(true);
    expect(progress.fullyInvoiced).toBe(false);
  });
});

describe('closeDecision', () => {
  it('closes a paid, fulfilled order whose ERP side is shipped; archives only a fully invoiced document', () => {
    expect(closeDecision(input())).toEqual({ action: 'close', archiveDocument: false });
    const invoiced = shippedOrder({
      lines: [{ type: 'item', quantity: '2', quantityShipped: '2', quantityInvoiced: '2' }],
    });
    expect(closeDecision(input({ document: invoiced }))).toEqual({ action: 'close', archiveDocument: true });
  });

  it('closes orders with nothing to fulfil (not required, restocked), and sales invoices', () => {
    for (const fulfillmentStatus of ['FULFILLMENT_NOT_REQUIRED', 'RESTOCKED']) {
      expect(closeDecision(input({ shopify: { ...input().shopify, fulfillmentStatus } })).action).toBe(
        'close',
      );
    }
    const invoice = shippedOrder({
      documentType: 'invoice',
      lines: [{ type: 'gl_account', quantity: '1', quantityShipped: '0', quantityInvoiced: '0' }],
    });
    expect(closeDecision(input({ document: invoice })).action).toBe('close');
  });

  it('waits, saying why, for payment, fulfilment, ERP shipping and unsent shipments', () => {
    const decision = closeDecision(
      input({
        shopify: {
          closed: false,
          cancelled: false,
          fullyPaid: false,
          financialStatus: 'PARTIALLY_PAID',
          fulfillmentStatus: 'PARTIALLY_FULFILLED',
        },
        document: shippedOrder({
          lines: [{ type: 'item', quantity: '5', quantityShipped: '2', quantityInvoiced: '0' }],
        }),
        shipmentsAwaitingSync: 1,
      }),
    );
    expect(decision).toEqual({
      action: 'wait',
      reasons: [
        'Shopify: not fully paid (PARTIALLY_PAID)',
        'Shopify: fulfilment status is PARTIALLY_FULFILLED, not fulfilled',
        'ERP: 3 unit(s) on sales order SO000001 are not shipped yet',
        'ERP: 1 posted shipment(s) not sent to Shopify yet',
      ],
    });
  });

  it('waits for the invoice when the shop card asks for it', () => {
    const decision = closeDecision(input({ closeRequiresInvoice: true }));
    expect(decision.action).toBe('wait');
    expect(decision.action === 'wait' && decision.reasons[0]).toMatch(
      /not fully invoiced.*orderbridge erp invoice SO000001/,
    );
  });

  it('waits without a document, and for a cancelled order', () => {
    expect(closeDecision(input({ document: null }))).toEqual({
      action: 'wait',
      reasons: ['ERP: the order has no sales document yet'],
    });
    expect(closeDecision(input({ shopify: { ...input().shopify, cancelled: true } })).action).toBe('wait');
  });

  it('an order Shopify closed already needs only the ERP side done', () => {
    const closed = { ...input().shopify, closed: true, fullyPaid: false };
    expect(closeDecision(input({ shopify: closed }))).toEqual({
      action: 'already-closed',
      archiveDocument: false,
    });
    const unshipped = shippedOrder({
      lines: [{ type: 'item', quantity: '1', quantityShipped: '0', quantityInvoiced: '0' }],
    });
    expect(closeDecision(input({ shopify: closed, document: unshipped }))).toEqual({
      action: 'wait',
      reasons: ['Shopify: closed already', 'ERP: 1 unit(s) on sales order SO000001 are not shipped yet'],
    });
  });
});
