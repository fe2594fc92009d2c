import { describe, expect, it } from 'vitest';
import { InvalidShopifyIdError, legacyId, normalizeShopifyId, shopifyGid } from '../../../domain/shopify-ids';

describe('Shopify ids', () => {
  it('turns a number into a GID and back', () => {
    expect(normalizeShopifyId('ProductVariant', '123')).toBe('gid://shopify/ProductVariant/123');
    expect(legacyId('gid://shopify/ProductVariant/123')).toBe('123');
    expect(shopifyGid('Order', 5512345678901n)).toBe('gid://shopify/Order/5512345678901');
  });

  it('keeps a GID of the right resource, dropping query parameters', () => {
    expect(normalizeShopifyId('Customer', ' gid://shopify/Customer/9?x=1 ')).toBe('gid://shopify/Customer/9');
  });

  it.each(['gid://shopify/Product/1', 'abc', '', '12a', 'gid://shopify/ProductVariant/'])(
    'refuses %j for a variant and shows both accepted forms',
    (value) => {
      expect(() => normalizeShopifyId('ProductVariant', value)).toThrow(InvalidShopifyIdError);
      expect(() => normalizeShopifyId('ProductVariant', value)).toThrow(
        /gid:\/\/shopify\/ProductVariant\/1234567890/,
      );
    },
  );

  it('keeps 64-bit ids exact', () => {
    expect(legacyId(normalizeShopifyId('Order', '18446744073709551615'))).toBe('18446744073709551615');
  });
});
