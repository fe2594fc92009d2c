import type { OrderRecord } from '../records';
import type { ShopStore } from '../store';
import type { CustomerRecord } from '../records';
import { compareNumber, compareTime, matchesText, type SearchDefinition } from './evaluate';

const FULFILLMENT_STATUS: Record<string, string[]> = {
  unshipped: ['UNFULFILLED'],
  unfulfilled: ['UNFULFILLED'],
  shipped: ['FULFILLED'],
  fulfilled: ['FULFILLED'],
  partial: ['PARTIALLY_FULFILLED'],
  partially_fulfilled: ['PARTIALLY_FULFILLED'],
  scheduled: ['SCHEDULED'],
  on_hold: ['ON_HOLD'],
  request_declined: ['REQUEST_DECLINED'],
  restocked: ['RESTOCKED'],
  in_progress: ['IN_PROGRESS'],
  open: ['OPEN'],
  pending_fulfillment: ['PENDING_FULFILLMENT'],
};

function riskLevel(order: OrderRecord): string {
  const levels = order.risk.assessments.map((assessment) => assessment.riskLevel);
  for (const level of ['HIGH', 'MEDIUM', 'LOW', 'PENDING'] as const)
    if (levels.includes(level)) return level.toLowerCase();
  return 'none';
}

/**
 * The orders search fields the connector sends (and a few more). Tags, statuses, names and
 * source names compare case-insensitively, as Shopify's search does; `*` is a wildcard.
 * Without a `status` term every order matches: open, closed and cancelled (Shopify's GraphQL
 * `orders` default; REST's `status=open` default does not apply here).
 */
export function orderSearchDefinition(store: ShopStore): SearchDefinition<OrderRecord> {
  const customerOf = (order: OrderRecord) => store.node<CustomerRecord>(order.sim.customerId);
  return {
    fields: {
      updated_at: (order, term) => compareTime(order.updatedAt, term),
      created_at: (order, term) => compareTime(order.createdAt, term),
      processed_at: (order, term) => compareTime(order.processedAt, term),
      status: (order, term) => {
        switch (term.value.toLowerCase()) {
          case 'open':
          case 'not_closed':
            return !order.closed && !order.cancelledAt;
          case 'closed':
            return order.closed;
          case 'cancelled':
          case 'canceled':
            return order.cancelledAt !== null;
          case 'any':
          case '*':
            return true;
          default:
            return false;
        }
      },
      financial_status: (order, term) =>
        term.value.toLowerCase() === 'any' || matchesText(order.displayFinancialStatus, term.value),
      fulfillment_status: (order, term) => {
        const value = term.value.toLowerCase();
        if (value === 'any') return true;
        const statuses = FULFILLMENT_STATUS[value];
        return statuses
          ? statuses.includes(order.displayFulfillmentStatus)
          : matchesText(order.displayFulfillmentStatus, value);
      },
      return_status: (order, term) => matchesText(order.returnStatus, term.value),
      tag: (order, term) => order.tags.some((tag) => matchesText(tag, term.value)),
      tag_not: (order, term) => !order.tags.some((tag) => matchesText(tag, term.value)),
      source_name: (order, term) => matchesText(order.sourceName, term.value),
      risk_level: (order, term) => matchesText(riskLevel(order), term.value),
      name: (order, term) =>
        matchesText(order.name, term.value) ||
        matchesText(order.name.replace(/^#/, ''), term.value.replace(/^#/, '')),
      id: (order, term) => compareNumber(order.legacyResourceId, term),
      email: (order, term) => matchesText(order.email, term.value),
      customer_id: (order, term) => compareNumber(customerOf(order)?.legacyResourceId, term),
      sku: (order, term) => order.lineItems.some((line) => matchesText(line.sku, term.value)),
      test: (order, term) => String(order.test) === term.value.toLowerCase(),
      po_number: (order, term) => matchesText(order.poNumber, term.value),
      location_id: (order, term) =>
        order.fulfillmentOrders.some((fulfillmentOrder) =>
          compareNumber(fulfillmentOrder.sim.locationId.split('/').pop(), term),
        ),
      fulfillment_location_id: (order, term) =>
        order.fulfillments.some((fulfillment) =>
          compareNumber(fulfillment.sim.locationId?.split('/').pop(), term),
        ),
      discount_code: (order, term) => order.discountCodes.some((code) => matchesText(code, term.value)),
      gateway: (order, term) => order.paymentGatewayNames.some((gateway) => matchesText(gateway, term.value)),
    },
    text: (order, value) => {
      const customer = customerOf(order);
      const needle = value.toLowerCase();
      const haystack = [
        order.name,
        order.email,
        order.phone,
        order.poNumber,
        customer?.firstName,
        customer?.lastName,
        customer?.displayName,
        ...order.tags,
        ...order.lineItems.map((line) => line.sku),
      ];
      return haystack.some((entry) => entry?.toLowerCase().includes(needle.replace(/\*/g, '')));
    },
  };
}

/** Sort keys as OrderSortKeys names them, each with ties broken by id. */
export function orderSortKey(order: OrderRecord, sortKey: string): (string | number)[] {
  const id = Number(order.legacyResourceId);
  switch (sortKey) {
    case 'UPDATED_AT':
      return [order.updatedAt, id];
    case 'CREATED_AT':
      return [order.createdAt, id];
    case 'PROCESSED_AT':
      return [order.processedAt, id];
    case 'ORDER_NUMBER':
      return [order.number, id];
    case 'TOTAL_PRICE':
      return [Number(order.totalPriceSet.shopMoney.amount), id];
    case 'CURRENT_TOTAL_PRICE':
      return [Number(order.currentTotalPriceSet.shopMoney.amount), id];
    case 'FINANCIAL_STATUS':
      return [order.displayFinancialStatus, id];
    case 'FULFILLMENT_STATUS':
      return [order.displayFulfillmentStatus, id];
    case 'PO_NUMBER':
      return [order.poNumber ?? '', id];
    case 'TOTAL_ITEMS_QUANTITY':
      return [order.currentSubtotalLineItemsQuantity, id];
    default:
      return [id];
  }
}
