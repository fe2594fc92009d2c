import { normalizePhoneDigits } from '../../../domain/customer-matching';
import type { FieldSpec, FieldValue } from '../../../domain/master-data/field-spec';

export const MASTER_DATA_KIND_NAMES = [
  'item',
  'item-variant',
  'customer',
  'tax-area',
  'gl-account',
  'location',
  'shipment-method',
] as const;

export type MasterDataKindName = (typeof MASTER_DATA_KIND_NAMES)[number];

export interface MasterDataField extends FieldSpec {
  column: string;
  /** The value must be the key of an existing record of this table. */
  references?: { table: string; column: string; label: string };
}

/** A table an operator keeps by hand or by CSV: its key, its fields and how they are checked. */
export interface MasterDataKind {
  name: MasterDataKindName;
  label: string;
  table: string;
  fields: readonly MasterDataField[];
  /** Columns kept from others (lookup forms), written whenever their source is. */
  derivedColumns?: (values: Readonly<Record<string, FieldValue>>) => Record<string, FieldValue>;
}

const ITEM: MasterDataKind = {
  name: 'item',
  label: 'Item',
  table: 'item',
  fields: [
    { name: 'no', column: 'no', type: 'code', maxLength: 20, key: true },
    { name: 'description', column: 'description', type: 'text', maxLength: 100, required: true },
    { name: 'barcode', column: 'barcode', type: 'code', maxLength: 50 },
    { name: 'unitPrice', column: 'unit_price', type: 'decimal', emptyValue: '0' },
    { name: 'blocked', column: 'blocked', type: 'boolean', emptyValue: false },
  ],
};

const ITEM_VARIANT: MasterDataKind = {
  name: 'item-variant',
  label: 'Item variant',
  table: 'item_variant',
  fields: [
    {
      name: 'itemNo',
      column: 'item_no',
      type: 'code',
      maxLength: 20,
      key: true,
      references: { table: 'item', column: 'no', label: 'item' },
    },
    { name: 'code', column: 'code', type: 'code', maxLength: 10, key: true },
    { name: 'description', column: 'description', type: 'text', maxLength: 100, required: true },
    { name: 'sku', column: 'sku', type: 'text', maxLength: 100 },
    { name: 'barcode', column: 'barcode', type: 'code', maxLength: 50 },
  ],
};

const CUSTOMER: MasterDataKind = {
  name: 'customer',
  label: 'Customer',
  table: 'customer',
  fields: [
    { name: 'no', column: 'no', type: 'code', maxLength: 20, key: true, upperCase: true },
    { name: 'name', column: 'name', type: 'text', maxLength: 100, required: true },
    { name: 'name2', column: 'name2', type: 'text', maxLength: 100 },
    { name: 'contact', column: 'contact', type: 'text', maxLength: 100 },
    { name: 'address', column: 'address', type: 'text', maxLength: 100 },
    { name: 'address2', column: 'address2', type: 'text', maxLength: 100 },
    { name: 'city', column: 'city', type: 'text', maxLength: 50 },
    { name: 'postCode', column: 'post_code', type: 'text', maxLength: 20 },
    { name: 'county', column: 'county', type: 'text', maxLength: 50 },
    { name: 'countryCode', column: 'country_code', type: 'country' },
    { name: 'email', column: 'email', type: 'email', maxLength: 255 },
    { name: 'phone', column: 'phone', type: 'phone', maxLength: 50 },
    {
      name: 'taxAreaCode',
      column: 'tax_area_code',
      type: 'code',
      maxLength: 20,
      upperCase: true,
      references: { table: 'tax_area', column: 'code', label: 'tax area' },
    },
    { name: 'currencyCode', column: 'currency_code', type: 'code', maxLength: 10, upperCase: true },
    { name: 'blocked', column: 'blocked', type: 'boolean', emptyValue: false },
  ],
  // Phone lookups compare digits only (customer matching), so the digits follow the phone.
  derivedColumns: (values): Record<string, FieldValue> =>
    'phone' in values
      ? { phone_digits: normalizePhoneDigits(typeof values.phone === 'string' ? values.phone : null) }
      : {},
};

const TAX_AREA: MasterDataKind = {
  name: 'tax-area',
  label: 'Tax area',
  table: 'tax_area',
  fields: [
    { name: 'code', column: 'code', type: 'code', maxLength: 20, key: true, upperCase: true },
    { name: 'description', column: 'description', type: 'text', maxLength: 100, required: true },
    { name: 'countryCode', column: 'country_code', type: 'country', required: true },
    { name: 'county', column: 'county', type: 'text', maxLength: 50 },
    { name: 'taxRatePercent', column: 'tax_rate_percent', type: 'percent', emptyValue: '0' },
  ],
};

const GL_ACCOUNT: MasterDataKind = {
  name: 'gl-account',
  label: 'G/L account',
  table: 'gl_account',
  fields: [
    { name: 'no', column: 'no', type: 'code', maxLength: 20, key: true, upperCase: true },
    { name: 'name', column: 'name', type: 'text', maxLength: 100, required: true },
    { name: 'blocked', column: 'blocked', type: 'boolean', emptyValue: false },
    { name: 'taxable', column: 'taxable', type: 'boolean', emptyValue: true },
  ],
};

const LOCATION: MasterDataKind = {
  name: 'location',
  label: 'Location',
  table: 'location',
  fields: [
    { name: 'code', column: 'code', type: 'code', maxLength: 10, key: true, upperCase: true },
    { name: 'name', column: 'name', type: 'text', maxLength: 100, required: true },
  ],
};

const SHIPMENT_METHOD: MasterDataKind = {
  name: 'shipment-method',
  label: 'Shipment method',
  table: 'shipment_method',
  fields: [
    { name: 'code', column: 'code', type: 'code', maxLength: 10, key: true, upperCase: true },
    { name: 'description', column: 'description', type: 'text', maxLength: 100, required: true },
  ],
};

const KINDS: Record<MasterDataKindName, MasterDataKind> = {
  item: ITEM,
  'item-variant': ITEM_VARIANT,
  customer: CUSTOMER,
  'tax-area': TAX_AREA,
  'gl-account': GL_ACCOUNT,
  location: LOCATION,
  'shipment-method': SHIPMENT_METHOD,
};

export function masterDataKind(name: string): MasterDataKind {
  const kind = (KINDS as Record<string, MasterDataKind | undefined>)[name];
  if (!kind) throw new Error(`Unknown kind '${name}': one of ${MASTER_DATA_KIND_NAMES.join(', ')}`);
  return kind;
}

export function keyFieldsOf(kind: MasterDataKind): MasterDataField[] {
  return kind.fields.filter((field) => field.key);
}
