import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { joinBulkLines, type JoinedObject } from './bulk-jsonl';
import { ordersBulkQuery } from './bulk-order-query';
import { acceptedPayload } from './user-errors';
import {
  BulkOperationCancelDocument,
  BulkOperationDocument,
  BulkOperationRunQueryDocument,
  type BulkOperationFieldsFragment,
} from './generated/graphql';
import type { FullShopifyOrder } from './order-import';

export type BulkOperationState = BulkOperationFieldsFragment;

/** The bulk operation is over (whatever the outcome): nothing more to wait for. */
export function bulkOperationEnded(operation: Pick<BulkOperationState, 'status'>): boolean {
  return ['COMPLETED', 'FAILED', 'CANCELED', 'EXPIRED'].includes(operation.status);
}

/** Starts the orders bulk query for a search; throws Shopify's user errors (LIMIT_REACHED, ...). */
export async function startOrdersBulkOperation(
  client: ShopifyAdminClient,
  searchQuery: string,
  options: ShopifyRequestOptions = {},
): Promise<BulkOperationState> {
  const answer = await client.request(
    BulkOperationRunQueryDocument,
    { query: ordersBulkQuery(searchQuery) },
    options,
  );
  const payload = acceptedPayload(
    { shopDomain: client.shopDomain, operationName: 'BulkOperationRunQuery' },
    answer.bulkOperationRunQuery,
    'the orders bulk query',
  );
  return payload.bulkOperation!;
}

export async function readBulkOperation(
  client: ShopifyAdminClient,
  id: string,
  options: ShopifyRequestOptions = {},
): Promise<BulkOperationState | null> {
  return (await client.request(BulkOperationDocument, { id }, options)).bulkOperation ?? null;
}

export async function cancelBulkOperation(
  client: ShopifyAdminClient,
  id: string,
  options: ShopifyRequestOptions = {},
): Promise<BulkOperationState | null> {
  return (
    (await client.request(BulkOperationCancelDocument, { id }, options)).bulkOperationCancel?.bulkOperation ??
    null
  );
}

/** One order of the bulk result: complete, or to be read again by the per-order import. */
export type BulkOrder =
  | { kind: 'complete'; order: FullShopifyOrder }
  | {
      kind: 'follow-up';
      orderId: string;
      reason: 'fulfillments' | 'refunds' | 'returns' | 'fulfillment-order-lines';
    };

const page = <T>(nodes: T[]) => ({ pageInfo: { hasNextPage: false, endCursor: null }, nodes });

/**
 * An order of the bulk result in the shape the per-order import reads (every connection complete),
 * when the bulk query could read all of it; else why it needs the per-order import.
 * `fulfillmentOrderLinesNeeded` answers as in the per-order import (for several fulfillment orders).
 */
export async function toBulkOrder(
  joined: JoinedObject,
  fulfillmentOrderLinesNeeded: (assignedLocationIds: (string | null)[]) => Promise<boolean>,
): Promise<BulkOrder> {
  const { fulfillments, refunds, ...header } = joined.object as Record<string, unknown> & {
    fulfillments: unknown[];
    refunds: unknown[];
  };
  const orderId = String(header.id);
  const children = (type: string) => joined.children.get(type) ?? [];
  if (fulfillments.length > 0) return { kind: 'follow-up', orderId, reason: 'fulfillments' };
  if (refunds.length > 0) return { kind: 'follow-up', orderId, reason: 'refunds' };
  if (children('Return').length > 0) return { kind: 'follow-up', orderId, reason: 'returns' };
  const fulfillmentOrders = children('FulfillmentOrder') as FullShopifyOrder['fulfillmentOrders']['nodes'];
  if (
    fulfillmentOrders.length > 1 &&
    (await fulfillmentOrderLinesNeeded(
      fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.assignedLocation.location?.id ?? null),
    ))
  )
    return { kind: 'follow-up', orderId, reason: 'fulfillment-order-lines' };
  const order = {
    ...header,
    lineItems: page(children('LineItem')),
    shippingLines: page(children('ShippingLine')),
    fulfillmentOrders: page(fulfillmentOrders),
    fulfillments: [],
    refunds: [],
    returns: page([]),
  } as unknown as FullShopifyOrder;
  return { kind: 'complete', order };
}

/** The bulk result's orders, joined in bounded memory; stragglers are reported by id. */
export async function* bulkOrders(
  lines: AsyncIterable<string>,
  options: {
    window: number;
    onStraggler: (orderId: string) => void;
    fulfillmentOrderLinesNeeded: (assignedLocationIds: (string | null)[]) => Promise<boolean>;
  },
): AsyncGenerator<BulkOrder> {
  for await (const joined of joinBulkLines(lines, {
    window: options.window,
    onStraggler: options.onStraggler,
  }))
    yield await toBulkOrder(joined, options.fulfillmentOrderLinesNeeded);
}
