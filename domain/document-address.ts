import { partyNames, personName } from './customer-matching';
import type { OrderAddress } from './order-snapshot';

/** An address block on a sales document (sell-to, bill-to, ship-to). */
export interface DocumentAddress {
  name: string;
  name2: string | null;
  contact: string | null;
  address: string | null;
  address2: string | null;
  city: string | null;
  postCode: string | null;
  county: string | null;
  /** ISO 3166-1 alpha-2. */
  countryCode: string | null;
  phone: string | null;
}

/** A Shopify order address as a document address block; null when there is none or it has no name. */
export function documentAddressFromOrder(address: OrderAddress | null): DocumentAddress | null {
  if (!address) return null;
  const { name, name2 } = partyNames(address);
  if (name === null) return null;
  return {
    name,
    name2,
    contact: personName(address),
    address: address.address1,
    address2: address.address2,
    city: address.city,
    postCode: address.zip,
    county: address.provinceCode ?? address.province,
    countryCode: address.countryCode,
    phone: address.phone,
  };
}
