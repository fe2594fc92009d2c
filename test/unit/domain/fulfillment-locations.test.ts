import { describe, expect, it } from 'vitest';
import {
  representativeLocationsStale,
  fulfillmentOrderLinesNeeded,
  lineFulfillmentLocations,
  type FulfillmentOrderPlacement,
} from '../../../domain/fulfillment-locations';
import { LOCATION_BERGEN, LOCATION_OSLO } from './order-snapshot-fixture';

const LINE = (id: number) => `gid://shopify/LineItem/${id}`;

function fulfillmentOrder(
  id: number,
  overrides: Partial<FulfillmentOrderPlacement> & { lineIds?: number[] } = {},
): FulfillmentOrderPlacement {
  const { lineIds, ...rest } = overrides;
  return {
    shopifyFulfillmentOrderId: `gid://shopify/FulfillmentOrder/${id}`,
    status: 'OPEN',
    assignedLocationId: LOCATION_OSLO,
    lines:
      lineIds?.map((lineId) => ({
        shopifyFulfillmentOrderLineId: `gid://shopify/FulfillmentOrderLineItem/${id}${lineId}`,
        shopifyLineId: LINE(lineId),
        totalQuantity: 1,
        remainingQuantity: 1,
      })) ?? null,
    ...rest,
  };
}

const locations = (lineIds: number[], fulfillmentOrders: FulfillmentOrderPlacement[]) =>
  Object.fromEntries(lineFulfillmentLocations(lineIds.map(LINE), fulfillmentOrders));

describe('lineFulfillmentLocations', () => {
  it('puts every line at the location of the only fulfillment order, whose lines were not read', () => {
    expect(locations([1, 2, 3], [fulfillmentOrder(1)])).toEqual({
      [LINE(1)]: LOCATION_OSLO,
      [LINE(2)]: LOCATION_OSLO,
      [LINE(3)]: LOCATION_OSLO,
    });
  });

  it('leaves every line without a location when there is no fulfillment order, or its location is gone', () => {
    expect(locations([1, 2], [])).toEqual({ [LINE(1)]: null, [LINE(2)]: null });
    expect(locations([1], [fulfillmentOrder(1, { assignedLocationId: null })])).toEqual({ [LINE(1)]: null });
  });

  it('follows the line items when they were read, also of a single fulfillment order', () => {
    expect(locations([1, 2], [fulfillmentOrder(1, { lineIds: [1] })])).toEqual({
      [LINE(1)]: LOCATION_OSLO,
      [LINE(2)]: null,
    });
  });

  it('puts each line at the fulfillment order holding it when there are several', () => {
    expect(
      locations(
        [1, 2, 3],
        [
          fulfillmentOrder(1, { lineIds: [1, 3] }),
          fulfillmentOrder(2, { lineIds: [2], assignedLocationId: LOCATION_BERGEN }),
        ],
      ),
    ).toEqual({ [LINE(1)]: LOCATION_OSLO, [LINE(2)]: LOCATION_BERGEN, [LINE(3)]: LOCATION_OSLO });
  });

  it('prefers the open fulfillment order over one that is done, whatever their order', () => {
    const done = fulfillmentOrder(2, { lineIds: [1], status: 'CLOSED', assignedLocationId: LOCATION_BERGEN });
    const open = fulfillmentOrder(1, { lineIds: [1] });
    expect(locations([1], [open, done])).toEqual({ [LINE(1)]: LOCATION_OSLO });
    expect(locations([1], [done, open])).toEqual({ [LINE(1)]: LOCATION_OSLO });
    // Done everywhere: the last one that held it.
    expect(locations([1], [done])).toEqual({ [LINE(1)]: LOCATION_BERGEN });
  });

  it("puts every line at the oldest one's location when several came without their line items", () => {
    // FulfillmentOrder/9 is older than /10 (numeric, not text, order), whatever Shopify lists first.
    const oldest = fulfillmentOrder(9, { status: 'CLOSED' });
    const newer = fulfillmentOrder(10, { assignedLocationId: LOCATION_BERGEN });
    const expected = { [LINE(1)]: LOCATION_OSLO, [LINE(2)]: LOCATION_OSLO };
    expect(locations([1, 2], [oldest, newer])).toEqual(expected);
    expect(locations([1, 2], [newer, oldest])).toEqual(expected);
  });

  it('refuses fulfillment orders of which some came with their line items and some without', () => {
    expect(() => locations([1], [fulfillmentOrder(1), fulfillmentOrder(2, { lineIds: [1] })])).toThrow(
      /FulfillmentOrder\/1 came without its line items while others of the order came with theirs/,
    );
  });
});

describe('fulfillmentOrderLinesNeeded', () => {
  const WAREHOUSE = 'gid://shopify/Location/103';
  const codes = {
    [LOCATION_OSLO]: 'MAIN',
    [LOCATION_BERGEN]: 'MAIN',
    [WAREHOUSE]: 'WH2',
    'gid://shopify/Location/104': null,
  };

  it('does not need them for one fulfillment order or none, mapped or not', () => {
    expect(fulfillmentOrderLinesNeeded([], codes)).toBe(false);
    expect(fulfillmentOrderLinesNeeded([LOCATION_OSLO], {})).toBe(false);
    expect(fulfillmentOrderLinesNeeded([null], codes)).toBe(false);
  });

  it('does not need them when every location maps to the same ERP location code', () => {
    expect(fulfillmentOrderLinesNeeded([LOCATION_OSLO, LOCATION_BERGEN], codes)).toBe(false);
    expect(fulfillmentOrderLinesNeeded([LOCATION_OSLO, LOCATION_OSLO, LOCATION_BERGEN], codes)).toBe(false);
  });

  it('needs them for two codes', () => {
    expect(fulfillmentOrderLinesNeeded([LOCATION_OSLO, WAREHOUSE], codes)).toBe(true);
  });

  it('needs them when a location has no code, no mapping row, or is gone, even beside mapped ones', () => {
    expect(fulfillmentOrderLinesNeeded([LOCATION_OSLO, 'gid://shopify/Location/104'], codes)).toBe(true);
    expect(fulfillmentOrderLinesNeeded([LOCATION_OSLO, 'gid://shopify/Location/105'], codes)).toBe(true);
    expect(fulfillmentOrderLinesNeeded([LOCATION_OSLO, null], codes)).toBe(true);
    // Two locations without a code are "the same" only in having none: the problem must name the lines.
    expect(
      fulfillmentOrderLinesNeeded(['gid://shopify/Location/104', 'gid://shopify/Location/106'], codes),
    ).toBe(true);
  });
});

describe('representative line locations the mapping no longer backs', () => {
  const shop = 'gid://shopify/Location/1';
  const annex = 'gid://shopify/Location/2';
  const unread = (assignedLocationId: string | null) => ({ assignedLocationId, linesRead: false });

  it('are stale when the locations now map to two codes, or one of them to none', () => {
    expect(
      representativeLocationsStale([unread(shop), unread(annex)], { [shop]: 'MAIN', [annex]: 'WH2' }),
    ).toBe(true);
    expect(representativeLocationsStale([unread(shop), unread(annex)], { [shop]: 'MAIN' })).toBe(true);
  });

  it('stand while the locations still map to one code', () => {
    expect(
      representativeLocationsStale([unread(shop), unread(annex)], { [shop]: 'MAIN', [annex]: 'MAIN' }),
    ).toBe(false);
  });

  it('do not exist when the lines were read, or with one fulfillment order', () => {
    const split = { [shop]: 'MAIN', [annex]: 'WH2' };
    expect(
      representativeLocationsStale(
        [
          { assignedLocationId: shop, linesRead: true },
          { assignedLocationId: annex, linesRead: true },
        ],
        split,
      ),
    ).toBe(false);
    expect(representativeLocationsStale([unread(annex)], split)).toBe(false);
  });
});
