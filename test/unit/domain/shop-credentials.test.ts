import { describe, expect, it } from 'vitest';
import { missingScopes, renewalDueAt, scopeNeeds, tokenUsable } from '../../../domain/shop-credentials';

describe('token renewal', () => {
  it('renews five minutes ahead of a day-long token, and a tenth of the life of a short one', () => {
    const issuedAt = new Date('2026-12-01T00:00:00Z');
    expect(renewalDueAt(new Date('2026-12-02T00:00:00Z'), issuedAt).toISOString()).toBe(
      '2026-12-01T23:55:00.000Z',
    );
    expect(renewalDueAt(new Date('2026-12-01T00:00:10Z'), issuedAt).toISOString()).toBe(
      '2026-12-01T00:00:09.000Z',
    );
  });

  it('uses a token until it is due, and a token without expiry always', () => {
    const issuedAt = new Date('2026-12-01T00:00:00Z');
    const token = { expiresAt: new Date('2026-12-01T01:00:00Z'), issuedAt };
    expect(tokenUsable(token, new Date('2026-12-01T00:54:59Z'))).toBe(true);
    expect(tokenUsable(token, new Date('2026-12-01T00:55:00Z'))).toBe(false);
    expect(tokenUsable({ expiresAt: null, issuedAt: null }, new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(tokenUsable(undefined, issuedAt)).toBe(false);
  });
});

describe('scopes a shop card needs', () => {
  const all = [
    'read_orders',
    'write_orders',
    'read_gift_cards',
    'read_locations',
    'read_shipping',
    'write_merchant_managed_fulfillment_orders',
  ];

  it('needs nothing more when every scope is granted (a write scope covers its read scope)', () => {
    expect(
      missingScopes(all, scopeNeeds({ sendsFulfillments: true, readsOrdersOlderThan60Days: false })),
    ).toEqual([]);
  });

  it('names each missing scope once, with everything that needs it', () => {
    const granted = all.filter((scope) => scope !== 'read_gift_cards' && !scope.includes('fulfillment'));
    expect(
      missingScopes(granted, scopeNeeds({ sendsFulfillments: true, readsOrdersOlderThan60Days: true })),
    ).toEqual([
      { scope: 'read_gift_cards', neededFor: 'gift cards sold and used in orders' },
      {
        scope: 'write_merchant_managed_fulfillment_orders',
        neededFor: 'sending shipments to Shopify as fulfillments',
      },
      {
        scope: 'read_merchant_managed_fulfillment_orders',
        neededFor: 'reading fulfillment orders of imported orders',
      },
      { scope: 'read_all_orders', neededFor: 'orders older than 60 days' },
    ]);
  });

  it('does not ask for fulfillment scopes of a card that sends no shipments', () => {
    const granted = all.filter((scope) => !scope.includes('fulfillment'));
    expect(
      missingScopes(granted, scopeNeeds({ sendsFulfillments: false, readsOrdersOlderThan60Days: false })),
    ).toEqual([]);
  });
});
