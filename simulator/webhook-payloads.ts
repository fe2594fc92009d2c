import type { CustomerRecord, OrderRecord } from './records';
import type { ShopStore } from './store';

/** Webhook bodies are REST-shaped (snake_case, numeric ids), as Shopify's are. */
const numericId = (gidValue: string | null | undefined) =>
  gidValue ? Number(gidValue.split('/').pop()) : null;

const FULFILLMENT_STATUS: Record<string, string | null> = {
  FULFILLED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partial',
  RESTOCKED: 'restocked',
  UNFULFILLED: null,
};

export function orderPayload(store: ShopStore, order: OrderRecord): Record<string, unknown> {
  const customer = store.node<CustomerRecord>(order.sim.customerId);
  return {
    id: numericId(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: order.number + 1000,
    email: order.email,
    phone: order.phone,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    closed_at: order.closedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    financial_status: order.displayFinancialStatus.toLowerCase(),
    fulfillment_status:
      order.displayFulfillmentStatus in FULFILLMENT_STATUS
        ? FULFILLMENT_STATUS[order.displayFulfillmentStatus]
        : order.displayFulfillmentStatus.toLowerCase(),
    currency: order.currencyCode,
    presentment_currency: order.presentmentCurrencyCode,
    total_price: order.totalPriceSet.shopMoney.amount,
    current_total_price: order.currentTotalPriceSet.shopMoney.amount,
    subtotal_price: order.subtotalPriceSet.shopMoney.amount,
    total_tax: order.totalTaxSet.shopMoney.amount,
    total_discounts: order.totalDiscountsSet.shopMoney.amount,
    taxes_included: order.taxesIncluded,
    tags: order.tags.join(', '),
    note: order.note,
    source_name: order.sourceName,
    test: order.test,
    customer: customer
      ? { id: numericId(customer.id), admin_graphql_api_id: customer.id, email: customer.email }
      : null,
    line_items: order.lineItems.map((line) => ({
      id: numericId(line.id),
      admin_graphql_api_id: line.id,
      variant_id: numericId(line.sim.variantId),
      product_id: numericId(line.sim.productId),
      title: line.title,
      name: line.name,
      sku: line.sku,
      quantity: line.quantity,
      current_quantity: line.currentQuantity,
      price: line.originalUnitPriceSet.shopMoney.amount,
      gift_card: line.isGiftCard,
      requires_shipping: line.requiresShipping,
    })),
    shipping_lines: order.shippingLines.map((line) => ({
      id: numericId(line.id),
      title: line.title,
      code: line.code,
      price: line.originalPriceSet.shopMoney.amount,
      discounted_price: line.discountedPriceSet.shopMoney.amount,
    })),
    refunds: order.refunds.map((refund) => ({
      id: numericId(refund.id),
      admin_graphql_api_id: refund.id,
      created_at: refund.createdAt,
    })),
    fulfillments: order.fulfillments.map((fulfillment) => ({
      id: numericId(fulfillment.id),
      status: fulfillment.status.toLowerCase(),
    })),
  };
}

export function refundPayload(
  store: ShopStore,
  order: OrderRecord,
  refundId: string,
): Record<string, unknown> {
  const refund = order.refunds.find((candidate) => candidate.id === refundId)!;
  return {
    id: numericId(refund.id),
    admin_graphql_api_id: refund.id,
    order_id: numericId(order.id),
    created_at: refund.createdAt,
    processed_at: refund.processedAt,
    note: refund.note,
    refund_line_items: refund.refundLineItems.map((item) => ({
      id: numericId(item.id),
      line_item_id: numericId(item.sim.lineItemId),
      quantity: item.quantity,
      restock_type: item.restockType.toLowerCase(),
      location_id: numericId(item.sim.locationId),
      subtotal: item.subtotalSet.shopMoney.amount,
      total_tax: item.totalTaxSet.shopMoney.amount,
    })),
    transactions: refund.sim.transactionIds.map((id) => {
      const transaction = order.transactions.find((candidate) => candidate.id === id)!;
      return {
        id: numericId(transaction.id),
        admin_graphql_api_id: transaction.id,
        amount: transaction.amountSet.shopMoney.amount,
        currency: transaction.amountSet.shopMoney.currencyCode,
        kind: transaction.kind.toLowerCase(),
        status: transaction.status.toLowerCase(),
        gateway: transaction.gateway,
        parent_id: numericId(transaction.sim.parentTransactionId),
      };
    }),
    order_adjustments: refund.orderAdjustments.map((adjustment) => ({
      id: numericId(adjustment.id),
      amount: adjustment.amountSet.shopMoney.amount,
      kind: 'refund_discrepancy',
    })),
  };
  void store;
}

export function fulfillmentPayload(
  store: ShopStore,
  order: OrderRecord,
  fulfillmentId: string,
): Record<string, unknown> {
  const fulfillment = order.fulfillments.find((candidate) => candidate.id === fulfillmentId)!;
  const tracking = fulfillment.trackingInfo[0];
  void store;
  return {
    id: numericId(fulfillment.id),
    admin_graphql_api_id: fulfillment.id,
    order_id: numericId(order.id),
    name: fulfillment.name,
    status: fulfillment.status.toLowerCase(),
    created_at: fulfillment.createdAt,
    updated_at: fulfillment.updatedAt,
    location_id: numericId(fulfillment.sim.locationId),
    tracking_company: tracking?.company ?? null,
    tracking_number: tracking?.number ?? null,
    tracking_numbers: fulfillment.trackingInfo.map((info) => info.number).filter(Boolean),
    tracking_url: tracking?.url ?? null,
    tracking_urls: fulfillment.trackingInfo.map((info) => info.url).filter(Boolean),
    notify_customer: fulfillment.sim.notifyCustomer,
    line_items: fulfillment.fulfillmentLineItems.map((item) => ({
      id: numericId(item.sim.lineItemId),
      quantity: item.quantity,
    })),
  };
}
