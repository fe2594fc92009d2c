import { ShopifyTransientError, type ShopifyCallContext } from './errors';
import { InvalidAnswerBody } from './invalid-answers';

/**
 * Connection failures that happen before a request leaves this machine: Shopify cannot have run
 * it, so even a mutation may be sent again.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Error codes found along an error's cause chain (undici nests the socket error under "fetch failed"). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (candidate: unknown): void => {
    if (typeof candidate !== 'object' || candidate === null || seen.has(candidate)) return;
    seen.add(candidate);
    const { code, cause, errors } = candidate as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    visit(cause);
    if (Array.isArray(errors)) errors.forEach(visit);
  };
  visit(error);
  return codes;
}

/**
 * Turns what fetch threw into a transient failure, telling whether the request may have reached
 * Shopify. A timeout or a connection dropped mid-request counts as "may have".
 */
export function transportFailure(context: ShopifyCallContext, error: unknown): ShopifyTransientError {
  if (error instanceof InvalidAnswerBody) {
    // A success status: whatever sits in front of Shopify passed the request on.
    return new ShopifyTransientError(context, 'invalid-answer', error.message, true);
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') {
    return new ShopifyTransientError(context, 'timeout', 'no answer before the request timeout', true);
  }
  const codes = errorCodes(error);
  const refused = codes.find((code) => NOT_SENT_CODES.has(code));
  if (refused) {
    return new ShopifyTransientError(context, 'connection-refused', `could not connect (${refused})`, false);
  }
  const detail = codes[0] ?? (error instanceof Error ? error.message : String(error));
  return new ShopifyTransientError(context, 'connection-dropped', `connection lost (${detail})`, true);
}
