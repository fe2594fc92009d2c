/**
 * Typed failures of Shopify calls. Each carries the shop and the operation so callers (activities)
 * can decide: retry later, wait for an operator, or reconcile. None ever carries the access token.
 */
export interface ShopifyCallContext {
  shopDomain: string;
  operationName: string;
}

export abstract class ShopifyError extends Error {
  readonly shopDomain: string;
  readonly operationName: string;
  /** Whether repeating the same call later can succeed without anyone changing anything. */
  abstract readonly retryable: boolean;

  constructor(context: ShopifyCallContext, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.shopDomain = context.shopDomain;
    this.operationName = context.operationName;
  }
}

/** 401/403 or ACCESS_DENIED: the token is wrong, revoked or lacks a scope. Never retried. */
export class ShopifyAuthError extends ShopifyError {
  readonly retryable = false;
  constructor(
    context: ShopifyCallContext,
    readonly status: number,
    detail: string,
  ) {
    super(
      context,
      `Shopify refused ${context.operationName} for ${context.shopDomain} (${detail}): check the shop card's ` +
        `access token and that the app has the scopes this call needs.`,
    );
  }
}

export interface GraphqlErrorDetail {
  message: string;
  code?: string;
  path?: readonly (string | number)[];
}

/** GraphQL errors Shopify will answer the same way next time (invalid query, missing object...). */
export class ShopifyGraphqlError extends ShopifyError {
  readonly retryable = false;
  constructor(
    context: ShopifyCallContext,
    readonly errors: readonly GraphqlErrorDetail[],
    readonly status?: number,
  ) {
    super(
      context,
      `Shopify rejected ${context.operationName} for ${context.shopDomain}: ` +
        errors
          .map(
            (error) =>
              `${error.message}${error.code ? ` [${error.code}]` : ''}${error.path ? ` at ${error.path.join('.')}` : ''}`,
          )
          .join('; '),
    );
  }
}

/** The estimated cost is above what one query may request or what the store's bucket can ever hold. */
export class ShopifyQueryTooExpensiveError extends ShopifyError {
  readonly retryable = false;
  constructor(
    context: ShopifyCallContext,
    readonly requestedCost: number,
    readonly limit: number,
    limitName: string,
  ) {
    super(
      context,
      `${context.operationName} would request ${requestedCost} cost points, over ${limitName} of ${limit}: ` +
        `lower the page sizes (first:) in its .graphql file or split it.`,
    );
  }
}

/** A transient failure of one attempt: throttled, 429, 5xx, connection refused/reset, timeout. */
export class ShopifyTransientError extends ShopifyError {
  readonly retryable = true;
  constructor(
    context: ShopifyCallContext,
    readonly kind: TransientFailureKind,
    detail: string,
    /** Whether Shopify may have received (and run) the request before it failed. */
    readonly mayHaveReachedShopify: boolean,
    /** A wait Shopify asked for (Retry-After, throttle restore time), when it said one. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(context, `${context.operationName} on ${context.shopDomain}: ${detail}`, options);
  }
}

export type TransientFailureKind =
  | 'throttled'
  | 'rate-limited'
  | 'server-error'
  | 'connection-refused'
  | 'connection-dropped'
  | 'timeout'
  | 'invalid-answer';

/** Every allowed attempt failed transiently; `lastCause` is the last one. Worth retrying later. */
export class ShopifyRetriesExhaustedError extends ShopifyError {
  readonly retryable = true;
  constructor(
    context: ShopifyCallContext,
    readonly attempts: number,
    readonly lastCause: ShopifyTransientError,
  ) {
    super(
      context,
      `${context.operationName} on ${context.shopDomain} failed ${attempts} times; last: ${lastCause.message}`,
      { cause: lastCause },
    );
  }

  /** How long Shopify asked to wait before the next try, if it said (for Temporal's nextRetryDelay). */
  get retryAfterMs(): number | undefined {
    return this.lastCause.retryAfterMs;
  }
}

/**
 * A mutation was sent and the answer was lost (dropped connection, timeout, 5xx): Shopify may or
 * may not have applied it. Retrying blindly could apply it twice; the caller reconciles first
 * (for fulfillmentCreate: read the order's fulfillments, then decide).
 */
export class ShopifyUncertainOutcomeError extends ShopifyError {
  readonly retryable = false;
  constructor(context: ShopifyCallContext, cause: ShopifyTransientError) {
    super(
      context,
      `${context.operationName} on ${context.shopDomain} may or may not have been applied (${cause.message}): ` +
        `reconcile with Shopify before sending it again.`,
      { cause },
    );
  }
}

export interface ShopifyUserErrorDetail {
  field: readonly string[] | null;
  message: string;
  code: string | null;
}

/** A mutation ran and Shopify refused its input (userErrors). Not retried: the input must change. */
export class ShopifyUserErrors extends ShopifyError {
  readonly retryable = false;
  constructor(
    context: ShopifyCallContext,
    readonly userErrors: readonly ShopifyUserErrorDetail[],
    subject?: string,
  ) {
    super(
      context,
      `Shopify refused ${context.operationName}${subject ? ` for ${subject}` : ''} on ${context.shopDomain}: ` +
        userErrors
          .map(
            (error) =>
              `${error.field && error.field.length > 0 ? `${error.field.join('.')}: ` : ''}${error.message}` +
              (error.code ? ` (${error.code})` : ''),
          )
          .join('; '),
    );
  }
}

/** The object asked for does not exist in the store (deleted, wrong id, or older than 60 days without read_all_orders). */
export class ShopifyNotFoundError extends ShopifyError {
  readonly retryable = false;
  constructor(
    context: ShopifyCallContext,
    readonly resourceId: string,
  ) {
    super(
      context,
      `${resourceId} was not found in ${context.shopDomain} (${context.operationName}): it was deleted, the id is ` +
        `wrong, or it is older than 60 days and the app lacks the read_all_orders scope.`,
    );
  }
}
