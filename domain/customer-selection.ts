import { isUsableAddress, partyNames, personName } from './customer-matching';
import { OrderProblems, type OrderProblem } from './order-problems';
import type { OrderAddress } from './order-snapshot';
import type { CustomerImport, CustomerMappingType } from './shop-settings';

/**
 * Which ERP customer an imported order gets (SPEC §4.2), decided without touching the database:
 * the service looks the candidates up first (a link, an e-mail match, a phone match, a bill-to
 * match) and executes the decision afterwards.
 */
export interface CustomerSelectionInput {
  orderName: string;
  shop: {
    code: string;
    customerImport: CustomerImport;
    customerMappingType: CustomerMappingType;
    defaultCustomerNo: string | null;
    customerTemplateCode: string | null;
  };
  /** Per-country rows of the shop card, keyed by ISO country code. */
  countryTemplates: Readonly<
    Record<string, { templateCode: string | null; defaultCustomerNo: string | null }>
  >;
  shipToCountryCode: string | null;
  billingAddress: OrderAddress | null;
  /** The order's e-mail and phone (else the Shopify customer's), copied onto a new customer. */
  email: string | null;
  phone: string | null;
  /** The Shopify customer GID, or null for guest and many POS orders. */
  shopifyCustomerId: string | null;
  /** A customer an operator set on the order: always wins. */
  operatorCustomerNo: string | null;
  /** A template an operator chose for creating this order's customer. */
  operatorTemplateCode: string | null;
  /** Candidates the service found, each an existing customer no. or null. */
  candidates: {
    linkedCustomerNo: string | null;
    byEmail: string | null;
    byPhone: string | null;
    byBillTo: string | null;
  };
}

export type CustomerChoiceReason =
  | 'operator'
  | 'country-default-customer'
  | 'shop-default-customer'
  | 'shopify-customer-link'
  | 'email'
  | 'phone'
  | 'bill-to-address';

export interface NewCustomerData {
  name: string;
  name2: string | null;
  contact: string | null;
  address: string | null;
  address2: string | null;
  city: string | null;
  postCode: string | null;
  county: string | null;
  countryCode: string | null;
  email: string | null;
  phone: string | null;
}

export type CustomerDecision =
  | {
      kind: 'existing';
      customerNo: string;
      reason: CustomerChoiceReason;
      /** Link the Shopify customer to this customer so the next order finds it directly. */
      linkShopifyCustomer: boolean;
    }
  | {
      kind: 'create';
      templateCode: string;
      customer: NewCustomerData;
      linkShopifyCustomer: boolean;
    }
  | { kind: 'problem'; problem: OrderProblem };

/** The fields of a new customer, from the order's bill-to address; sell-to = bill-to. */
export function newCustomerFromBillTo(
  billingAddress: OrderAddress,
  contact: { email: string | null; phone: string | null },
): NewCustomerData {
  const { name, name2 } = partyNames(billingAddress);
  return {
    name: name ?? '',
    name2,
    contact: personName(billingAddress),
    address: billingAddress.address1,
    address2: billingAddress.address2,
    city: billingAddress.city,
    postCode: billingAddress.zip,
    county: billingAddress.provinceCode ?? billingAddress.province,
    countryCode: billingAddress.countryCode,
    email: contact.email,
    phone: billingAddress.phone ?? contact.phone,
  };
}

export function selectCustomer(input: CustomerSelectionInput): CustomerDecision {
  const { shop, candidates } = input;
  const existing = (
    customerNo: string,
    reason: CustomerChoiceReason,
    linkShopifyCustomer = false,
  ): CustomerDecision => ({
    kind: 'existing',
    customerNo,
    reason,
    linkShopifyCustomer: linkShopifyCustomer && input.shopifyCustomerId !== null,
  });

  if (input.operatorCustomerNo) return existing(input.operatorCustomerNo, 'operator');

  // An operator who chose a template wants a new customer, whatever the shop card would do on its
  // own (a card without customer import is exactly where orders end up needing this).
  if (input.operatorTemplateCode) {
    if (!isUsableAddress(input.billingAddress)) {
      return { kind: 'problem', problem: OrderProblems.customerAddressMissing(input.orderName) };
    }
    return {
      kind: 'create',
      templateCode: input.operatorTemplateCode,
      customer: newCustomerFromBillTo(input.billingAddress, { email: input.email, phone: input.phone }),
      linkShopifyCustomer: input.shopifyCustomerId !== null,
    };
  }

  // 1. A country template with its own default customer wins over every other setting.
  const shipToCountry = input.shipToCountryCode?.toUpperCase() ?? null;
  const countryDefault = shipToCountry ? input.countryTemplates[shipToCountry]?.defaultCustomerNo : null;
  if (countryDefault) return existing(countryDefault, 'country-default-customer');

  // 2. No customer import and a shop default customer.
  if (shop.customerImport === 'none' && shop.defaultCustomerNo) {
    return existing(shop.defaultCustomerNo, 'shop-default-customer');
  }

  // 3. By mapping type.
  const fallBackToDefault = (why: string): CustomerDecision =>
    shop.defaultCustomerNo
      ? existing(shop.defaultCustomerNo, 'shop-default-customer')
      : {
          kind: 'problem',
          problem: OrderProblems.customerNotFound(input.orderName, why, input.shopifyCustomerId !== null),
        };

  if (shop.customerMappingType === 'default_customer') {
    return fallBackToDefault(
      `shop card '${shop.code}' always takes its default customer, but has no default customer no.`,
    );
  }

  if (candidates.linkedCustomerNo) return existing(candidates.linkedCustomerNo, 'shopify-customer-link');

  // Without a name on the bill-to address there is nothing to match it on: use e-mail/phone.
  const billToHasName = input.billingAddress !== null && partyNames(input.billingAddress).name !== null;
  const byBillTo = shop.customerMappingType === 'by_bill_to' && billToHasName;
  if (byBillTo) {
    if (candidates.byBillTo) return existing(candidates.byBillTo, 'bill-to-address', true);
  } else {
    if (candidates.byEmail) return existing(candidates.byEmail, 'email', true);
    if (candidates.byPhone) return existing(candidates.byPhone, 'phone', true);
  }

  const notFound = byBillTo
    ? 'no customer is linked to the Shopify customer or has the same bill-to name and address'
    : 'no customer is linked to the Shopify customer or has its e-mail or phone';
  if (shop.customerImport === 'none') {
    return fallBackToDefault(
      `${notFound}, and shop card '${shop.code}' does not create customers (customer import: none)`,
    );
  }

  // Create a new customer from the bill-to data.
  if (!isUsableAddress(input.billingAddress)) {
    return shop.defaultCustomerNo
      ? existing(shop.defaultCustomerNo, 'shop-default-customer')
      : { kind: 'problem', problem: OrderProblems.customerAddressMissing(input.orderName) };
  }
  const billToCountry = input.billingAddress.countryCode?.toUpperCase() ?? null;
  const templateCode =
    input.operatorTemplateCode ??
    (billToCountry ? input.countryTemplates[billToCountry]?.templateCode : null) ??
    (shipToCountry ? input.countryTemplates[shipToCountry]?.templateCode : null) ??
    shop.customerTemplateCode;
  if (!templateCode) {
    return {
      kind: 'problem',
      problem: OrderProblems.customerTemplateMissing(input.orderName, shop.code, billToCountry),
    };
  }
  return {
    kind: 'create',
    templateCode,
    customer: newCustomerFromBillTo(input.billingAddress, { email: input.email, phone: input.phone }),
    linkShopifyCustomer: input.shopifyCustomerId !== null,
  };
}
