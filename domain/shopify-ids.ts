/**
 * Shopify ids: GIDs ("gid://shopify/ProductVariant/123") are what the ERP stores; people type the
 * numeric tail ("123"). These helpers convert between the two and refuse anything else.
 */
const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/;

export class InvalidShopifyIdError extends Error {
  constructor(resource: string, value: string) {
    super(
      `'${value}' is not a Shopify ${resource} id: give the number (e.g. 1234567890) or the full id (gid://shopify/${resource}/1234567890)`,
    );
    this.name = 'InvalidShopifyIdError';
  }
}

export function shopifyGid(resource: string, numericId: string | number | bigint): string {
  return `gid://shopify/${resource}/${String(numericId)}`;
}

/** "123" or "gid://shopify/<resource>/123" → the GID; anything else (another resource too) throws. */
export function normalizeShopifyId(resource: string, value: string): string {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return shopifyGid(resource, trimmed);
  const match = GID_PATTERN.exec(trimmed);
  if (!match || match[1] !== resource) throw new InvalidShopifyIdError(resource, value);
  return shopifyGid(resource, match[2] ?? '');
}

/** The numeric tail of a GID, or the value itself when it is not one. */
export function legacyId(gid: string): string {
  return GID_PATTERN.exec(gid)?.[2] ?? gid;
}
