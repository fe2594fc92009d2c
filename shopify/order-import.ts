import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { ShopifyNotFoundError } from './errors';
import {
  FulfillmentLineItemsPageDocument,
  FulfillmentOrderLineItemsPageDocument,
  OrderForImportDocument,
  OrderFulfillmentOrdersForImportDocument,
  OrderLineItemsPageDocument,
  OrderReturnsPageDocument,
  OrderShippingLinesPageDocument,
  RefundLineItemsPageDocument,
  RefundOrderAdjustmentsPageDocument,
  RefundShippingLinesPageDocument,
  RefundTransactionsPageDocument,
  ReturnLineItemsPageDocument,
  type OrderForImportQuery,
} from './generated/graphql';
import { shopifyGid } from './gids';
import { completeConnection, type ConnectionPage } from './paging';

/** The order as OrderForImport selects it, with every connection complete. */
export type FullShopifyOrder = NonNullable<OrderForImportQuery['order']>;

export interface OrderForImportFetch {
  order: FullShopifyOrder;
  /**
   * Requests this order took: 1, plus one when presentment money or a customer default had to be
   * read after all, one for the lines of several fulfillment orders when they are needed, and one
   * per page of whatever overflowed.
   */
  requestCount: number;
}

export interface OrderForImportOptions extends ShopifyRequestOptions {
  /**
   * The order's two currencies when the caller already knows them (discovery reads them for free):
   * decides up front whether presentment money is needed, so a foreign-currency order takes no
   * wasted first request. Without it the import assumes they are the same and checks the answer.
   */
  currencies?: { currencyCode: string; presentmentCurrencyCode: string };
  /**
   * Whether the order carries its own e-mail and phone, when the caller already knows (discovery
   * reads them for free). The customer's default e-mail and phone only stand in for what the order
   * lacks, so each one the order has is not read (1 point each). Without it both are read; an
   * answer showing the order without one it was said to have is read again with it.
   */
  contact?: { hasEmail: boolean; hasPhone: boolean };
  /**
   * Whether an order with several fulfillment orders needs their line items, given the locations
   * they are assigned to (null: a location that is gone). Asked only when they all came with the
   * order; without it, or with more of them than that, they are always read (one more request).
   * The order import answers from the shop card's location mapping
   * (domain/fulfillment-locations.ts, fulfillmentOrderLinesNeeded); which line ships from where
   * is then unknown, and the snapshot says what its lines' locations mean.
   */
  fulfillmentOrderLinesNeeded?: (assignedLocationIds: (string | null)[]) => Promise<boolean>;
}

function found<TObject>(
  client: ShopifyAdminClient,
  operationName: string,
  resourceId: string,
  object: TObject | null | undefined,
): TObject {
  if (object === null || object === undefined) {
    throw new ShopifyNotFoundError({ shopDomain: client.shopDomain, operationName }, resourceId);
  }
  return object;
}

/**
 * Fetches everything an ERP import needs about one order: one request for almost every order,
 * plus one follow-up page per connection that overflowed its first page (more than 20 lines,
 * 3 shipping lines, 3 fulfillment orders, ...). Accepts a gid or a numeric order id.
 *
 * Presentment money is read only when the customer paid in another currency than the shop's
 * (otherwise it repeats shop money, at a third of every money bag's cost). Unless `currencies`
 * says so in advance, the first request leaves it out and is repeated with it when the answer
 * shows two currencies: a second request for the few foreign-currency orders.
 */
export async function fetchOrderForImport(
  client: ShopifyAdminClient,
  orderId: string,
  options: OrderForImportOptions = {},
): Promise<OrderForImportFetch> {
  const { currencies, contact, fulfillmentOrderLinesNeeded, ...requestOptions } = options;
  const orderGid = shopifyGid('Order', orderId);
  let withPresentment = currencies ? currencies.currencyCode !== currencies.presentmentCurrencyCode : false;
  let withCustomerEmail = !contact?.hasEmail;
  let withCustomerPhone = !contact?.hasPhone;
  const fetchOrder = async () =>
    found(
      client,
      'OrderForImport',
      orderGid,
      (
        await client.request(
          OrderForImportDocument,
          {
            id: orderGid,
            withPresentment,
            withFulfillmentOrderLines: false,
            withCustomerEmail,
            withCustomerPhone,
          },
          requestOptions,
        )
      ).order,
    );
  let order = await fetchOrder();
  let requestCount = 1;
  // What the first answer shows it should have read: presentment money for an order in two
  // currencies, a customer default for an order without its own e-mail or phone (changed since
  // the caller looked). One more request reads it all.
  const presentmentMissed = !withPresentment && order.presentmentCurrencyCode !== order.currencyCode;
  const customerEmailMissed = !withCustomerEmail && order.customer !== null && !order.email;
  const customerPhoneMissed = !withCustomerPhone && order.customer !== null && !order.phone;
  if (presentmentMissed || customerEmailMissed || customerPhoneMissed) {
    withPresentment ||= presentmentMissed;
    withCustomerEmail ||= customerEmailMissed;
    withCustomerPhone ||= customerPhoneMissed;
    order = await fetchOrder();
    requestCount += 1;
  }
  const complete = async <TNode>(
    connection: ConnectionPage<TNode>,
    what: string,
    fetchPage: (after: string | null) => Promise<ConnectionPage<TNode>>,
  ): Promise<void> => {
    requestCount += await completeConnection(connection, fetchPage, `${what} of order ${order.name}`);
  };

  await complete(order.lineItems, 'line items', async (after) => {
    const page = await client.request(
      OrderLineItemsPageDocument,
      { id: orderGid, after, withPresentment },
      requestOptions,
    );
    return found(client, 'OrderLineItemsPage', orderGid, page.order).lineItems;
  });
  await complete(order.shippingLines, 'shipping lines', async (after) => {
    const page = await client.request(
      OrderShippingLinesPageDocument,
      { id: orderGid, after, withPresentment },
      requestOptions,
    );
    return found(client, 'OrderShippingLinesPage', orderGid, page.order).shippingLines;
  });
  // One fulfillment order holds every line of the order, so its line items are not read. With
  // several, which line ships from where needs them (domain/fulfillment-locations.ts) unless the
  // caller says otherwise: all the fulfillment orders are read again with their lines, one
  // request for nearly every such order.
  const firstFulfillmentOrders = order.fulfillmentOrders;
  const linesNeeded =
    firstFulfillmentOrders.pageInfo.hasNextPage ||
    (firstFulfillmentOrders.nodes.length > 1 &&
      (fulfillmentOrderLinesNeeded === undefined ||
        (await fulfillmentOrderLinesNeeded(
          firstFulfillmentOrders.nodes.map(
            (fulfillmentOrder) => fulfillmentOrder.assignedLocation.location?.id ?? null,
          ),
        ))));
  if (linesNeeded) {
    const fetchFulfillmentOrders = async (after: string | null) => {
      const page = await client.request(
        OrderFulfillmentOrdersForImportDocument,
        { id: orderGid, after, withFulfillmentOrderLines: true },
        requestOptions,
      );
      return found(client, 'OrderFulfillmentOrdersForImport', orderGid, page.order).fulfillmentOrders;
    };
    const fulfillmentOrders = await fetchFulfillmentOrders(null);
    requestCount += 1;
    await complete(fulfillmentOrders, 'fulfillment orders', fetchFulfillmentOrders);
    for (const fulfillmentOrder of fulfillmentOrders.nodes) {
      const lineItems = fulfillmentOrder.lineItems;
      if (!lineItems)
        throw new Error(`Shopify sent ${fulfillmentOrder.id} without the line items asked for.`);
      await complete(lineItems, `lines of ${fulfillmentOrder.id}`, async (after) => {
        const page = await client.request(
          FulfillmentOrderLineItemsPageDocument,
          { id: fulfillmentOrder.id, after },
          requestOptions,
        );
        return found(client, 'FulfillmentOrderLineItemsPage', fulfillmentOrder.id, page.fulfillmentOrder)
          .lineItems;
      });
    }
    order = { ...order, fulfillmentOrders };
  }
  for (const fulfillment of order.fulfillments) {
    await complete(fulfillment.fulfillmentLineItems, `lines of ${fulfillment.id}`, async (after) => {
      const page = await client.request(
        FulfillmentLineItemsPageDocument,
        { id: fulfillment.id, after },
        requestOptions,
      );
      return found(client, 'FulfillmentLineItemsPage', fulfillment.id, page.fulfillment).fulfillmentLineItems;
    });
  }
  for (const refund of order.refunds) {
    await complete(refund.refundLineItems, `lines of ${refund.id}`, async (after) => {
      const page = await client.request(
        RefundLineItemsPageDocument,
        { id: refund.id, after, withPresentment },
        requestOptions,
      );
      return found(client, 'RefundLineItemsPage', refund.id, page.refund).refundLineItems;
    });
    await complete(refund.refundShippingLines, `shipping lines of ${refund.id}`, async (after) => {
      const page = await client.request(
        RefundShippingLinesPageDocument,
        { id: refund.id, after, withPresentment },
        requestOptions,
      );
      return found(client, 'RefundShippingLinesPage', refund.id, page.refund).refundShippingLines;
    });
    await complete(refund.orderAdjustments, `adjustments of ${refund.id}`, async (after) => {
      const page = await client.request(
        RefundOrderAdjustmentsPageDocument,
        { id: refund.id, after, withPresentment },
        requestOptions,
      );
      return found(client, 'RefundOrderAdjustmentsPage', refund.id, page.refund).orderAdjustments;
    });
    await complete(refund.transactions, `transactions of ${refund.id}`, async (after) => {
      const page = await client.request(
        RefundTransactionsPageDocument,
        { id: refund.id, after, withPresentment },
        requestOptions,
      );
      return found(client, 'RefundTransactionsPage', refund.id, page.refund).transactions;
    });
  }
  await complete(order.returns, 'returns', async (after) => {
    const page = await client.request(OrderReturnsPageDocument, { id: orderGid, after }, requestOptions);
    return found(client, 'OrderReturnsPage', orderGid, page.order).returns;
  });
  for (const orderReturn of order.returns.nodes) {
    await complete(orderReturn.returnLineItems, `lines of ${orderReturn.id}`, async (after) => {
      const page = await client.request(
        ReturnLineItemsPageDocument,
        { id: orderReturn.id, after },
        requestOptions,
      );
      return found(client, 'ReturnLineItemsPage', orderReturn.id, page.return).returnLineItems;
    });
  }
  return { order, requestCount };
}
