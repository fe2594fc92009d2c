/**
 * Gift cards used as payment (SPEC §6): Shopify records them as order transactions on the gateway
 * 'gift_card'. They are payments, not discounts: the amount to invoice stays the same.
 */
export const GIFT_CARD_GATEWAY = 'gift_card';

export function isGiftCardPayment(transaction: { gateway: string | null }): boolean {
  return transaction.gateway === GIFT_CARD_GATEWAY;
}

/**
 * The last characters of a masked code ("•••• •••• •••• x7k2" → "X7K2"): the most of a gift card
 * the ERP ever keeps. Null when nothing readable is there.
 */
export function lastCharactersOf(maskedCode: string | null | undefined, count = 4): string | null {
  if (!maskedCode) return null;
  const readable = maskedCode.replace(/[^A-Za-z0-9]/g, '');
  return readable.length === 0 ? null : readable.slice(-count).toUpperCase();
}
