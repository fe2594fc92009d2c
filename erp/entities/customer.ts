import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An ERP customer (sell-to and bill-to party of sales documents). */
export const Customer = defineEntity({
  name: 'Customer',
  tableName: 'customer',
  properties: {
    no: p.string().length(20).primary(),
    name: p.string().length(100),
    name2: p.string().length(100).nullable(),
    contact: p.string().length(100).nullable(),
    address: p.string().length(100).nullable(),
    address2: p.string().length(100).nullable(),
    city: p.string().length(50).nullable(),
    postCode: p.string().length(20).nullable(),
    county: p.string().length(50).nullable(),
    /** ISO 3166-1 alpha-2. */
    countryCode: p.string().length(2).nullable(),
    /** Stored lower-case so e-mail lookups use the index. */
    email: p.string().length(255).nullable().index(),
    phone: p.string().length(50).nullable(),
    /** Digits only, for phone lookups that ignore formatting. */
    phoneDigits: p.string().length(50).nullable().index(),
    taxAreaCode: p.string().length(20).nullable(),
    currencyCode: p.string().length(10).nullable(),
    blocked: p.boolean().default(false),
    /** Template the customer was created from, when orderbridge created it. */
    createdFromTemplateCode: p.string().length(20).nullable(),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
  },
  indexes: [
    {
      // Narrows bill-to matching to a country's customers with the same post code digits (map-order.ts).
      name: 'customer_country_post_code_digits_index',
      expression: `create index "customer_country_post_code_digits_index" on "customer" ("country_code", regexp_replace(coalesce("post_code", ''), '[^0-9]', '', 'g'))`,
    },
  ],
});

export type Customer = InferEntity<typeof Customer>;
