/** How a master-data value is written (CLI option, CSV cell) and checked before it reaches the ERP. */
export type FieldType = 'text' | 'code' | 'decimal' | 'percent' | 'boolean' | 'country' | 'email' | 'phone';

/** A value as stored: decimals stay strings so money never passes through a float. */
export type FieldValue = string | boolean | null;

export interface FieldSpec {
  /** The JSON key and CSV column; its kebab-case form is the CLI option. */
  name: string;
  type: FieldType;
  maxLength?: number;
  /** Part of the record's key (given as arguments, never changed). */
  key?: boolean;
  /** A new record needs it, and it can never be emptied. */
  required?: boolean;
  /** What an empty value means for a column that cannot be null and is not required. */
  emptyValue?: string | boolean;
  /** Codes are compared upper-case across the ERP; item numbers are not (they match Shopify SKUs). */
  upperCase?: boolean;
}

/** `unitPrice` → `unit-price`. */
export function optionNameOf(field: Pick<FieldSpec, 'name'>): string {
  return field.name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
