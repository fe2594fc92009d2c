import type { OrderAddress } from './order-snapshot';

/** How e-mail addresses are compared: trimmed, lower case. Empty → null. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * How phone numbers are compared: digits only, without leading zeros (so "+47 22 33 44 55",
 * "0047-22334455" and "47 22334455" agree). Fewer than 5 digits is not a phone number → null.
 */
export function normalizePhoneDigits(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 5 ? digits : null;
}

/** The person's name on an address: "first last", else Shopify's full name. */
export function personName(address: Pick<OrderAddress, 'firstName' | 'lastName' | 'name'>): string | null {
  const joined = [address.firstName, address.lastName]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ');
  if (joined !== '') return joined;
  const full = address.name?.trim() ?? '';
  return full === '' ? null : full;
}

/** Name and name 2 of the party an address stands for: the company when there is one, else the person. */
export function partyNames(address: OrderAddress): { name: string | null; name2: string | null } {
  const company = address.company?.trim() ?? '';
  const person = personName(address);
  if (company !== '') return { name: company, name2: person !== null && person !== company ? person : null };
  return { name: person, name2: null };
}

/** An address good enough to create a customer from: a name, and a street or a city. */
export function isUsableAddress(address: OrderAddress | null): address is OrderAddress {
  if (!address) return false;
  const { name } = partyNames(address);
  const hasPlace = Boolean(address.address1?.trim() || address.city?.trim());
  return name !== null && hasPlace;
}

/** The bill-to fields a customer is matched on (SPEC §4.2 "by bill-to info"). */
export interface BillToIdentity {
  name: string | null;
  name2: string | null;
  address: string | null;
  address2: string | null;
  postCode: string | null;
  city: string | null;
  countryCode: string | null;
}

function comparable(value: string | null | undefined): string {
  return (value ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function billToIdentity(address: OrderAddress): BillToIdentity {
  const { name, name2 } = partyNames(address);
  return {
    name,
    name2,
    address: address.address1,
    address2: address.address2,
    postCode: address.zip,
    city: address.city,
    countryCode: address.countryCode,
  };
}

/** Same party at the same address, ignoring case and spacing. */
export function sameBillTo(left: BillToIdentity, right: BillToIdentity): boolean {
  const keys: (keyof BillToIdentity)[] = [
    'name',
    'name2',
    'address',
    'address2',
    'postCode',
    'city',
    'countryCode',
  ];
  return keys.every((key) => comparable(left[key]) === comparable(right[key]));
}
