import type { TaxAreaPriority } from './shop-settings';

export type AddressRole = 'shipTo' | 'sellTo' | 'billTo';

/** The parts of an address the tax area lookup uses. */
export interface TaxAddress {
  countryCode: string | null;
  /** Province code, else province name. */
  county: string | null;
  city: string | null;
}

const ORDERS: Record<Exclude<TaxAreaPriority, 'none'>, AddressRole[]> = {
  ship_sell_bill: ['shipTo', 'sellTo', 'billTo'],
  ship_bill_sell: ['shipTo', 'billTo', 'sellTo'],
  sell_ship_bill: ['sellTo', 'shipTo', 'billTo'],
  sell_bill_ship: ['sellTo', 'billTo', 'shipTo'],
  bill_sell_ship: ['billTo', 'sellTo', 'shipTo'],
  bill_ship_sell: ['billTo', 'shipTo', 'sellTo'],
};

/**
 * Which address decides the tax area: the first one, in the shop's priority, that exists (has a
 * country and a city). It decides alone: when its lookup finds nothing there is no fall-through to
 * the next address, because a tax area from another address would be silently wrong.
 */
export function taxAreaAddress(
  priority: TaxAreaPriority,
  addresses: Partial<Record<AddressRole, TaxAddress | null>>,
): { role: AddressRole; address: TaxAddress } | null {
  if (priority === 'none') return null;
  for (const role of ORDERS[priority]) {
    const address = addresses[role];
    if (address?.countryCode && address.city?.trim()) return { role, address };
  }
  return null;
}

export interface TaxAreaCandidate {
  code: string;
  countryCode: string;
  county: string | null;
}

/** Among the tax areas of the address's country, the one for its county, else the country-wide one. */
export function pickTaxArea<T extends TaxAreaCandidate>(
  candidates: readonly T[],
  address: TaxAddress,
): T | null {
  const country = address.countryCode?.toUpperCase();
  const inCountry = candidates.filter((candidate) => candidate.countryCode.toUpperCase() === country);
  const county = address.county?.trim().toLowerCase();
  const exact = county
    ? inCountry.find((candidate) => candidate.county?.trim().toLowerCase() === county)
    : undefined;
  return exact ?? inCountry.find((candidate) => candidate.county === null) ?? null;
}
