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
