import { describe, expect, it } from 'vitest';
import {
  findFulfillmentOfRequest,
  type ExistingFulfillment,
  type SentRequest,
} from '../../../domain/fulfillment-reconciliation';

const OSLO = 'gid://shopify/Location/1';
const LINE_A = 'gid://shopify/LineItem/11';
const LINE_B = 'gid://shopify/LineItem/12';

const allocation = (shopifyLineId: string, quantity: number, foLine = `${shopifyLineId}-fo`) => ({
  lineNo: 10000,
  shopifyLineId,
  fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/1',
  fulfillmentOrderLineId: foLine,
  quantity,
});

const sent = (overrides: Partial<SentRequest> = {}): SentRequest => ({
  request: { locationId: OSLO, allocations: [allocation(LINE_A, 2), allocation(LINE_B, 1)] },
  trackingNumber: '1Z999',
  fulfillmentIdsBefore: [],
  claimedFulfillmentIds: [],
  ...overrides,
});

const fulfillment = (id: string, overrides: Partial<ExistingFulfillment> = {}): ExistingFulfillment => ({
  id: `gid://shopify/Fulfillment/${id}`,
  status: 'SUCCESS',
  locationId: OSLO,
  trackingNumbers: ['1Z999'],
  lines: [
    { shopifyLineId: LINE_A, quantity: 2 },
    { shopifyLineId: LINE_B, quantity: 1 },
  ],
  ...overrides,
});

describe('findFulfillmentOfRequest', () => {
  it('finds the fulfillment with the same units per order line, location and tracking number', () => {
    expect(findFulfillmentOfRequest(sent(), [fulfillment('1')])?.id).toBe('gid://shopify/Fulfillment/1');
  });

  it('adds up a request whose units come from two fulfillment-order lines of one order line', () => {
    const split = sent({
      request: {
        locationId: OSLO,
        allocations: [allocation(LINE_A, 1, 'a'), allocation(LINE_A, 1, 'b'), allocation(LINE_B, 1)],
      },
    });
    expect(findFulfillmentOfRequest(split, [fulfillment('1')])).not.toBeNull();
  });

  it('ignores fulfillments that existed before the request was sent, or that another request owns', () => {
    expect(
      findFulfillmentOfRequest(sent({ fulfillmentIdsBefore: ['gid://shopify/Fulfillment/1'] }), [
        fulfillment('1'),
      ]),
    ).toBeNull();
    expect(
      findFulfillmentOfRequest(sent({ claimedFulfillmentIds: ['gid://shopify/Fulfillment/1'] }), [
        fulfillment('1'),
        fulfillment('2'),
      ])?.id,
    ).toBe('gid://shopify/Fulfillment/2');
  });

  it('does not take a fulfillment with other quantities, another tracking number or another location', () => {
    expect(
      findFulfillmentOfRequest(sent(), [
        fulfillment('1', { lines: [{ shopifyLineId: LINE_A, quantity: 2 }] }),
      ]),
    ).toBeNull();
    expect(
      findFulfillmentOfRequest(sent(), [
        fulfillment('1', {
          lines: [
            { shopifyLineId: LINE_A, quantity: 1 },
            { shopifyLineId: LINE_B, quantity: 1 },
          ],
        }),
      ]),
    ).toBeNull();
    expect(findFulfillmentOfRequest(sent(), [fulfillment('1', { trackingNumbers: ['OTHER'] })])).toBeNull();
    expect(
      findFulfillmentOfRequest(sent(), [fulfillment('1', { locationId: 'gid://shopify/Location/2' })]),
    ).toBeNull();
  });

  it('a request without a tracking number matches only a fulfillment without one', () => {
    const untracked = sent({ trackingNumber: null });
    expect(findFulfillmentOfRequest(untracked, [fulfillment('1')])).toBeNull();
    expect(findFulfillmentOfRequest(untracked, [fulfillment('2', { trackingNumbers: [] })])?.id).toBe(
      'gid://shopify/Fulfillment/2',
    );
  });

  it('counts a cancelled fulfillment as proof the call went through', () => {
    expect(findFulfillmentOfRequest(sent(), [fulfillment('1', { status: 'CANCELLED' })])).not.toBeNull();
  });
});
