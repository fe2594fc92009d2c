import { describe, expect, it } from 'vitest';
import { isGiftCardPayment, lastCharactersOf } from '../../../domain/gift-card-payments';

describe('gift card payments', () => {
  it('keeps only the last readable characters of a masked code, in upper case', () => {
    expect(lastCharactersOf('•••• •••• •••• x7k2')).toBe('X7K2');
    expect(lastCharactersOf('•••• 4242')).toBe('4242');
    expect(lastCharactersOf('ab')).toBe('AB');
    expect(lastCharactersOf('abcdefgh', 3)).toBe('FGH');
  });

  it('has nothing to show without a readable code', () => {
    expect(lastCharactersOf(null)).toBeNull();
    expect(lastCharactersOf(undefined)).toBeNull();
    expect(lastCharactersOf('•••• ••••')).toBeNull();
  });

  it("recognises payments on Shopify's gift card gateway only", () => {
    expect(isGiftCardPayment({ gateway: 'gift_card' })).toBe(true);
    expect(isGiftCardPayment({ gateway: 'shopify_payments' })).toBe(false);
    expect(isGiftCardPayment({ gateway: null })).toBe(false);
  });
});
