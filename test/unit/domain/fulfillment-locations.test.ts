import { describe, expect, it } from 'vitest';
import {
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

  it('refuses several fulfillment orders without their line items rather than guess', () => {
    expect(() => locations([1], [fulfillmentOrder(1), fulfillmentOrder(2, { lineIds: [1] })])).toThrow(
      /FulfillmentOrder\/1 is one of 2 but came without its line items/,
    );
  });
});
