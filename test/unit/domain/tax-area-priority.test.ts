import { describe, expect, it } from 'vitest';
import { pickTaxArea, taxAreaAddress, type TaxAddress } from '../../../domain/tax-area-priority';

const oslo: TaxAddress = { countryCode: 'NO', county: null, city: 'Oslo' };
const stockholm: TaxAddress = { countryCode: 'SE', county: 'AB', city: 'Stockholm' };
const berlin: TaxAddress = { countryCode: 'DE', county: 'BE', city: 'Berlin' };

describe('taxAreaAddress', () => {
  it.each([
    ['ship_sell_bill', 'shipTo'],
    ['ship_bill_sell', 'shipTo'],
    ['sell_ship_bill', 'sellTo'],
    ['sell_bill_ship', 'sellTo'],
    ['bill_sell_ship', 'billTo'],
    ['bill_ship_sell', 'billTo'],
  ] as const)('%s picks %s first when all exist', (priority, role) => {
    expect(taxAreaAddress(priority, { shipTo: oslo, sellTo: stockholm, billTo: berlin })?.role).toBe(role);
  });

  it.each([
    ['ship_sell_bill', 'sellTo'],
    ['ship_bill_sell', 'billTo'],
  ] as const)('%s skips a missing ship-to and takes %s', (priority, role) => {
    expect(taxAreaAddress(priority, { shipTo: null, sellTo: stockholm, billTo: berlin })?.role).toBe(role);
  });

  it('treats an address without a city as missing (POS orders)', () => {
    expect(
      taxAreaAddress('ship_sell_bill', {
        shipTo: { countryCode: 'NO', county: null, city: ' ' },
        billTo: berlin,
      })?.role,
    ).toBe('billTo');
  });

  it('decides nothing with priority none or no address', () => {
    expect(taxAreaAddress('none', { shipTo: oslo })).toBeNull();
    expect(taxAreaAddress('bill_ship_sell', {})).toBeNull();
  });
});

describe('pickTaxArea', () => {
  const areas = [
    { code: 'US', countryCode: 'US', county: null },
    { code: 'US-NY', countryCode: 'US', county: 'NY' },
    { code: 'NO', countryCode: 'NO', county: null },
  ];

  it('prefers the county, ignoring case', () => {
    expect(pickTaxArea(areas, { countryCode: 'US', county: 'ny', city: 'NYC' })?.code).toBe('US-NY');
  });

  it('falls back to the country-wide area', () => {
    expect(pickTaxArea(areas, { countryCode: 'US', county: 'CA', city: 'LA' })?.code).toBe('US');
    expect(pickTaxArea(areas, { countryCode: 'no', county: null, city: 'Oslo' })?.code).toBe('NO');
  });

  it('finds nothing for an unknown country', () => {
    expect(pickTaxArea(areas, { countryCode: 'SE', county: null, city: 'Lund' })).toBeNull();
  });
});
