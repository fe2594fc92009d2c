import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import {
  FulfillmentCreateDocument,
  FulfillmentOrderMoveDocument,
  type FulfillmentCreateMutation,
  type FulfillmentOrderLineItemInput,
  type FulfillmentOrderLineItemsInput,
  type FulfillmentOrderMoveMutation,
  type FulfillmentTrackingInput,
} from './generated/graphql';
import { requirePayloadObject } from './mutation-payload';
import { acceptedPayload } from './user-errors';

export type CreatedFulfillment = NonNullable<
  NonNullable<FulfillmentCreateMutation['fulfillmentCreate']>['fulfillment']
>;

export interface FulfillmentRequest {
  /** Fulfillment-order lines to fulfil; all fulfillment orders must share one location. */
  lineItemsByFulfillmentOrder: FulfillmentOrderLineItemsInput[];
  trackingInfo?: FulfillmentTrackingInput;
  notifyCustomer: boolean;
  /** Shown in the order's timeline. */
  message?: string;
  /** What this fulfilment is, for error messages (e.g. "shipment 102-0005 of order #1001"). */
  subject?: string;
}

/**
 * fulfillmentCreate. Sent at most once per call: a lost answer throws
 * ShopifyUncertainOutcomeError and the caller reconciles with fetchOrderFulfillmentState before
 * trying again; refused input throws ShopifyUserErrors.
 */
export async function createFulfillment(
  client: ShopifyAdminClient,
  request: FulfillmentRequest,
  options: ShopifyRequestOptions = {},
): Promise<CreatedFulfillment> {
  const result = await client.request(
    FulfillmentCreateDocument,
    {
      fulfillment: {
        lineItemsByFulfillmentOrder: request.lineItemsByFulfillmentOrder,
        trackingInfo: request.trackingInfo,
        notifyCustomer: request.notifyCustomer,
      },
      message: request.message,
    },
    options,
  );
  const context = { shopDomain: client.shopDomain, operationName: 'FulfillmentCreate' };
  const payload = acceptedPayload(context, result.fulfillmentCreate, request.subject);
  return requirePayloadObject(client, 'FulfillmentCreate', payload.fulfillment, 'fulfillment');
}

export type FulfillmentOrderMoveResult = NonNullable<FulfillmentOrderMoveMutation['fulfillmentOrderMove']>;

export interface FulfillmentOrderMoveRequest {
  fulfillmentOrderId: string;
  newLocationId: string;
  /** Only these lines and quantities; all unfulfilled lines when omitted. */
  lines?: FulfillmentOrderLineItemInput[];
  subject?: string;
}

/** fulfillmentOrderMove: assigns unfulfilled lines to another location. */
export async function moveFulfillmentOrder(
  client: ShopifyAdminClient,
  request: FulfillmentOrderMoveRequest,
  options: ShopifyRequestOptions = {},
): Promise<FulfillmentOrderMoveResult> {
  const result = await client.request(
    FulfillmentOrderMoveDocument,
    {
      id: request.fulfillmentOrderId,
      newLocationId: request.newLocationId,
      fulfillmentOrderLineItems: request.lines,
    },
    options,
  );
  const context = { shopDomain: client.shopDomain, operationName: 'FulfillmentOrderMove' };
  return acceptedPayload(context, result.fulfillmentOrderMove, request.subject);
}
