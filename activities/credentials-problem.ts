import { OrderProblems, type OrderProblem } from '../domain/order-problems';
import { ShopCredentialsRefusedError } from '../shopify/credentials-refused';
import { ShopCredentialsMissingError } from './shop-access-tokens';

/** Shopify refused the card's credentials (or it has none): no retry helps until an operator fixes them. */
export function isCredentialsFailure(
  error: unknown,
): error is ShopCredentialsRefusedError | ShopCredentialsMissingError {
  return error instanceof ShopCredentialsRefusedError || error instanceof ShopCredentialsMissingError;
}

/**
 * The order's problem while its shop card's credentials are refused: names the card, the store,
 * Shopify's words and the command that fixes it. Any step (import, shipment, close) shows this one.
 */
export function credentialsProblem(
  orderName: string,
  shop: { shopCode: string; shopDomain: string },
  error: ShopCredentialsRefusedError | ShopCredentialsMissingError,
): OrderProblem {
  if (error instanceof ShopCredentialsRefusedError) {
    return OrderProblems.shopCredentialsRefused(
      orderName,
      shop.shopCode,
      `credentials refused since ${error.refusedAt.toISOString()} (${error.shopifyMessage})`,
      error.fix,
    );
  }
  return OrderProblems.shopCredentialsRefused(
    orderName,
    shop.shopCode,
    'has no credentials',
    `connect it with \`orderbridge shop connect ${shop.shopCode} --domain ${shop.shopDomain} --client-id <id> --client-secret-env <VAR>\``,
  );
}
