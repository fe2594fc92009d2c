import { Decimal } from 'decimal.js';
import { normalizeEmail } from '../customer-matching';
import type { FieldSpec, FieldValue } from './field-spec';

export type ParsedField = { ok: true; value: FieldValue } | { ok: false; reason: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;
const COUNTRY = /^[A-Z]{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]*$/;
const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

function emptyValueOf(field: FieldSpec): ParsedField {
  if (field.required || field.key) return { ok: false, reason: 'a value is required' };
  return { ok: true, value: field.emptyValue ?? null };
}

function tooLong(field: FieldSpec, value: string): ParsedField | null {
  return field.maxLength !== undefined && value.length > field.maxLength
    ? { ok: false, reason: `at most ${field.maxLength} characters (has ${value.length})` }
    : null;
}

function parseDecimal(field: FieldSpec, value: string): ParsedField {
  if (!DECIMAL.test(value)) return { ok: false, reason: `'${value}' is not a number like 12.50` };
  const decimal = new Decimal(value);
  if (decimal.isNegative()) return { ok: false, reason: `'${value}' is negative` };
  if (decimal.decimalPlaces() > 4) return { ok: false, reason: `'${value}' has more than 4 decimals` };
  if (field.type === 'percent' && decimal.greaterThan(100))
    return { ok: false, reason: `'${value}' is more than 100 percent` };
  return { ok: true, value: decimal.toFixed() };
}

/**
 * One raw value (a CLI option or CSV cell) as the ERP stores it, or the reason it is refused. An
 * empty value clears an optional field and sets a defaulted one back to its default.
 */
export function parseFieldValue(field: FieldSpec, raw: string): ParsedField {
  const value = raw.trim();
  if (value === '') return emptyValueOf(field);
  const lengthProblem = tooLong(field, value);
  if (lengthProblem) return lengthProblem;
  switch (field.type) {
    case 'text':
      return { ok: true, value };
    case 'code':
      if (!CODE.test(value))
        return { ok: false, reason: `'${value}': letters, digits and - _ . / only, no spaces` };
      return { ok: true, value: field.upperCase ? value.toUpperCase() : value };
    case 'decimal':
    case 'percent':
      return parseDecimal(field, value);
    case 'boolean': {
      const lower = value.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, reason: `'${value}': expected true or false` };
    }
    case 'country': {
      const upper = value.toUpperCase();
      return COUNTRY.test(upper)
        ? { ok: true, value: upper }
        : { ok: false, reason: `'${value}' is not a two-letter ISO country code like DK` };
    }
    case 'email':
      return EMAIL.test(value)
        ? { ok: true, value: normalizeEmail(value) }
        : { ok: false, reason: `'${value}' is not an e-mail address` };
    case 'phone':
      return /\d/.test(value) ? { ok: true, value } : { ok: false, reason: `'${value}' has no digits` };
  }
}
