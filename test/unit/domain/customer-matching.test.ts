import { describe, expect, it } from 'vitest';
import {
  billToIdentity,
  isUsableAddress,
  normalizeEmail,
  normalizePhoneDigits,
  partyNames,
  sameBillTo,
} from '../../../domain/customer-matching';
import type { OrderAddress } from '../../../domain/order-snapshot';

const address = (overrides: Partial<OrderAddress> = {}): OrderAddress => ({
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
  phone: null,
  ...overrides,
});

describe('customer matching helpers', () => {
  it.each([
    [' Kari@Example.COM ', 'kari@example.com'],
    ['', null],
    [null, null],
  ])('normalizes e-mail %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each([
    ['+47 22 33 44 55', '4722334455'],
    ['0047-22334455', '4722334455'],
    ['(555) 010-2030', '5550102030'],
    ['123', null],
    [null, null],
  ])('normalizes phone %j', (input, expected) => {
    expect(normalizePhoneDigits(input)).toBe(expected);
  });

  it('names a company address by the company, with the person as name 2', () => {
    expect(partyNames(address({ company: 'Nordmann AS' }))).toEqual({
      name: 'Nordmann AS',
      name2: 'Kari Nordmann',
    });
    expect(partyNames(address())).toEqual({ name: 'Kari Nordmann', name2: null });
    expect(partyNames(address({ firstName: null, lastName: null, name: 'K N' }))).toEqual({
      name: 'K N',
      name2: null,
    });
  });

  it('needs a name and a street or city to create a customer', () => {
    expect(isUsableAddress(address())).toBe(true);
    expect(isUsableAddress(null)).toBe(false);
    expect(isUsableAddress(address({ firstName: null, lastName: null, name: null }))).toBe(false);
    expect(isUsableAddress(address({ address1: null, city: null }))).toBe(false);
  });

  it('matches bill-to ignoring case and spacing, but not a different street', () => {
    const stored = billToIdentity(address());
    expect(sameBillTo(stored, billToIdentity(address({ address1: ' storgata  1 ', city: 'OSLO' })))).toBe(
      true,
    );
    expect(sameBillTo(stored, billToIdentity(address({ address1: 'Storgata 2' })))).toBe(false);
    expect(sameBillTo(stored, billToIdentity(address({ company: 'Other AS' })))).toBe(false);
  });
});
