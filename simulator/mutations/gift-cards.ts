import Decimal from 'decimal.js';
import type { CustomerRecord, GiftCardRecord } from '../records';
import type { ShopStore } from '../store';
import { userError, type MoneyInput, type UserError } from './common';

/** giftCardCreate: a card with its initial balance; the full code is only in this answer, as in Shopify. */
export function giftCardCreate(
  store: ShopStore,
  input: {
    initialAmount?: MoneyInput | null;
    code?: string | null;
    customerId?: string | null;
    note?: string | null;
    expiresOn?: string | null;
  },
): { giftCard: GiftCardRecord | null; giftCardCode: string | null; userErrors: UserError[] } {
  const errors: UserError[] = [];
  const amount = input.initialAmount ? new Decimal(input.initialAmount.amount) : undefined;
  if (!amount || amount.lessThanOrEqualTo(0))
    errors.push(
      userError(['input', 'initialAmount'], 'Initial value must be greater than 0', 'GREATER_THAN'),
    );
  const code = (input.code ?? store.randomToken(8)).replace(/\s+/g, '').toUpperCase();
  if (code.length < 8 || code.length > 20)
    errors.push(userError(['input', 'code'], 'Code must be between 8 and 20 characters', 'INVALID'));
  if (
    store.giftCards.some((card) => (card as GiftCardRecord & { sim: { code?: string } }).sim.code === code)
  ) {
    errors.push(userError(['input', 'code'], 'Code has already been taken', 'TAKEN'));
  }
  if (input.customerId && !store.nodeOfType<CustomerRecord>(input.customerId, 'Customer')) {
    errors.push(userError(['input', 'customerId'], 'Customer does not exist', 'CUSTOMER_NOT_FOUND'));
  }
  if (errors.length > 0 || !amount) return { giftCard: null, giftCardCode: null, userErrors: errors };
  const now = store.timestamp();
  const currencyCode = input.initialAmount?.currencyCode ?? store.shop.currencyCode;
  const value = {
    amount: amount.toDecimalPlaces(2).toFixed().includes('.')
      ? amount.toDecimalPlaces(2).toFixed()
      : `${amount.toFixed()}.0`,
    currencyCode,
  };
  const giftCard: GiftCardRecord = {
    __typename: 'GiftCard',
    id: store.newId('GiftCard'),
    balance: { ...value },
    initialValue: { ...value },
    enabled: true,
    lastCharacters: code.slice(-4),
    maskedCode: `•••• •••• •••• ${code.slice(-4)}`,
    note: input.note ?? null,
    expiresOn: input.expiresOn ?? null,
    createdAt: now,
    updatedAt: now,
    sim: { orderId: null, lineItemId: null, customerId: input.customerId ?? null, code },
  };
  store.giftCards.push(store.register(giftCard));
  return { giftCard, giftCardCode: code, userErrors: [] };
}

/** A successful gift-card payment takes its amount off the card's balance. */
export function debitGiftCard(store: ShopStore, giftCardId: string, amount: Decimal): void {
  const card = store.nodeOfType<GiftCardRecord>(giftCardId, 'GiftCard');
  if (!card) return;
  const balance = Decimal.max(0, new Decimal(card.balance.amount).minus(amount));
  const text = balance.toDecimalPlaces(2).toFixed();
  card.balance = { ...card.balance, amount: text.includes('.') ? text : `${text}.0` };
  card.updatedAt = store.timestamp();
}
