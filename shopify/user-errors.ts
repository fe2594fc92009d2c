import { ShopifyUserErrors, type ShopifyCallContext, type ShopifyUserErrorDetail } from './errors';

/** The userErrors shape shared by Shopify mutation payloads (code only on some of them). */
export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
}

/**
 * Returns the mutation payload when Shopify accepted it; throws ShopifyUserErrors listing every
 * field path, message and code when it did not. `subject` names what the call was about
 * (e.g. "order #1001") so the message is actionable on its own.
 */
export function acceptedPayload<TPayload extends { userErrors: readonly UserErrorLike[] }>(
  context: ShopifyCallContext,
  payload: TPayload | null | undefined,
  subject?: string,
): TPayload {
  if (!payload) {
    throw new ShopifyUserErrors(
      context,
      [{ field: null, message: 'Shopify returned no payload for the mutation', code: null }],
      subject,
    );
  }
  if (payload.userErrors.length > 0) {
    const details: ShopifyUserErrorDetail[] = payload.userErrors.map((error) => ({
      field: error.field ?? null,
      message: error.message,
      code: error.code ?? null,
    }));
    throw new ShopifyUserErrors(context, details, subject);
  }
  return payload;
}
