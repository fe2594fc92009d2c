import Decimal from 'decimal.js';
import { Amounts } from '../money';
import { newTransaction, removeUnfulfilled } from '../order-parts';
import { amountsOf, pair } from '../order-totals';
import type {
  LocationRecord,
  OrderRecord,
  RefundLineItemRecord,
  RefundRecord,
  TransactionRecord,
} from '../records';
import { gid, type ShopStore } from '../store';
import {
  amountsFromMoneyInput,
  checkArrayLimit,
  commitOrderChange,
  userError,
  type MoneyInput,
  type UserError,
} from './common';

export interface RefundInput {
  orderId: string;
  note?: string | null;
  notify?: boolean | null;
  currency?: string | null;
  allowOverRefunding?: boolean | null;
  processedAt?: string | null;
  refundLineItems?:
    | {
        lineItemId: string;
        quantity: number;
        restockType?: RefundLineItemRecord['restockType'] | null;
        locationId?: string | null;
      }[]
    | null;
  shipping?: {
    fullRefund?: boolean | null;
    amount?: string | null;
    shippingRefundAmount?: MoneyInput | null;
  } | null;
  transactions?:
    | {
        amount: string;
        gateway: string;
        kind: TransactionRecord['kind'];
        orderId: string;
        parentId?: string | null;
      }[]
    | null;
  /** Internal (orderCancel): refund the whole net payment against the original payments. */
  refundAll?: boolean;
}

export interface RefundResult {
  order: OrderRecord | null;
  refund: RefundRecord | null;
  userErrors: UserError[];
}

/** Sale and capture transactions with what is still refundable on each. */
function refundableParents(order: OrderRecord): { transaction: TransactionRecord; left: Amounts }[] {
  return order.transactions
    .filter(
      (transaction) => ['SALE', 'CAPTURE'].includes(transaction.kind) && transaction.status === 'SUCCESS',
    )
    .map((transaction) => {
      const refunded = Amounts.sum(
        order.transactions
          .filter(
            (child) =>
              child.kind === 'REFUND' &&
              child.status === 'SUCCESS' &&
              child.sim.parentTransactionId === transaction.id,
          )
          .map((child) => Amounts.fromBag(child.amountSet)),
      );
      return { transaction, left: Amounts.fromBag(transaction.amountSet).minus(refunded) };
    });
}

/**
 * refundCreate with Shopify's rules: line quantities up to what is refundable, shipping up to what
 * is left, transactions up to the net payment (unless allowOverRefunding). Restock CANCEL takes
 * units off unfulfilled work; RETURN / NO_RESTOCK take fulfilled units first. The money refunded
 * is the transactions' sum; where it differs from the items + tax + shipping refunded, the
 * difference is an order adjustment (REFUND_DISCREPANCY, amount = refunded − computed), so
 * totalRefunded = Σ line subtotals + Σ line taxes + shipping + tax on shipping + adjustments.
 */
export function createRefund(store: ShopStore, input: RefundInput): RefundResult {
  checkArrayLimit('refundLineItems', input.refundLineItems);
  const order = store.order(input.orderId);
  if (!order)
    return { order: null, refund: null, userErrors: [userError(['orderId'], 'Order does not exist')] };
  const errors: UserError[] = [];
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  const requestedPerLine = new Map<string, number>();
  const lines = (input.refundLineItems ?? []).map((item, index) => {
    const line = order.lineItems.find((candidate) => candidate.id === item.lineItemId);
    const path = ['refundLineItems', String(index)];
    if (!line) {
      errors.push(userError([...path, 'lineItemId'], 'Line item does not exist'));
      return null;
    }
    const already = requestedPerLine.get(line.id) ?? 0;
    if (item.quantity <= 0) errors.push(userError([...path, 'quantity'], 'Quantity must be greater than 0'));
    else if (item.quantity + already > line.refundableQuantity) {
      errors.push(userError([...path, 'quantity'], 'Quantity cannot refund more items than were purchased'));
    }
    requestedPerLine.set(line.id, already + item.quantity);
    let location: LocationRecord | undefined;
    if (item.locationId) {
      location = store.nodeOfType<LocationRecord>(item.locationId, 'Location');
      if (!location) errors.push(userError([...path, 'locationId'], 'Location does not exist'));
    }
    return { line, item, location };
  });

  // Shipping.
  let shippingRefund = Amounts.zero();
  const shippingLeft = Amounts.sum(
    order.shippingLines
      .filter((line) => !line.isRemoved)
      .map((line) => Amounts.fromBag(line.discountedPriceSet).minus(amountsOf(line.sim.refunded))),
  );
  if (input.shipping?.fullRefund) shippingRefund = shippingLeft;
  else if (input.shipping?.shippingRefundAmount)
    shippingRefund = amountsFromMoneyInput(store, order, input.shipping.shippingRefundAmount);
  else if (input.shipping?.amount) {
    shippingRefund = amountsFromMoneyInput(store, order, {
      amount: input.shipping.amount,
      currencyCode: input.currency ?? order.presentmentCurrencyCode,
    });
  }
  if (shippingRefund.shop.greaterThan(shippingLeft.shop)) {
    errors.push(
      userError(
        ['shipping', 'amount'],
        `Shipping refund amount must be less than or equal to ${shippingLeft.shop.toFixed(2)}`,
      ),
    );
  }

  // Transactions.
  const parents = refundableParents(order);
  const plannedTransactions: { parent: TransactionRecord; amount: Amounts; gateway: string }[] = [];
  if (input.refundAll) {
    for (const parent of parents) {
      if (parent.left.shop.greaterThan(0))
        plannedTransactions.push({
          parent: parent.transaction,
          amount: parent.left,
          gateway: parent.transaction.gateway,
        });
    }
  }
  (input.transactions ?? []).forEach((transaction, index) => {
    const path = ['transactions', String(index)];
    if (transaction.kind !== 'REFUND') {
      errors.push(userError([...path, 'kind'], 'Kind must be refund'));
      return;
    }
    const amount = amountsFromMoneyInput(store, order, {
      amount: transaction.amount,
      currencyCode: input.currency ?? order.presentmentCurrencyCode,
    });
    if (amount.shop.lessThanOrEqualTo(0)) {
      errors.push(userError([...path, 'amount'], 'Amount must be greater than 0'));
      return;
    }
    const parent = transaction.parentId
      ? parents.find((candidate) => candidate.transaction.id === transaction.parentId)
      : (parents.find((candidate) => candidate.left.shop.greaterThanOrEqualTo(amount.shop)) ?? parents[0]);
    if (!parent) {
      errors.push(
        userError(
          [...path, 'parentId'],
          transaction.parentId ? 'Parent transaction does not exist' : 'There is no payment to refund',
        ),
      );
      return;
    }
    if (amount.shop.greaterThan(parent.left.shop) && !input.allowOverRefunding) {
      errors.push(
        userError(
          [...path, 'amount'],
          `Amount must be less than or equal to the refundable amount of ${parent.left.presentment.toFixed(2)}`,
        ),
      );
      return;
    }
    parent.left = parent.left.minus(amount);
    plannedTransactions.push({
      parent: parent.transaction,
      amount,
      gateway: transaction.gateway || parent.transaction.gateway,
    });
  });
  const netPayment = Amounts.fromBag(order.netPaymentSet);
  const total = Amounts.sum(plannedTransactions.map((planned) => planned.amount));
  if (total.shop.greaterThan(netPayment.shop) && !input.allowOverRefunding) {
    errors.push(
      userError(
        ['transactions'],
        `Refund amount of ${total.shop.toFixed(2)} is greater than the net payment received of ${netPayment.shop.toFixed(2)}`,
      ),
    );
  }
  if (
    lines.length === 0 &&
    shippingRefund.isZero() &&
    plannedTransactions.length === 0 &&
    errors.length === 0
  ) {
    errors.push(userError(null, 'A refund needs line items, shipping or transactions'));
  }
  if (errors.length > 0) return { order, refund: null, userErrors: errors };

  // Apply.
  const now = store.timestamp();
  const number = store.nextNumber('Refund');
  const refund: RefundRecord = {
    __typename: 'Refund',
    id: gid('Refund', number),
    legacyResourceId: String(number),
    note: input.note ?? null,
    createdAt: now,
    updatedAt: now,
    processedAt: input.processedAt ? new Date(input.processedAt).toISOString() : now,
    totalRefundedSet: total.round().bag(currencies),
    refundLineItems: [],
    refundShippingLines: [],
    orderAdjustments: [],
    sim: { orderId: order.id, transactionIds: [], returnId: null },
  };
  let computed = Amounts.zero();
  for (const entry of lines) {
    if (!entry) continue;
    const { line, item, location } = entry;
    const restockType = item.restockType ?? 'NO_RESTOCK';
    const fulfilledAvailable = Math.max(0, line.sim.fulfilledQuantity - line.sim.refundedFulfilledQuantity);
    let fromFulfilled: number;
    if (restockType === 'CANCEL') {
      const fromUnfulfilled = removeUnfulfilled(order, line.id, item.quantity);
      fromFulfilled = item.quantity - fromUnfulfilled;
    } else {
      fromFulfilled = Math.min(item.quantity, fulfilledAvailable);
      removeUnfulfilled(order, line.id, item.quantity - fromFulfilled);
    }
    line.sim.refundedQuantity += item.quantity;
    line.sim.refundedFulfilledQuantity += fromFulfilled;
    const restocked = restockType !== 'NO_RESTOCK';
    if (restocked) line.sim.restockedQuantity += item.quantity;
    const unit = amountsOf(line.sim.unitPrice).minus(amountsOf(line.sim.unitDiscount));
    const unitTax = Amounts.sum(line.sim.unitTaxes.map((tax) => amountsOf(tax.unit)));
    const subtotal = unit.times(item.quantity).round();
    const tax = unitTax.times(item.quantity).round();
    computed = computed.plus(subtotal).plus(order.taxesIncluded ? Amounts.zero() : tax);
    const fulfillmentOrderLocation = order.fulfillmentOrders.find((fulfillmentOrder) =>
      fulfillmentOrder.lineItems.some((foItem) => foItem.sim.lineItemId === line.id),
    )?.sim.locationId;
    refund.refundLineItems.push(
      store.register({
        __typename: 'RefundLineItem',
        id: store.newId('RefundLineItem'),
        quantity: item.quantity,
        restockType,
        restocked,
        priceSet: unit.round().bag(currencies),
        subtotalSet: subtotal.bag(currencies),
        totalTaxSet: tax.bag(currencies),
        sim: {
          lineItemId: line.id,
          locationId: location?.id ?? (restocked ? (fulfillmentOrderLocation ?? null) : null),
        },
      }),
    );
  }
  let shippingToSpread = shippingRefund;
  for (const shippingLine of order.shippingLines) {
    if (shippingToSpread.shop.lessThanOrEqualTo(0)) break;
    if (shippingLine.isRemoved) continue;
    const price = Amounts.fromBag(shippingLine.discountedPriceSet);
    const left = price.minus(amountsOf(shippingLine.sim.refunded));
    if (left.shop.lessThanOrEqualTo(0)) continue;
    const portion = shippingToSpread.shop.greaterThan(left.shop) ? left : shippingToSpread;
    shippingToSpread = shippingToSpread.minus(portion);
    shippingLine.sim.refunded = pair(amountsOf(shippingLine.sim.refunded).plus(portion));
    const shippingTax = Amounts.sum(shippingLine.taxLines.map((tax) => Amounts.fromBag(tax.priceSet)));
    const share = price.shop.isZero() ? new Decimal(0) : portion.shop.dividedBy(price.shop);
    const taxPortion = shippingTax.times(share).round();
    computed = computed.plus(portion).plus(order.taxesIncluded ? Amounts.zero() : taxPortion);
    refund.refundShippingLines.push(
      store.register({
        __typename: 'RefundShippingLine',
        id: store.newId('RefundShippingLine'),
        subtotalAmountSet: portion.round().bag(currencies),
        taxAmountSet: taxPortion.bag(currencies),
        sim: { shippingLineId: shippingLine.id },
      }),
    );
  }
  for (const planned of plannedTransactions) {
    const transaction = newTransaction(store, order, {
      kind: 'REFUND',
      status: 'SUCCESS',
      gateway: planned.gateway,
      amount: planned.amount,
      parentTransactionId: planned.parent.id,
    });
    refund.sim.transactionIds.push(transaction.id);
  }
  const discrepancy = total.minus(computed).round();
  if (!discrepancy.isZero()) {
    refund.orderAdjustments.push(
      store.register({
        __typename: 'OrderAdjustment',
        id: store.newId('OrderAdjustment'),
        amountSet: discrepancy.bag(currencies),
        taxAmountSet: Amounts.zero().bag(currencies),
        reason: 'REFUND_DISCREPANCY',
      }),
    );
  }
  order.refunds.push(store.register(refund));
  return { order, refund, userErrors: [] };
}

/** The refundCreate mutation: createRefund, then the change is committed with its webhooks. */
export function refundCreate(store: ShopStore, input: RefundInput): RefundResult {
  const { refundAll: _ignored, ...publicInput } = input;
  const result = createRefund(store, publicInput);
  if (result.refund && result.order) {
    commitOrderChange(store, result.order, [
      { kind: 'refund-created', order: result.order, refundId: result.refund.id },
      { kind: 'order-updated', order: result.order },
    ]);
  }
  return result;
}
