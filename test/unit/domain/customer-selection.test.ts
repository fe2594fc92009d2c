import { describe, expect, it } from 'vitest';
import { selectCustomer, type CustomerSelectionInput } from '../../../domain/customer-selection';
import type { OrderAddress } from '../../../domain/order-snapshot';
import { seededRandom } from './seeded-random';

const billing = (overrides: Partial<OrderAddress> = {}): OrderAddress => ({
  firstName: 'Kari',
  lastName: 'Nordmann',
  name: 'Kari Nordmann',
  company: null,
  address1: 'Storgata 1',
  address2: null,
  city: 'Oslo',
  zip: '0155',
  province: null,
  provinceCode: null,
  countryCode: 'NO',
  country: 'Norway',
  phone: '+47 22 33 44 55',
  ...overrides,
});

const noCandidates = { linkedCustomerNo: null, byEmail: null, byPhone: null, byBillTo: null };

const input = (overrides: Partial<CustomerSelectionInput> = {}): CustomerSelectionInput => ({
  orderName: '#1004',
  shop: {
    code: 'WEB',
    customerImport: 'with_order',
    customerMappingType: 'by_email_phone',
    defaultCustomerNo: null,
    customerTemplateCode: 'RETAIL',
  },
  countryTemplates: {},
  shipToCountryCode: 'NO',
  billingAddress: billing(),
  email: 'kari@example.com',
  phone: null,
  shopifyCustomerId: 'gid://shopify/Customer/7',
  operatorCustomerNo: null,
  operatorTemplateCode: null,
  candidates: noCandidates,
  ...overrides,
});

const shop = (overrides: Partial<CustomerSelectionInput['shop']>) => ({ ...input().shop, ...overrides });

describe('selectCustomer, SPEC §4.2 step by step', () => {
  it('1. a ship-to country template with a default customer wins over every other setting', () => {
    const decision = selectCustomer(
      input({
        countryTemplates: { SE: { templateCode: null, defaultCustomerNo: 'SE-DEFAULT' } },
        shipToCountryCode: 'se',
        shop: shop({ customerImport: 'none', defaultCustomerNo: 'SHOP-DEFAULT' }),
        candidates: { ...noCandidates, linkedCustomerNo: 'LINKED', byEmail: 'BY-EMAIL' },
      }),
    );
    expect(decision).toEqual({
      kind: 'existing',
      customerNo: 'SE-DEFAULT',
      reason: 'country-default-customer',
      linkShopifyCustomer: false,
    });
  });

  it('1. a country template without a default customer does not decide', () => {
    const decision = selectCustomer(
      input({ countryTemplates: { NO: { templateCode: 'NO-TPL', defaultCustomerNo: null } } }),
    );
    expect(decision).toMatchObject({ kind: 'create', templateCode: 'NO-TPL' });
  });

  it('1. the template of the ship-to country, not the bill-to country, decides the default customer', () => {
    const decision = selectCustomer(
      input({
        shipToCountryCode: 'NO',
        billingAddress: billing({ countryCode: 'SE' }),
        countryTemplates: { SE: { templateCode: null, defaultCustomerNo: 'SE-DEFAULT' } },
      }),
    );
    expect(decision.kind).toBe('create');
  });

  it('2. customer import none with a shop default customer → the default, even when a link exists', () => {
    const decision = selectCustomer(
      input({
        shop: shop({ customerImport: 'none', defaultCustomerNo: 'SHOP-DEFAULT' }),
        candidates: { ...noCandidates, linkedCustomerNo: 'LINKED' },
      }),
    );
    expect(decision).toMatchObject({
      kind: 'existing',
      customerNo: 'SHOP-DEFAULT',
      reason: 'shop-default-customer',
    });
  });

  it('2. customer import none without a default still finds an existing customer but never creates one', () => {
    const found = selectCustomer(
      input({ shop: shop({ customerImport: 'none' }), candidates: { ...noCandidates, byEmail: 'BY-EMAIL' } }),
    );
    expect(found).toMatchObject({ kind: 'existing', customerNo: 'BY-EMAIL' });
    const notFound = selectCustomer(input({ shop: shop({ customerImport: 'none' }) }));
    expect(notFound.kind).toBe('problem');
    expect(notFound.kind === 'problem' && notFound.problem.code).toBe('CUSTOMER_NOT_FOUND');
    expect(notFound.kind === 'problem' && notFound.problem.message).toMatch(
      /^Order #1004: .*customer import: none/,
    );
  });

  it('offers map-customer only where the order has a Shopify customer to map', () => {
    const noneShop = shop({ customerImport: 'none' });
    const known = selectCustomer(input({ shop: noneShop }));
    const guest = selectCustomer(input({ shop: noneShop, shopifyCustomerId: null }));
    expect(known.kind === 'problem' && known.problem.fix).toContain('order map-customer');
    expect(guest.kind === 'problem' && guest.problem.fix).not.toContain('map-customer');
    expect(guest.kind === 'problem' && guest.problem.fix).toMatch(
      /order assign-customer.*order new-customer/,
    );
  });

  describe('3. mapping type "always default customer"', () => {
    it('takes the shop default and ignores links, e-mail and phone', () => {
      const decision = selectCustomer(
        input({
          shop: shop({ customerMappingType: 'default_customer', defaultCustomerNo: 'POS-CUST' }),
          candidates: { linkedCustomerNo: 'L', byEmail: 'E', byPhone: 'P', byBillTo: 'B' },
        }),
      );
      expect(decision).toMatchObject({
        kind: 'existing',
        customerNo: 'POS-CUST',
        reason: 'shop-default-customer',
      });
    });

    it('is a problem naming the shop when there is no default', () => {
      const decision = selectCustomer(input({ shop: shop({ customerMappingType: 'default_customer' }) }));
      expect(decision.kind === 'problem' && decision.problem.message).toContain(
        "shop card 'WEB' always takes",
      );
    });
  });

  describe('3. mapping type "by email/phone"', () => {
    it('takes the Shopify customer link first', () => {
      const decision = selectCustomer(
        input({ candidates: { linkedCustomerNo: 'LINKED', byEmail: 'E', byPhone: 'P', byBillTo: null } }),
      );
      expect(decision).toEqual({
        kind: 'existing',
        customerNo: 'LINKED',
        reason: 'shopify-customer-link',
        linkShopifyCustomer: false,
      });
    });

    it('then e-mail, and links the Shopify customer to it', () => {
      const decision = selectCustomer(input({ candidates: { ...noCandidates, byEmail: 'E', byPhone: 'P' } }));
      expect(decision).toEqual({
        kind: 'existing',
        customerNo: 'E',
        reason: 'email',
        linkShopifyCustomer: true,
      });
    });

    it('then phone', () => {
      const decision = selectCustomer(input({ candidates: { ...noCandidates, byPhone: 'P' } }));
      expect(decision).toMatchObject({ kind: 'existing', customerNo: 'P', reason: 'phone' });
    });

    it('ignores a bill-to match', () => {
      const decision = selectCustomer(input({ candidates: { ...noCandidates, byBillTo: 'B' } }));
      expect(decision.kind).toBe('create');
    });

    it('else creates a new customer from the bill-to data (sell-to = bill-to) with the shop template', () => {
      const decision = selectCustomer(input({ billingAddress: billing({ company: 'Nordmann AS' }) }));
      expect(decision).toEqual({
        kind: 'create',
        templateCode: 'RETAIL',
        linkShopifyCustomer: true,
        customer: {
          name: 'Nordmann AS',
          name2: 'Kari Nordmann',
          contact: 'Kari Nordmann',
          address: 'Storgata 1',
          address2: null,
          city: 'Oslo',
          postCode: '0155',
          county: null,
          countryCode: 'NO',
          email: 'kari@example.com',
          phone: '+47 22 33 44 55',
        },
      });
    });

    it('does not link a guest order (no Shopify customer) to the customer it finds', () => {
      const decision = selectCustomer(
        input({ shopifyCustomerId: null, candidates: { ...noCandidates, byEmail: 'E' } }),
      );
      expect(decision).toMatchObject({ kind: 'existing', customerNo: 'E', linkShopifyCustomer: false });
    });
  });

  describe('3. mapping type "by bill-to info"', () => {
    const byBillTo = shop({ customerMappingType: 'by_bill_to' });

    it('takes the link, then the bill-to match, never e-mail or phone', () => {
      expect(
        selectCustomer(
          input({ shop: byBillTo, candidates: { ...noCandidates, linkedCustomerNo: 'L', byBillTo: 'B' } }),
        ),
      ).toMatchObject({ customerNo: 'L' });
      expect(
        selectCustomer(
          input({ shop: byBillTo, candidates: { ...noCandidates, byBillTo: 'B', byEmail: 'E' } }),
        ),
      ).toMatchObject({ customerNo: 'B', reason: 'bill-to-address', linkShopifyCustomer: true });
      expect(
        selectCustomer(input({ shop: byBillTo, candidates: { ...noCandidates, byEmail: 'E', byPhone: 'P' } }))
          .kind,
      ).toBe('create');
    });

    it('falls back to e-mail/phone when the bill-to address carries no name', () => {
      const decision = selectCustomer(
        input({
          shop: byBillTo,
          billingAddress: billing({ firstName: null, lastName: null, name: null }),
          candidates: { ...noCandidates, byEmail: 'E', byBillTo: 'B' },
        }),
      );
      expect(decision).toMatchObject({ customerNo: 'E', reason: 'email' });
    });
  });

  describe('creating a customer', () => {
    it('uses the per-country template of the bill-to country before the shop template', () => {
      const decision = selectCustomer(
        input({ countryTemplates: { NO: { templateCode: 'NO-RETAIL', defaultCustomerNo: null } } }),
      );
      expect(decision).toMatchObject({ kind: 'create', templateCode: 'NO-RETAIL' });
    });

    it('uses the template an operator chose before any other', () => {
      const decision = selectCustomer(
        input({
          operatorTemplateCode: 'B2B',
          countryTemplates: { NO: { templateCode: 'NO-RETAIL', defaultCustomerNo: null } },
        }),
      );
      expect(decision).toMatchObject({ kind: 'create', templateCode: 'B2B' });
    });

    it('is a CUSTOMER_TEMPLATE_MISSING problem with the country when no template applies', () => {
      const decision = selectCustomer(input({ shop: shop({ customerTemplateCode: null }) }));
      expect(decision.kind === 'problem' && decision.problem).toMatchObject({
        code: 'CUSTOMER_TEMPLATE_MISSING',
        orderName: '#1004',
      });
      expect(decision.kind === 'problem' && decision.problem.fix).toContain('--country NO');
    });

    it('a point-of-sale order without an address takes the shop default customer', () => {
      const decision = selectCustomer(
        input({ billingAddress: null, shopifyCustomerId: null, shop: shop({ defaultCustomerNo: 'POS' }) }),
      );
      expect(decision).toMatchObject({
        kind: 'existing',
        customerNo: 'POS',
        reason: 'shop-default-customer',
      });
    });

    it('a point-of-sale order without an address and without a default is CUSTOMER_ADDRESS_MISSING', () => {
      const decision = selectCustomer(input({ billingAddress: null }));
      expect(decision.kind === 'problem' && decision.problem.code).toBe('CUSTOMER_ADDRESS_MISSING');
    });
  });

  it('an operator choice wins over everything, country default included', () => {
    const decision = selectCustomer(
      input({
        operatorCustomerNo: 'CHOSEN',
        countryTemplates: { NO: { templateCode: null, defaultCustomerNo: 'NO-DEFAULT' } },
      }),
    );
    expect(decision).toMatchObject({ kind: 'existing', customerNo: 'CHOSEN', reason: 'operator' });
  });
});

describe('selectCustomer invariants (property)', () => {
  it('never creates a customer when import is none, and always names the order in a problem', () => {
    const random = seededRandom(42);
    const maybe = (value: string) => (random.chance(0.5) ? value : null);
    for (let round = 0; round < 2000; round++) {
      const customerImport = random.pick(['none', 'with_order', 'all'] as const);
      const customerMappingType = random.pick(['default_customer', 'by_email_phone', 'by_bill_to'] as const);
      const decision = selectCustomer(
        input({
          shop: {
            code: 'WEB',
            customerImport,
            customerMappingType,
            defaultCustomerNo: maybe('DEF'),
            customerTemplateCode: maybe('TPL'),
          },
          countryTemplates: random.chance(0.3)
            ? { NO: { templateCode: maybe('NOT'), defaultCustomerNo: maybe('NOD') } }
            : {},
          billingAddress: random.chance(0.8) ? billing() : null,
          shopifyCustomerId: maybe('gid://shopify/Customer/1'),
          operatorCustomerNo: random.chance(0.1) ? 'OP' : null,
          candidates: {
            linkedCustomerNo: maybe('L'),
            byEmail: maybe('E'),
            byPhone: maybe('P'),
            byBillTo: maybe('B'),
          },
        }),
      );
      if (customerImport === 'none' || customerMappingType === 'default_customer')
        expect(decision.kind).not.toBe('create');
      if (decision.kind === 'problem')
        expect(decision.problem.message.startsWith('Order #1004: ')).toBe(true);
      if (decision.kind === 'existing' && decision.linkShopifyCustomer) {
        expect(['email', 'phone', 'bill-to-address']).toContain(decision.reason);
      }
    }
  });
});
