import type { FulfillmentStatus } from './order-snapshot';

export type OrderDocumentType = 'order' | 'invoice';

/**
 * SPEC §4.1: an order that still needs fulfilment becomes a sales order; one Shopify has already
 * fulfilled (or that needs none, e.g. only gift cards) becomes a sales invoice, unless the shop card
 * turns invoices off.
 */
export function salesDocumentType(
  fulfillmentStatus: FulfillmentStatus,
  createInvoicesForFulfilledOrders: boolean,
): OrderDocumentType {
  const nothingToShip = fulfillmentStatus === 'FULFILLED' || fulfillmentStatus === 'FULFILLMENT_NOT_REQUIRED';
  return nothingToShip && createInvoicesForFulfilledOrders ? 'invoice' : 'order';
}
