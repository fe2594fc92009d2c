import { describe, expect, it } from 'vitest';
import { documentAddressFromOrder, type DocumentAddress } from '../../../domain/document-address';
import { decideDocumentTax } from '../../../domain/document-tax';
import {
  buildSalesDocument,
  firstShippingTitle,
  type SalesDocumentInput,
} from '../../../domain/sales-document';
import { salesDocumentType } from '../../../domain/sales-document-type';
import { address, bag, LOCATION_OSLO } from './order-snapshot-fixture';

describe('salesDocumentType', () => {
  it.each([
    ['UNFULFILLED', true, 'order'],
    ['PARTIALLY_FULFILLED', true, 'order'],
    ['IN_PROGRESS', true, 'order'],
    ['FULFILLED', true, 'invoice'],
    ['FULFILLMENT_NOT_REQUIRED', true, 'invoice'],
    ['FULFILLED', false, 'order'],
  ] as const)('%s (invoices %s) → %s', (status, invoices, expected) => {
    expect(salesDocumentType(status, invoices)).toBe(expected);
  });
});

describe('firstShippingTitle', () => {
  it('takes the first shipping line still charged', () => {
    expect(
      firstShippingTitle([
        { title: 'Removed', isRemoved: true },
        { title: 'Express', isRemoved: false },
        { title: 'Standard', isRemoved: false },
      ]),
    ).toBe('Express');
    expect(firstShippingTitle([])).toBeNull();
  });
});

const customerAddress: DocumentAddress = {
  name: 'Default POS customer',
  name2: null,
  contact: null,
  address: 'Butikkveien 2',
  address2: null,
  city: 'Oslo',
  postCode: '0150',
  county: null,
  countryCode: 'NO',
  phone: null,
};

const input = (overrides: Partial<SalesDocumentInput> = {}): SalesDocumentInput => ({
  orderName: '#1004',
  shop: {
    code: 'WEB',
    shippingChargesAccountNo: '6100',
    tipAccountNo: '6200',
    soldGiftCardAccountNo: '2900',
    shopifyOrderNoOnDocumentLine: false,
    locationRequired: true,
  },
  side: 'shop',
  isoCode: 'NOK',
  lines: [
    {
      shopifyLineId: 'l1',
      name: 'T-shirt',
      sku: 'T',
      variantId: 'v1',
      quantity: 1,
      currentQuantity: 1,
      isGiftCard: false,
      isTip: false,
      taxable: true,
      unitPrice: bag('100.00'),
      discount: bag('0.00'),
      fulfillmentLocationId: LOCATION_OSLO,
      itemNo: 'T',
      variantCode: null,
    },
  ],
  shippingLines: [
    {
      shopifyShippingLineId: 's1',
      title: 'Standard',
      isRemoved: false,
      price: bag('49.00'),
      discount: bag('0'),
    },
  ],
  totalTipReceived: bag('0.00'),
  locationCodes: { [LOCATION_OSLO]: 'OSLO' },
  glAccounts: { '6100': { name: 'Shipping', taxable: true } },
  store: 'acme.myshopify.com',
  shopifyOrderId: 'gid://shopify/Order/1004',
  orderCreatedAt: '2026-11-20T23:30:00Z',
  fulfillmentStatus: 'UNFULFILLED',
  createInvoicesForFulfilledOrders: true,
  taxesIncluded: false,
  email: 'kari@example.com',
  phone: null,
  note: 'Leave at the door',
  sellToCustomerNo: 'C001',
  billToCustomerNo: 'C001',
  sellToCustomerAddress: customerAddress,
  billToCustomerAddress: customerAddress,
  orderBillToAddress: documentAddressFromOrder(address({ company: 'Nordmann AS' })),
  orderShipToAddress: documentAddressFromOrder(address({ address1: 'Lagerveien 9' })),
  currency: { side: 'shop', isoCode: 'NOK', currencyCode: null },
  exchangeRateLcyPerUnit: '1',
  shipmentMethodCode: 'STD',
  tax: decideDocumentTax({ code: 'NO-VAT', taxRatePercent: '25' }, false),
  ...overrides,
});

describe('buildSalesDocument', () => {
  it('fills the header as SPEC §4.1 says', () => {
    const { header, totals, problems } = buildSalesDocument(input());
    expect(problems).toEqual([]);
    expect(header).toMatchObject({
      documentType: 'order',
      sellToCustomerNo: 'C001',
      billToCustomerNo: 'C001',
      externalDocumentNo: '#1004',
      shopifyOrderId: 'gid://shopify/Order/1004',
      store: 'acme.myshopify.com',
      shipmentMethodCode: 'STD',
      taxAreaCode: 'NO-VAT',
      currencyCode: null,
      exchangeRateLcyPerUnit: '1',
      documentDate: '2026-11-20',
      workDescription: 'Leave at the door',
    });
    expect(header.billToAddress).toMatchObject({ name: 'Nordmann AS', name2: 'Kari Nordmann' });
    expect(header.sellToAddress).toEqual(header.billToAddress);
    expect(header.shipToAddress).toMatchObject({ address: 'Lagerveien 9' });
    expect(totals).toEqual({ amount: '149.00', taxAmount: '37.25', amountIncludingTax: '186.25' });
  });

  it('uses the customer address when the order has none (POS)', () => {
    const { header } = buildSalesDocument(input({ orderBillToAddress: null, orderShipToAddress: null }));
    expect(header.billToAddress).toEqual(customerAddress);
    expect(header.shipToAddress).toBeNull();
  });

  it('taxes a tax-exempt order at 0 and keeps a foreign currency with its rate', () => {
    const { header, totals } = buildSalesDocument(
      input({
        tax: decideDocumentTax({ code: 'NO-VAT', taxRatePercent: '25' }, true),
        currency: { side: 'presentment', isoCode: 'EUR', currencyCode: 'EUR' },
        exchangeRateLcyPerUnit: '11.7',
      }),
    );
    expect(totals.taxAmount).toBe('0.00');
    expect(header).toMatchObject({
      currencyCode: 'EUR',
      currencyHandling: 'presentment',
      exchangeRateLcyPerUnit: '11.7',
      taxRatePercent: '0',
    });
  });

  it('a fulfilled order becomes an invoice', () => {
    expect(buildSalesDocument(input({ fulfillmentStatus: 'FULFILLED' })).header.documentType).toBe('invoice');
  });
});
