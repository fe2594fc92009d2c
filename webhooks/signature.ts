import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `signature` (X-Shopify-Hmac-Sha256) is the base64 HMAC-SHA256 of the raw body under one
 * of `secrets`. Several secrets: after the app's secret is rotated Shopify may sign with the old
 * one for up to an hour. Compared in constant time so the answer leaks nothing about the digest.
 */
export function isValidShopifySignature(
  rawBody: Buffer,
  signature: string | undefined,
  secrets: readonly string[],
): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature, 'base64');
  if (given.length !== 32) return false;
  let valid = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // Every secret is tried, so the time taken does not tell which one matched.
    if (timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}
