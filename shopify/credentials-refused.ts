/**
 * Shopify refused a shop card's credentials even after one renewal (revoked app, wrong secret,
 * uninstalled app, a static token withdrawn). Not a network failure: every sync of the card
 * waits until an operator fixes the credentials, and retrying before that changes nothing.
 */
export class ShopCredentialsRefusedError extends Error {
  readonly fix: string;
  constructor(
    readonly shopCode: string,
    readonly shopDomain: string,
    readonly refusedAt: Date,
    readonly shopifyMessage: string,
  ) {
    const fix =
      `fix the app's credentials with \`orderbridge shop connect ${shopCode} --domain ${shopDomain} ` +
      `--client-id <id> --client-secret-env <VAR>\` (or \`orderbridge shop set ${shopCode}\`)`;
    super(
      `Shop card ${shopCode}: credentials refused since ${refusedAt.toISOString()} by ${shopDomain} ` +
        `(${shopifyMessage}): ${fix}`,
    );
    this.name = 'ShopCredentialsRefusedError';
    this.fix = fix;
  }
}

/** Where the Shopify client gets its token, and what it does when Shopify answers 401/403. */
export interface AccessTokenSource {
  /** A token to send now (renewed first when it is due). */
  token(): Promise<string>;
  /** The token `refused` got 401/403: a renewed one, unless another caller already renewed it. */
  renewAfterRefusal(refused: string): Promise<string>;
  /** The renewed token was refused too: records the refusal and returns the error to throw. */
  refused(shopifyMessage: string): Promise<ShopCredentialsRefusedError>;
}
