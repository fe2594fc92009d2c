import Decimal from 'decimal.js';
import { GraphQLError } from 'graphql';
import { Amounts } from '../money';
import { recomputeOrder } from '../order-totals';
import type { OrderRecord } from '../records';
import type { ShopStore, StoreEvent } from '../store';

/** A userError as the schema shapes it; `code` only where the payload's error type has one. */
export interface UserError {
  field: string[] | null;
  message: string;
  code?: string;
}

export function userError(field: (string | number)[] | null, message: string, code?: string): UserError {
  return { field: field ? field.map(String) : null, message, ...(code ? { code } : {}) };
}

export interface MoneyInput {
  amount: string;
  currencyCode: string;
}

export interface MoneyBagInput {
  shopMoney: MoneyInput;
  presentmentMoney?: MoneyInput | null;
}

/** Amounts from a MoneyBagInput; a missing presentment amount is converted at the shop's rate. */
export function amountsFromBagInput(
  store: ShopStore,
  input: MoneyBagInput,
  presentmentCurrency: string,
): Amounts {
  const shop = new Decimal(input.shopMoney.amount);
  const presentment = input.presentmentMoney
    ? new Decimal(input.presentmentMoney.amount)
    : shop.times(store.presentmentRate(presentmentCurrency)).toDecimalPlaces(2);
  return new Amounts(shop, presentment);
}

/** Amounts from a shop-currency amount (a Money scalar or decimal string). */
export function amountsFromShop(
  store: ShopStore,
  amount: string | number | Decimal,
  presentmentCurrency: string,
): Amounts {
  const shop = new Decimal(amount);
  return new Amounts(shop, shop.times(store.presentmentRate(presentmentCurrency)).toDecimalPlaces(2));
}

/** Amounts from a MoneyInput that may be in either currency of the order. */
export function amountsFromMoneyInput(store: ShopStore, order: OrderRecord, input: MoneyInput): Amounts {
  const rate = new Decimal(store.presentmentRate(order.presentmentCurrencyCode));
  const value = new Decimal(input.amount);
  if (
    input.currencyCode === order.presentmentCurrencyCode &&
    order.presentmentCurrencyCode !== order.currencyCode
  ) {
    return new Amounts(rate.isZero() ? value : value.dividedBy(rate).toDecimalPlaces(2), value);
  }
  return new Amounts(value, value.times(rate).toDecimalPlaces(2));
}

/**
 * Every order change ends here: derived fields are recomputed, updatedAt moves forward (strictly),
 * and the events (webhooks) are emitted. `orders/updated` accompanies every change.
 */
export function commitOrderChange(
  store: ShopStore,
  order: OrderRecord,
  events: StoreEvent[] = [],
  stamp: string = store.timestamp(),
): void {
  const creating = events.some((event) => event.kind === 'order-created');
  const before = {
    financial: creating ? 'PENDING' : order.displayFinancialStatus,
    fulfillment: creating ? 'UNFULFILLED' : order.displayFulfillmentStatus,
  };
  recomputeOrder(order);
  order.updatedAt = stamp;
  // Status transitions have their own topics (orders/paid, orders/fulfilled, orders/partially_fulfilled).
  const transitions: StoreEvent[] = [];
  if (order.displayFinancialStatus === 'PAID' && before.financial !== 'PAID')
    transitions.push({ kind: 'order-paid', order });
  if (order.displayFulfillmentStatus !== before.fulfillment) {
    if (order.displayFulfillmentStatus === 'FULFILLED') transitions.push({ kind: 'order-fulfilled', order });
    if (order.displayFulfillmentStatus === 'PARTIALLY_FULFILLED')
      transitions.push({ kind: 'order-partially-fulfilled', order });
  }
  for (const event of [...events.filter((event) => event.kind !== 'order-updated'), ...transitions])
    store.emit(event);
  store.emit({ kind: 'order-updated', order });
}

export function orderNotFound(field: string[]): UserError {
  return userError(field, 'Order does not exist', 'NOT_FOUND');
}

/** Shopify refuses mutation inputs with more than 250 items in one array. */
export function checkArrayLimit(name: string, items: readonly unknown[] | null | undefined): void {
  if (items && items.length > 250) {
    throw new GraphQLError(
      `The input array size of ${items.length} is greater than the maximum allowed of 250.`,
      {
        extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED', argumentName: name },
      },
    );
  }
}

export function requireGid(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('gid://shopify/') ? value : undefined;
}
