/**
 * Plausible names, places and goods for generated stores. Fictional on purpose: generated data may
 * end up in logs, screenshots and the Temporal UI, so no value here belongs to a real person.
 */

export interface CountryProfile {
  countryCode: string;
  currencyCode: string;
  /** Sales tax or VAT title as it appears on Shopify tax lines. */
  taxTitle: string;
  /** Standard rate as a decimal fraction ("0.25"). */
  taxRate: string;
  /** EU-style shops show prices with VAT included; North American ones add tax at checkout. */
  taxesIncluded: boolean;
  phonePrefix: string;
  cities: readonly { city: string; zip: string; provinceCode?: string }[];
  streets: readonly string[];
}

export const COUNTRY_PROFILES: Readonly<Record<string, CountryProfile>> = {
  US: {
    countryCode: 'US',
    currencyCode: 'USD',
    taxTitle: 'State Tax',
    taxRate: '0.0725',
    taxesIncluded: false,
    phonePrefix: '+1415555',
    cities: [
      { city: 'Portland', zip: '97205', provinceCode: 'OR' },
      { city: 'Austin', zip: '78701', provinceCode: 'TX' },
      { city: 'Columbus', zip: '43215', provinceCode: 'OH' },
      { city: 'Sacramento', zip: '95814', provinceCode: 'CA' },
      { city: 'Denver', zip: '80202', provinceCode: 'CO' },
    ],
    streets: ['Alder Street', 'Congress Avenue', 'Maple Drive', 'Harbor Way', 'Pine Street'],
  },
  CA: {
    countryCode: 'CA',
    currencyCode: 'CAD',
    taxTitle: 'GST',
    taxRate: '0.05',
    taxesIncluded: false,
    phonePrefix: '+1604555',
    cities: [
      { city: 'Vancouver', zip: 'V6B 1A1', provinceCode: 'BC' },
      { city: 'Toronto', zip: 'M5V 2T6', provinceCode: 'ON' },
      { city: 'Calgary', zip: 'T2P 1J9', provinceCode: 'AB' },
    ],
    streets: ['Granville Street', 'King Street West', 'Stephen Avenue'],
  },
  GB: {
    countryCode: 'GB',
    currencyCode: 'GBP',
    taxTitle: 'VAT',
    taxRate: '0.20',
    taxesIncluded: true,
    phonePrefix: '+4477009',
    cities: [
      { city: 'Leeds', zip: 'LS1 4AP' },
      { city: 'Bristol', zip: 'BS1 5TR' },
      { city: 'Manchester', zip: 'M1 1AE' },
    ],
    streets: ['Briggate', 'Corn Street', 'Oldham Road', 'Mill Lane'],
  },
  DE: {
    countryCode: 'DE',
    currencyCode: 'EUR',
    taxTitle: 'MwSt',
    taxRate: '0.19',
    taxesIncluded: true,
    phonePrefix: '+4915550',
    cities: [
      { city: 'Hamburg', zip: '20095' },
      { city: 'Leipzig', zip: '04109' },
      { city: 'Köln', zip: '50667' },
    ],
    streets: ['Lindenstraße', 'Hafenweg', 'Bahnhofstraße', 'Gartenweg'],
  },
  FR: {
    countryCode: 'FR',
    currencyCode: 'EUR',
    taxTitle: 'TVA',
    taxRate: '0.20',
    taxesIncluded: true,
    phonePrefix: '+3365550',
    cities: [
      { city: 'Lyon', zip: '69002' },
      { city: 'Nantes', zip: '44000' },
      { city: 'Lille', zip: '59000' },
    ],
    streets: ['Rue des Tilleuls', 'Quai de la Loire', 'Avenue du Parc'],
  },
  NL: {
    countryCode: 'NL',
    currencyCode: 'EUR',
    taxTitle: 'BTW',
    taxRate: '0.21',
    taxesIncluded: true,
    phonePrefix: '+3165550',
    cities: [
      { city: 'Utrecht', zip: '3511 AB' },
      { city: 'Rotterdam', zip: '3011 AA' },
    ],
    streets: ['Oudegracht', 'Coolsingel', 'Lindelaan'],
  },
  NO: {
    countryCode: 'NO',
    currencyCode: 'NOK',
    taxTitle: 'MVA',
    taxRate: '0.25',
    taxesIncluded: true,
    phonePrefix: '+479555',
    cities: [
      { city: 'Bergen', zip: '5003' },
      { city: 'Trondheim', zip: '7011' },
      { city: 'Oslo', zip: '0150' },
    ],
    streets: ['Strandgaten', 'Kongens gate', 'Storgata'],
  },
  SE: {
    countryCode: 'SE',
    currencyCode: 'SEK',
    taxTitle: 'Moms',
    taxRate: '0.25',
    taxesIncluded: true,
    phonePrefix: '+467055',
    cities: [
      { city: 'Göteborg', zip: '411 06' },
      { city: 'Uppsala', zip: '753 20' },
    ],
    streets: ['Kungsgatan', 'Drottninggatan', 'Sveavägen'],
  },
  DK: {
    countryCode: 'DK',
    currencyCode: 'DKK',
    taxTitle: 'Moms',
    taxRate: '0.25',
    taxesIncluded: true,
    phonePrefix: '+452555',
    cities: [
      { city: 'Aarhus', zip: '8000' },
      { city: 'Odense', zip: '5000' },
    ],
    streets: ['Vestergade', 'Søndergade', 'Strøget'],
  },
  AU: {
    countryCode: 'AU',
    currencyCode: 'AUD',
    taxTitle: 'GST',
    taxRate: '0.10',
    taxesIncluded: true,
    phonePrefix: '+614005',
    cities: [
      { city: 'Melbourne', zip: '3000', provinceCode: 'VIC' },
      { city: 'Brisbane', zip: '4000', provinceCode: 'QLD' },
    ],
    streets: ['Collins Street', 'Queen Street', 'George Street'],
  },
  CH: {
    countryCode: 'CH',
    currencyCode: 'CHF',
    taxTitle: 'MWST',
    taxRate: '0.081',
    taxesIncluded: true,
    phonePrefix: '+41795550',
    cities: [
      { city: 'Basel', zip: '4051' },
      { city: 'Bern', zip: '3011' },
    ],
    streets: ['Freie Strasse', 'Marktgasse'],
  },
};

/** Where a shop selling in a currency is based, which decides its tax model. */
export const HOME_COUNTRY_BY_CURRENCY: Readonly<Record<string, string>> = {
  USD: 'US',
  CAD: 'CA',
  GBP: 'GB',
  EUR: 'DE',
  NOK: 'NO',
  SEK: 'SE',
  DKK: 'DK',
  AUD: 'AU',
  CHF: 'CH',
};

/** Customer countries and how often they buy from a typical shop (home country is boosted separately). */
export const CUSTOMER_COUNTRY_WEIGHTS: Readonly<Record<string, number>> = {
  US: 30,
  CA: 8,
  GB: 12,
  DE: 12,
  FR: 8,
  NL: 6,
  NO: 6,
  SE: 6,
  DK: 4,
  AU: 5,
  CH: 3,
};

export const FIRST_NAMES = [
  'Ada',
  'Bjørn',
  'Chloé',
  'Dmitri',
  'Elif',
  'Farah',
  'Gustav',
  'Hana',
  'Ines',
  'Jonas',
  'Kaia',
  'Liam',
  'Maren',
  'Nils',
  'Olivia',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tomás',
  'Uma',
  'Viktor',
  'Wren',
  'Yusuf',
  'Zofia',
] as const;

export const LAST_NAMES = [
  'Andersen',
  'Brennan',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Haugen',
  'Ishikawa',
  'Jansen',
  'Kowalski',
  'Lindqvist',
  'Müller',
  'Nakamura',
  "O'Neill",
  'Petersen',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Thompson',
  'Underwood',
  'Vasquez',
  'Whitfield',
  'Young',
  'Zimmermann',
] as const;

export interface ProductTemplate {
  title: string;
  productType: string;
  vendor: string;
  optionName: string;
  optionValues: readonly string[];
  /** Base price in USD; variants and shops in other currencies are derived from it. */
  basePriceUsd: string;
  skuStem: string;
}

export const PRODUCT_TEMPLATES: readonly ProductTemplate[] = [
  {
    title: 'Merino Crew Sweater',
    productType: 'Knitwear',
    vendor: 'Fjell & Fold',
    optionName: 'Size',
    optionValues: ['S', 'M', 'L', 'XL'],
    basePriceUsd: '89.00',
    skuStem: 'MER-CREW',
  },
  {
    title: 'Organic Cotton Tee',
    productType: 'Tops',
    vendor: 'Fjell & Fold',
    optionName: 'Size',
    optionValues: ['XS', 'S', 'M', 'L', 'XL'],
    basePriceUsd: '29.00',
    skuStem: 'ORG-TEE',
  },
  {
    title: 'Waxed Canvas Tote',
    productType: 'Bags',
    vendor: 'Harbor Goods',
    optionName: 'Color',
    optionValues: ['Olive', 'Navy', 'Sand'],
    basePriceUsd: '64.50',
    skuStem: 'WAX-TOTE',
  },
  {
    title: 'Trail Running Socks',
    productType: 'Accessories',
    vendor: 'Ridgeline',
    optionName: 'Size',
    optionValues: ['36-39', '40-43', '44-47'],
    basePriceUsd: '14.95',
    skuStem: 'TRL-SOCK',
  },
  {
    title: 'Stoneware Mug',
    productType: 'Kitchen',
    vendor: 'Kiln Street',
    optionName: 'Glaze',
    optionValues: ['Ash', 'Moss', 'Cobalt'],
    basePriceUsd: '22.00',
    skuStem: 'STN-MUG',
  },
  {
    title: 'Linen Apron',
    productType: 'Kitchen',
    vendor: 'Kiln Street',
    optionName: 'Color',
    optionValues: ['Natural', 'Charcoal'],
    basePriceUsd: '38.00',
    skuStem: 'LIN-APRN',
  },
  {
    title: 'Down Parka',
    productType: 'Outerwear',
    vendor: 'Ridgeline',
    optionName: 'Size',
    optionValues: ['S', 'M', 'L'],
    basePriceUsd: '349.00',
    skuStem: 'DWN-PRK',
  },
  {
    title: 'Leather Card Holder',
    productType: 'Accessories',
    vendor: 'Harbor Goods',
    optionName: 'Color',
    optionValues: ['Tan', 'Black'],
    basePriceUsd: '45.00',
    skuStem: 'LTH-CARD',
  },
  {
    title: 'Beeswax Candle Set',
    productType: 'Home',
    vendor: 'Kiln Street',
    optionName: 'Pack',
    optionValues: ['3-pack', '6-pack'],
    basePriceUsd: '26.75',
    skuStem: 'BWX-CNDL',
  },
  {
    title: 'Rain Shell Jacket',
    productType: 'Outerwear',
    vendor: 'Ridgeline',
    optionName: 'Size',
    optionValues: ['S', 'M', 'L', 'XL'],
    basePriceUsd: '179.00',
    skuStem: 'RN-SHELL',
  },
  {
    title: 'Wool Beanie',
    productType: 'Accessories',
    vendor: 'Fjell & Fold',
    optionName: 'Color',
    optionValues: ['Heather', 'Rust', 'Ink'],
    basePriceUsd: '32.00',
    skuStem: 'WL-BEAN',
  },
  {
    title: 'Enamel Camp Plate',
    productType: 'Outdoor',
    vendor: 'Harbor Goods',
    optionName: 'Color',
    optionValues: ['White', 'Blue'],
    basePriceUsd: '18.50',
    skuStem: 'ENM-PLT',
  },
];

/** Denominations of the store's gift card product, in USD before conversion. */
export const GIFT_CARD_DENOMINATIONS_USD = ['25.00', '50.00', '100.00'] as const;

export const SHIPPING_METHODS = [
  { title: 'Standard Shipping', code: 'STANDARD', source: 'shopify', priceUsd: '6.95' },
  { title: 'Express Shipping', code: 'EXPRESS', source: 'shopify', priceUsd: '18.00' },
  { title: 'DHL Parcel', code: 'DHL-PARCEL', source: 'dhl', priceUsd: '9.50' },
  { title: 'UPS Ground', code: 'UPS-GROUND', source: 'ups', priceUsd: '11.25' },
  { title: 'Gift Wrapping', code: 'GIFT-WRAP', source: 'shopify', priceUsd: '4.00' },
] as const;

/** Mixed case on purpose: Shopify keeps tag case, and tag filters are case sensitive. */
export const ORDER_TAGS = [
  'VIP',
  'wholesale',
  'Gift',
  'pre-order',
  'Priority',
  'b2b',
  'Influencer',
  'repeat-customer',
  'BFCM',
  'Fragile',
] as const;

export const TRACKING_COMPANIES = ['DHL Express', 'UPS', 'PostNord', 'Royal Mail', 'FedEx'] as const;
