import Decimal from 'decimal.js';
import {
  adminClientFor,
  assertNoUserErrors,
  required,
  ScenarioError,
  type ShopifyTarget,
} from './admin-client';
import {
  ScenarioOrderFulfillmentOrdersDocument,
  ScenarioOrderRefundContextDocument,
  ScenarioRefundCreateDocument,
  type OrderTransactionInput,
  type RefundLineItemInput,
} from './generated/graphql';
import { formatMoney, roundMoney, sumMoney, type MoneyAmount } from '../money';
import { asCurrencyCode, GIFT_CARD_GATEWAY } from './order-create-input';

/** RETURN puts goods back on stock, CANCEL restocks goods never shipped, NO_RESTOCK writes them off. */
export type RefundRestockType = 'RETURN' | 'CANCEL' | 'NO_RESTOCK';

export interface RefundLineRequest {
  lineItemId: string;
  quantity: number;
  /** Default NO_RESTOCK. */
  restockType?: RefundRestockType;
  /** Where restocked goods go; defaults to the location the line was assigned to. */
  locationId?: string;
}

export interface RefundRequest {
  lines?: RefundLineRequest[];
  /** Refund all shipping not refunded yet, or an amount in the order's presentment currency. */
  shipping?: { fullRefund: true } | { amount: MoneyAmount };
  /**
   * Money paid back, in the presentment currency. By default the value of the refunded lines (with
   * their discounts and any tax charged on top) plus the shipping; 'none' records a refund of goods only.
   */
  amount?: MoneyAmount | 'none';
  note?: string;
  notify?: boolean;
}

export interface CreatedRefund {
  id: string;
  /** What the refund sent back, in the presentment currency. */
  amount: MoneyAmount;
  currencyCode: string;
  /** Shopify's total for the refund, in the shop currency. */
  totalRefundedShopMoney: MoneyAmount;
}

/**
 * Refunds lines and/or shipping with refundCreate, paying the money back to the order's own
 * payments (cards first, gift cards last), each capped at what is left of it to refund.
 */
export async function refundOrder(
  target: ShopifyTarget,
  orderId: string,
  request: RefundRequest,
): Promise<CreatedRefund> {
  const client = adminClientFor(target);
  const context = required(
    (await client.request(ScenarioOrderRefundContextDocument, { id: orderId })).order,
    `order ${orderId}`,
  );
  const currencyCode = context.presentmentCurrencyCode;
  const lines = request.lines ?? [];
  if (
    lines.length === 0 &&
    !request.shipping &&
    (request.amount === undefined || request.amount === 'none')
  ) {
    throw new ScenarioError(
      `refundOrder for ${context.name} was given nothing to refund: pass lines, shipping or an amount.`,
    );
  }

  const lineValues = lines.map((line) => {
    const orderLine = context.lineItems.nodes.find((candidate) => candidate.id === line.lineItemId);
    if (!orderLine) throw new ScenarioError(`Line item ${line.lineItemId} is not on order ${context.name}.`);
    const unit = new Decimal(orderLine.discountedUnitPriceAfterAllDiscountsSet.presentmentMoney.amount);
    // Tax charged on top of the price goes back with the goods; included tax is already in the price.
    const lineTax = sumMoney(orderLine.taxLines.map((tax) => tax.priceSet.presentmentMoney.amount));
    const unitTax =
      context.taxesIncluded || orderLine.quantity === 0
        ? new Decimal(0)
        : lineTax.dividedBy(orderLine.quantity);
    return roundMoney(unit.plus(unitTax).times(line.quantity));
  });
  const shippingAvailable = sumMoney(
    context.shippingLines.nodes.map((line) => line.discountedPriceSet.presentmentMoney.amount),
  ).minus(context.totalRefundedShippingSet.presentmentMoney.amount);
  const shippingValue = !request.shipping
    ? new Decimal(0)
    : 'fullRefund' in request.shipping
      ? shippingAvailable
      : new Decimal(request.shipping.amount);
  const amount =
    request.amount === 'none'
      ? new Decimal(0)
      : request.amount !== undefined
        ? new Decimal(request.amount)
        : sumMoney(lineValues).plus(shippingValue);

  const refundLineItems: RefundLineItemInput[] = [];
  const locations = await restockLocations(target, orderId, lines);
  for (const line of lines) {
    const restockType = line.restockType ?? 'NO_RESTOCK';
    const locationId =
      restockType === 'NO_RESTOCK' ? undefined : (line.locationId ?? locations.get(line.lineItemId));
    refundLineItems.push({
      lineItemId: line.lineItemId,
      quantity: line.quantity,
      restockType,
      ...(locationId ? { locationId } : {}),
    });
  }

  const result = await client.request(ScenarioRefundCreateDocument, {
    input: {
      orderId,
      currency: asCurrencyCode(currencyCode),
      ...(request.note ? { note: request.note } : {}),
      notify: request.notify ?? false,
      ...(refundLineItems.length > 0 ? { refundLineItems } : {}),
      ...(request.shipping
        ? {
            shipping:
              'fullRefund' in request.shipping
                ? { fullRefund: true }
                : { amount: formatMoney(shippingValue) },
          }
        : {}),
      transactions: refundTransactions(orderId, context.name, context.transactions, amount),
    },
  });
  const payload = required(result.refundCreate, `refundCreate for ${context.name}`);
  assertNoUserErrors('refundCreate', context.name, payload.userErrors);
  const refund = required(payload.refund, `refundCreate for ${context.name}: refund`);
  return {
    id: refund.id,
    amount: formatMoney(amount),
    currencyCode,
    totalRefundedShopMoney: refund.totalRefundedSet.shopMoney.amount,
  };
}

type ContextTransaction = {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  parentTransaction: { id: string } | null;
  amountSet: { presentmentMoney: { amount: string } };
};

function refundTransactions(
  orderId: string,
  orderName: string,
  transactions: readonly ContextTransaction[],
  amount: Decimal,
): OrderTransactionInput[] {
  if (amount.isZero()) return [];
  const succeeded = transactions.filter((transaction) => transaction.status === 'SUCCESS');
  const refundedByParent = new Map<string, Decimal>();
  for (const transaction of succeeded) {
    if (transaction.kind !== 'REFUND' || !transaction.parentTransaction) continue;
    const parentId = transaction.parentTransaction.id;
    refundedByParent.set(
      parentId,
      (refundedByParent.get(parentId) ?? new Decimal(0)).plus(transaction.amountSet.presentmentMoney.amount),
    );
  }
  const payments = succeeded
    .filter((transaction) => transaction.kind === 'SALE' || transaction.kind === 'CAPTURE')
    .sort(
      (left, right) =>
        Number(left.gateway === GIFT_CARD_GATEWAY) - Number(right.gateway === GIFT_CARD_GATEWAY),
    );
  let remaining = amount;
  const refunds: OrderTransactionInput[] = [];
  for (const payment of payments) {
    if (remaining.lessThanOrEqualTo(0)) break;
    const left = new Decimal(payment.amountSet.presentmentMoney.amount).minus(
      refundedByParent.get(payment.id) ?? 0,
    );
    const share = Decimal.min(left, remaining);
    if (share.lessThanOrEqualTo(0)) continue;
    refunds.push({
      orderId,
      parentId: payment.id,
      kind: 'REFUND',
      gateway: payment.gateway ?? 'manual',
      amount: formatMoney(share),
    });
    remaining = remaining.minus(share);
  }
  if (remaining.greaterThan(0)) {
    throw new ScenarioError(
      `Order ${orderName} has ${formatMoney(amount.minus(remaining))} left to refund but ${formatMoney(amount)} was asked: ` +
        "refund less, or pass amount 'none' to refund goods without money.",
    );
  }
  return refunds;
}

/** The location each line was assigned to, for restocking; read only when a restock needs it. */
async function restockLocations(
  target: ShopifyTarget,
  orderId: string,
  lines: readonly RefundLineRequest[],
): Promise<Map<string, string>> {
  const locations = new Map<string, string>();
  if (!lines.some((line) => (line.restockType ?? 'NO_RESTOCK') !== 'NO_RESTOCK' && !line.locationId))
    return locations;
  const result = await adminClientFor(target).request(ScenarioOrderFulfillmentOrdersDocument, {
    id: orderId,
  });
  const order = required(result.order, `order ${orderId}`);
  for (const fulfillmentOrder of order.fulfillmentOrders.nodes) {
    const locationId = fulfillmentOrder.assignedLocation.location?.id;
    if (!locationId) continue;
    for (const item of fulfillmentOrder.lineItems.nodes) {
      if (!locations.has(item.lineItem.id)) locations.set(item.lineItem.id, locationId);
    }
  }
  return locations;
}
