import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../domain/money';
import {
  planShipmentFulfillment,
  shipmentSyncResult,
  type FulfillmentOrderFacts,
  type LocationMappingFacts,
  type ShipmentLineFacts,
} from '../../../domain/shipment-fulfillment-plan';
import { seededRandom } from './seeded-random';

const OSLO = 'gid://shopify/Location/1';
const BERGEN = 'gid://shopify/Location/2';
const TRONDHEIM = 'gid://shopify/Location/3';
const LINE_A = 'gid://shopify/LineItem/11';
const LINE_B = 'gid://shopify/LineItem/12';

const mappings: LocationMappingFacts[] = [
  { shopifyLocationId: OSLO, locationCode: 'OSLO' },
  { shopifyLocationId: BERGEN, locationCode: 'BERGEN' },
];

function shipmentLine(overrides: Partial<ShipmentLineFacts> & { lineNo: number }): ShipmentLineFacts {
  return {
    description: `line ${overrides.lineNo}`,
    isItem: true,
    shopifyLineId: LINE_A,
    quantity: '2',
    locationCode: 'OSLO',
    ...overrides,
  };
}

function fulfillmentOrder(
  id: string,
  location: string,
  lines: [string, number][],
  overrides: Partial<FulfillmentOrderFacts> = {},
): FulfillmentOrderFacts {
  return {
    id: `gid://shopify/FulfillmentOrder/${id}`,
    status: 'OPEN',
    assignedLocationId: location,
    deliveryMethodType: 'SHIPPING',
    lines: lines.map(([shopifyLineId, remainingQuantity], index) => ({
      id: `gid://shopify/FulfillmentOrderLineItem/${id}${index}`,
      shopifyLineId,
      remainingQuantity,
    })),
    ...overrides,
  };
}

const reasons = (plan: ReturnType<typeof planShipmentFulfillment>, lineNo: number) =>
  plan.lines.find((line) => line.lineNo === lineNo)!.notSent.map((part) => [part.reason, part.quantity]);

describe('planShipmentFulfillment', () => {
  it('a full shipment becomes one request for every open unit, at the assigned location', () => {
    const plan = planShipmentFulfillment({
      lines: [
        shipmentLine({ lineNo: 10000 }),
        shipmentLine({ lineNo: 20000, shopifyLineId: LINE_B, quantity: '1' }),
      ],
      fulfillmentOrders: [
        fulfillmentOrder('1', OSLO, [
          [LINE_A, 2],
          [LINE_B, 1],
        ]),
      ],
      locationMappings: mappings,
    });
    expect(plan.requests).toEqual([
      {
        requestNo: 1,
        locationId: OSLO,
        deliveryMethodType: 'SHIPPING',
        fulfillmentOrders: [
          {
            fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/1',
            lines: [
              { id: 'gid://shopify/FulfillmentOrderLineItem/10', quantity: 2 },
              { id: 'gid://shopify/FulfillmentOrderLineItem/11', quantity: 1 },
            ],
          },
        ],
        allocations: expect.any(Array),
      },
    ]);
    expect(plan.lines.every((line) => line.notSent.length === 0)).toBe(true);
  });

  it('quantity reduced in the ERP: only the shipped units are sent (partially fulfilled)', () => {
    const plan = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000, quantity: '1' })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 3]])],
      locationMappings: mappings,
    });
    expect(plan.requests[0]!.fulfillmentOrders[0]!.lines).toEqual([
      { id: 'gid://shopify/FulfillmentOrderLineItem/10', quantity: 1 },
    ]);
    expect(plan.lines[0]).toMatchObject({ plannedQuantity: 1, notSent: [] });
  });

  it('quantity increased in the ERP: what Shopify has open is sent, the extra is not', () => {
    const plan = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000, quantity: '3' })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 2]])],
      locationMappings: mappings,
    });
    expect(plan.lines[0]!.plannedQuantity).toBe(2);
    expect(reasons(plan, 10000)).toEqual([['more-than-ordered', '1']]);
  });

  it('an item added in the ERP is not sent; the original lines are', () => {
    const plan = planShipmentFulfillment({
      lines: [
        shipmentLine({ lineNo: 10000 }),
        shipmentLine({ lineNo: 30000, shopifyLineId: null, quantity: '1', description: 'Gift wrap' }),
      ],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 2]])],
      locationMappings: mappings,
    });
    expect(plan.requests).toHaveLength(1);
    expect(plan.lines[0]!.plannedQuantity).toBe(2);
    expect(reasons(plan, 30000)).toEqual([['added-in-erp', '1']]);
  });

  it('location changed to another mapped location: fulfilled from the location Shopify assigned', () => {
    const plan = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000, locationCode: 'BERGEN' })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 2]])],
      locationMappings: mappings,
    });
    expect(plan.requests).toHaveLength(1);
    expect(plan.requests[0]!.locationId).toBe(OSLO);
    expect(plan.lines[0]!.notSent).toEqual([]);
  });

  it('location changed to an unmapped location: the line is not sent, and the reason says how to fix it', () => {
    const plan = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000, locationCode: 'TRUCK' })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 2]])],
      locationMappings: mappings,
    });
    expect(plan.requests).toEqual([]);
    expect(reasons(plan, 10000)).toEqual([['location-not-mapped', '2']]);
    expect(plan.lines[0]!.notSent[0]!.detail).toMatch(
      /location 'TRUCK' is not mapped.*orderbridge map location/,
    );
  });

  it('an empty location is sent only when some Shopify location maps to no location', () => {
    const line = shipmentLine({ lineNo: 10000, locationCode: null });
    const fulfillmentOrders = [fulfillmentOrder('1', OSLO, [[LINE_A, 2]])];
    expect(
      planShipmentFulfillment({ lines: [line], fulfillmentOrders, locationMappings: mappings }).requests,
    ).toEqual([]);
    const withEmpty = [...mappings, { shopifyLocationId: TRONDHEIM, locationCode: null }];
    const plan = planShipmentFulfillment({ lines: [line], fulfillmentOrders, locationMappings: withEmpty });
    expect(plan.requests[0]!.locationId).toBe(OSLO);
  });

  it('a multi-location order gets one request per location', () => {
    const plan = planShipmentFulfillment({
      lines: [
        shipmentLine({ lineNo: 10000 }),
        shipmentLine({ lineNo: 20000, shopifyLineId: LINE_B, locationCode: 'BERGEN', quantity: '1' }),
      ],
      fulfillmentOrders: [
        fulfillmentOrder('1', OSLO, [[LINE_A, 2]]),
        fulfillmentOrder('2', BERGEN, [[LINE_B, 1]]),
      ],
      locationMappings: mappings,
    });
    expect(plan.requests.map((request) => [request.requestNo, request.locationId])).toEqual([
      [1, OSLO],
      [2, BERGEN],
    ]);
  });

  it('two delivery methods at one location are two requests', () => {
    const plan = planShipmentFulfillment({
      lines: [
        shipmentLine({ lineNo: 10000 }),
        shipmentLine({ lineNo: 20000, shopifyLineId: LINE_B, quantity: '1' }),
      ],
      fulfillmentOrders: [
        fulfillmentOrder('1', OSLO, [[LINE_A, 2]]),
        fulfillmentOrder('2', OSLO, [[LINE_B, 1]], { deliveryMethodType: 'PICK_UP' }),
      ],
      locationMappings: mappings,
    });
    expect(plan.requests.map((request) => request.deliveryMethodType)).toEqual(['SHIPPING', 'PICK_UP']);
  });

  it('one Shopify line split over two locations takes units at its own location first', () => {
    const plan = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000, locationCode: 'BERGEN', quantity: '3' })],
      fulfillmentOrders: [
        fulfillmentOrder('1', OSLO, [[LINE_A, 2]]),
        fulfillmentOrder('2', BERGEN, [[LINE_A, 2]]),
      ],
      locationMappings: mappings,
    });
    expect(plan.requests.map((request) => [request.locationId, request.allocations[0]!.quantity])).toEqual([
      [BERGEN, 2],
      [OSLO, 1],
    ]);
  });

  it('two shipment lines of one Shopify line share what is open', () => {
    const plan = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000, quantity: '2' }), shipmentLine({ lineNo: 20000, quantity: '2' })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 3]])],
      locationMappings: mappings,
    });
    expect(plan.requests[0]!.fulfillmentOrders[0]!.lines).toEqual([
      { id: 'gid://shopify/FulfillmentOrderLineItem/10', quantity: 3 },
    ]);
    expect(reasons(plan, 20000)).toEqual([['more-than-ordered', '1']]);
  });

  it('says why when Shopify has nothing open, or holds the rest in a fulfillment order on hold', () => {
    const nothing = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000 })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 0]], { status: 'CLOSED' })],
      locationMappings: mappings,
    });
    expect(reasons(nothing, 10000)).toEqual([['nothing-open', '2']]);
    const held = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000 })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 2]], { status: 'ON_HOLD' })],
      locationMappings: mappings,
    });
    expect(reasons(held, 10000)).toEqual([['fulfillment-order-not-fulfillable', '2']]);
    expect(held.lines[0]!.notSent[0]!.detail).toContain('on_hold');
  });

  it('sends whole units and reports the fraction', () => {
    const plan = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000, quantity: '1.5' })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 2]])],
      locationMappings: mappings,
    });
    expect(plan.lines[0]!.plannedQuantity).toBe(1);
    expect(reasons(plan, 10000)).toEqual([['fractional-quantity', '0.5']]);
  });

  it('ignores zero lines and reports non-item lines', () => {
    const plan = planShipmentFulfillment({
      lines: [
        shipmentLine({ lineNo: 10000, quantity: '0' }),
        shipmentLine({ lineNo: 20000, isItem: false, shopifyLineId: null, quantity: '1' }),
      ],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 2]])],
      locationMappings: mappings,
    });
    expect(plan.lines.map((line) => line.lineNo)).toEqual([20000]);
    expect(reasons(plan, 20000)).toEqual([['not-an-item', '1']]);
  });

  it('splits a request at the line-item limit', () => {
    const lines = Array.from({ length: 5 }, (_, index) =>
      shipmentLine({
        lineNo: (index + 1) * 10000,
        shopifyLineId: `gid://shopify/LineItem/${index}`,
        quantity: '1',
      }),
    );
    const plan = planShipmentFulfillment({
      lines,
      fulfillmentOrders: [
        fulfillmentOrder(
          '1',
          OSLO,
          lines.map((line) => [line.shopifyLineId!, 1]),
        ),
      ],
      locationMappings: mappings,
      maxLineItemsPerRequest: 2,
    });
    expect(plan.requests.map((request) => request.fulfillmentOrders[0]!.lines.length)).toEqual([2, 2, 1]);
    expect(plan.requests.map((request) => request.requestNo)).toEqual([1, 2, 3]);
    expect(plan.requests.flatMap((request) => request.allocations)).toHaveLength(5);
  });

  it('never plans more than Shopify has open or than was shipped, and accounts for every unit (property)', () => {
    const random = seededRandom(7);
    const lineIds = ['A', 'B', 'C'].map((name) => `gid://shopify/LineItem/${name}`);
    for (let round = 0; round < 500; round++) {
      const fulfillmentOrders = Array.from({ length: random.integer(1, 3) }, (_, index) =>
        fulfillmentOrder(
          String(index),
          random.pick([OSLO, BERGEN, TRONDHEIM]),
          lineIds.filter(() => random.chance(0.7)).map((id) => [id, random.integer(0, 4)]),
          { status: random.pick(['OPEN', 'OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED']) },
        ),
      );
      const lines = Array.from({ length: random.integer(1, 4) }, (_, index) =>
        shipmentLine({
          lineNo: (index + 1) * 10000,
          shopifyLineId: random.chance(0.9) ? random.pick(lineIds) : null,
          quantity: String(random.integer(0, 5)),
          locationCode: random.pick(['OSLO', 'BERGEN', 'TRUCK', null]),
        }),
      );
      const plan = planShipmentFulfillment({ lines, fulfillmentOrders, locationMappings: mappings });
      const placed = new Map<string, number>();
      for (const request of plan.requests) {
        const locations = new Set(
          request.fulfillmentOrders.map(
            (entry) =>
              fulfillmentOrders.find((order) => order.id === entry.fulfillmentOrderId)!.assignedLocationId,
          ),
        );
        expect(locations.size).toBe(1);
        for (const entry of request.fulfillmentOrders)
          for (const line of entry.lines) placed.set(line.id, (placed.get(line.id) ?? 0) + line.quantity);
      }
      for (const order of fulfillmentOrders)
        for (const line of order.lines) {
          const used = placed.get(line.id) ?? 0;
          expect(used).toBeLessThanOrEqual(line.remainingQuantity);
          if (used > 0) expect(['OPEN', 'IN_PROGRESS']).toContain(order.status);
        }
      for (const line of plan.lines) {
        const notSent = line.notSent.reduce((total, part) => total.plus(part.quantity), new Decimal(0));
        expect(notSent.plus(line.plannedQuantity).toFixed()).toBe(line.quantity);
      }
    }
  });
});

describe('shipmentSyncResult', () => {
  const plan = planShipmentFulfillment({
    lines: [
      shipmentLine({ lineNo: 10000 }),
      shipmentLine({ lineNo: 20000, shopifyLineId: LINE_B, locationCode: 'BERGEN', quantity: '1' }),
    ],
    fulfillmentOrders: [
      fulfillmentOrder('1', OSLO, [[LINE_A, 2]]),
      fulfillmentOrder('2', BERGEN, [[LINE_B, 1]]),
    ],
    locationMappings: mappings,
  });

  it('is fulfilled when every request was created, with the fulfillment ids per line', () => {
    const result = shipmentSyncResult(
      plan,
      new Map([
        [1, { state: 'created', shopifyFulfillmentId: 'gid://shopify/Fulfillment/1' }],
        [2, { state: 'created', shopifyFulfillmentId: 'gid://shopify/Fulfillment/2' }],
      ]),
    );
    expect(result).toMatchObject({
      status: 'fulfilled',
      needsAttention: false,
      shopifyFulfillmentIds: ['gid://shopify/Fulfillment/1', 'gid://shopify/Fulfillment/2'],
    });
    expect(result.lines.map((line) => [line.fulfilledQuantity, line.shopifyFulfillmentIds])).toEqual([
      [2, ['gid://shopify/Fulfillment/1']],
      [1, ['gid://shopify/Fulfillment/2']],
    ]);
  });

  it("is partially synced when Shopify refused one request, with Shopify's words on its lines", () => {
    const result = shipmentSyncResult(
      plan,
      new Map([
        [1, { state: 'created', shopifyFulfillmentId: 'gid://shopify/Fulfillment/1' }],
        [2, { state: 'refused', message: 'Fulfillment order does not exist.' }],
      ]),
    );
    expect(result.status).toBe('partially-synced');
    expect(result.needsAttention).toBe(true);
    expect(result.lines[1]!.notSent).toEqual([
      {
        quantity: '1',
        reason: 'refused-by-shopify',
        detail: 'Shopify refused the fulfillment: Fulfillment order does not exist.',
      },
    ]);
  });

  it('is not synced when nothing reached Shopify; expected §4.3 skips need no attention', () => {
    const added = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 30000, shopifyLineId: null })],
      fulfillmentOrders: [],
      locationMappings: mappings,
    });
    expect(shipmentSyncResult(added, new Map())).toMatchObject({
      status: 'not-synced',
      needsAttention: false,
    });
    const unmapped = planShipmentFulfillment({
      lines: [shipmentLine({ lineNo: 10000, locationCode: 'TRUCK' })],
      fulfillmentOrders: [fulfillmentOrder('1', OSLO, [[LINE_A, 2]])],
      locationMappings: mappings,
    });
    expect(shipmentSyncResult(unmapped, new Map())).toMatchObject({
      status: 'not-synced',
      needsAttention: true,
    });
  });
});
