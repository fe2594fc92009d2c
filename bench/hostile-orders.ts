import type { CreateOrderRequest } from '../simulator/generator/order-request';

/** A generated customer's personal values: none may appear in workflow history or the log. */
export interface FuzzCustomer {
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  street: string;
}

/** Text Shopify takes and databases, logs or terminals often do not. */
const HOSTILE_TEXTS = [
  'nul\u0000inside',
  'bell\u0007 and escape\u001b[31m red',
  '\u202eright-to-left\u202c mark',
  'emoji 😀🚚📦 and a ZWJ family 👨‍👩‍👧',
  "Robert'); DROP TABLE imported_order;--",
  '%s %n ${jndi:ldap://x} {{7*7}}',
  'x'.repeat(5000),
  'tab\tnew\nline\r\n',
];

/** Amounts the ERP must take or refuse with a problem: negative, zero and beyond numeric(20,4). */
const HOSTILE_PRICES = ['-5.00', '0.00', '0.01', '99999999999.99', '100000000000000000.00', '25.00'];

/** The customer of order `index`: distinctive values, so a match in a log can only be a leak. */
export function fuzzCustomer(index: number): FuzzCustomer {
  const tag = `Fzq${index.toString(36)}x`;
  return {
    email: `${tag.toLowerCase()}.mail@fuzz.example`,
    phone: `+4792${String(100000 + index).padStart(6, '0')}`,
    firstName: `Ylvi${tag}`,
    lastName: `Strand${tag}`,
    street: `${tag}veien ${(index % 90) + 10}`,
  };
}

/**
 * Order `index` of a fuzz run: each order mixes a few hostile traits chosen by its index, so every
 * trait occurs and a run is the same every time.
 */
export function hostileOrder(index: number, variantId: string): CreateOrderRequest {
  const customer = fuzzCustomer(index);
  const text = HOSTILE_TEXTS[index % HOSTILE_TEXTS.length]!;
  const price = HOSTILE_PRICES[Math.floor(index / HOSTILE_TEXTS.length) % HOSTILE_PRICES.length]!;
  const address = {
    firstName: customer.firstName,
    lastName: customer.lastName,
    address1: index % 3 === 0 ? `${customer.street} ${text}` : customer.street,
    city: index % 5 === 0 ? text : 'Oslo',
    zip: '0155',
    countryCode: 'NO',
    phone: customer.phone,
  };
  const withoutContact = index % 11 === 7;
  const withoutAddress = index % 13 === 5;
  return {
    lines: [
      { variantId, title: 'Organic T-shirt', sku: 'TSHIRT-M', quantity: 1, unitPrice: price },
      ...(index % 4 === 1 ? [{ title: text, quantity: 2, unitPrice: '3.00', sku: null }] : []),
    ],
    customer: withoutContact
      ? null
      : {
          email: customer.email,
          firstName: customer.firstName,
          lastName: customer.lastName,
          phone: customer.phone,
          addresses: withoutAddress ? [] : [address],
        },
    ...(withoutContact ? {} : { email: customer.email }),
    shippingAddress: withoutAddress ? null : address,
    billingAddress: withoutAddress ? null : address,
    note: `${text} — call ${customer.phone}`,
    tags: [text.slice(0, 40)],
  };
}
