/**
 * How a shop card gets its Admin API token, and when a token is due for renewal. Pure: the token
 * provider (activities/shop-access-tokens.ts) and the CLI both decide with these rules.
 */
export const CREDENTIAL_KINDS = ['client_credentials', 'offline_token', 'static_token'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const CREDENTIAL_KIND_NAMES: Record<CredentialKind, string> = {
  client_credentials: 'client credentials (Dev Dashboard app)',
  offline_token: 'expiring offline token (OAuth install, rotating refresh token)',
  static_token: 'static token (legacy custom app)',
};

/**
 * A token is renewed this long before Shopify says it expires, or a tenth of its life when that
 * is shorter: a request started just before expiry must not arrive just after it.
 */
export const RENEW_AHEAD_MS = 5 * 60 * 1000;

export function renewalDueAt(expiresAt: Date, issuedAt: Date): Date {
  const lifetimeMs = Math.max(0, expiresAt.getTime() - issuedAt.getTime());
  const aheadMs = Math.min(RENEW_AHEAD_MS, Math.floor(lifetimeMs / 10));
  return new Date(expiresAt.getTime() - aheadMs);
}

/** Whether a stored token can still be sent at `now`; a token without expiry never needs renewal. */
export function tokenUsable(
  token: { expiresAt: Date | null; issuedAt: Date | null } | undefined,
  now: Date,
): boolean {
  if (!token) return false;
  if (token.expiresAt === null) return true;
  return now < renewalDueAt(token.expiresAt, token.issuedAt ?? token.expiresAt);
}

/** What the card's settings need from the app installation, each with the reason shown to the merchant. */
export interface ScopeNeed {
  /** Any one of these scopes satisfies the need (a write scope implies its read scope). */
  anyOf: readonly string[];
  neededFor: string;
}

export interface ScopeSettings {
  /** The card sends posted shipments to Shopify (fulfillments). */
  sendsFulfillments: boolean;
  /** The card syncs orders older than 60 days (a watermark or --since further back). */
  readsOrdersOlderThan60Days: boolean;
}

/** The scopes orderbridge always needs, then those a card's settings add. */
export function scopeNeeds(settings: ScopeSettings): ScopeNeed[] {
  const needs: ScopeNeed[] = [
    { anyOf: ['read_orders', 'write_orders'], neededFor: 'order import and order sync' },
    { anyOf: ['write_orders'], neededFor: 'closing orders in Shopify' },
    { anyOf: ['read_gift_cards', 'write_gift_cards'], neededFor: 'gift cards sold and used in orders' },
    { anyOf: ['read_locations'], neededFor: 'location mapping (`orderbridge map locations --fetch`)' },
    {
      anyOf: ['read_shipping', 'write_shipping'],
      neededFor: 'shipment method mapping (`orderbridge map shipment-methods --fetch`)',
    },
  ];
  if (settings.sendsFulfillments) {
    needs.push(
      {
        anyOf: ['write_merchant_managed_fulfillment_orders'],
        neededFor: 'sending shipments to Shopify as fulfillments',
      },
      {
        anyOf: ['read_merchant_managed_fulfillment_orders', 'write_merchant_managed_fulfillment_orders'],
        neededFor: 'reading fulfillment orders of imported orders',
      },
    );
  }
  if (settings.readsOrdersOlderThan60Days) {
    needs.push({ anyOf: ['read_all_orders'], neededFor: 'orders older than 60 days' });
  }
  return needs;
}

export interface MissingScope {
  scope: string;
  neededFor: string;
}

/** The needs the granted scopes leave open, each named by its first scope (the one to grant). */
export function missingScopes(granted: readonly string[], needs: readonly ScopeNeed[]): MissingScope[] {
  const have = new Set(granted);
  const missing = new Map<string, string[]>();
  for (const need of needs) {
    if (need.anyOf.some((scope) => have.has(scope))) continue;
    const scope = need.anyOf[0]!;
    missing.set(scope, [...(missing.get(scope) ?? []), need.neededFor]);
  }
  return [...missing].map(([scope, reasons]) => ({ scope, neededFor: reasons.join('; ') }));
}

/** Shopify shows orders created in the last 60 days only, unless the app holds read_all_orders. */
export const RECENT_ORDERS_MS = 60 * 24 * 60 * 60 * 1000;

/** Whether an order sync window starting at `windowStart` reaches past what Shopify shows without read_all_orders. */
export function windowNeedsAllOrders(windowStart: Date, now: Date): boolean {
  return windowStart.getTime() < now.getTime() - RECENT_ORDERS_MS;
}

/** Why a sync of an old window stops when the app lacks read_all_orders, with both ways out. */
export function allOrdersScopeMissing(input: { shopCode: string; windowStart: Date; now: Date }): string {
  const visibleFrom = new Date(input.now.getTime() - RECENT_ORDERS_MS).toISOString();
  return (
    `Shop card ${input.shopCode}: this order sync starts at ${input.windowStart.toISOString()}, more than ` +
    `60 days ago, and the app lacks the read_all_orders scope, so Shopify hides every order created before ` +
    `${visibleFrom}. Grant read_all_orders in the Dev Dashboard (app > Versions > Access scopes), release the ` +
    `version and run \`orderbridge shop connect ${input.shopCode} ...\` again; or sync from a later date with ` +
    `\`orderbridge sync orders --shop ${input.shopCode} --since ${visibleFrom.slice(0, 10)}\`.`
  );
}

/**
 * The scopes `orderbridge shop install` asks for: everything scopeNeeds can ask of a card, plus
 * products (item mapping from Shopify) and customers (customer sync). read_all_orders on request.
 */
export const INSTALL_SCOPES = [
  'read_orders',
  'write_orders',
  'read_gift_cards',
  'read_locations',
  'read_shipping',
  'read_merchant_managed_fulfillment_orders',
  'write_merchant_managed_fulfillment_orders',
  'read_products',
  'read_customers',
] as const;
