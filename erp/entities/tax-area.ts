import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A tax area with the rate the ERP charges. Looked up by address: country plus county (province code
 * or name); a row without county matches the whole country.
 */
export const TaxArea = defineEntity({
  name: 'TaxArea',
  tableName: 'tax_area',
  properties: {
    code: p.string().length(20).primary(),
    description: p.string().length(100),
    /** ISO 3166-1 alpha-2. */
    countryCode: p.string().length(2),
    /** Province code or name; null = any county of the country. */
    county: p.string().length(50).nullable(),
    /** Percent, e.g. "25" or "8.875". */
    taxRatePercent: p.decimal().precision(9).scale(4).default('0'),
  },
  uniques: [
    {
      name: 'tax_area_country_county_unique',
      expression: `create unique index "tax_area_country_county_unique" on "tax_area" ("country_code", coalesce("county", ''))`,
    },
  ],
});

export type TaxArea = InferEntity<typeof TaxArea>;
