import {
  ShopifyAuthError,
  ShopifyGraphqlError,
  ShopifyQueryTooExpensiveError,
  ShopifyTransientError,
  type GraphqlErrorDetail,
  type ShopifyCallContext,
  type ShopifyError,
} from './errors';
import { SINGLE_QUERY_COST_LIMIT } from './cost-estimator';
import { parseRetryAfterMs } from './retry-policy';
import { restoreWaitMs, type ThrottleStatus } from './throttle';

/** `extensions.cost` of a Shopify answer. */
export interface ShopifyQueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus?: ThrottleStatus;
}

/** One HTTP answer, whatever its status, as graphql-request hands it over. */
export interface ShopifyAnswer {
  status: number;
  headers: Headers;
  data?: unknown;
  errors?: unknown;
  extensions?: unknown;
  /** The first characters of a body that was not JSON (an error page), for the error text. */
  bodyPreview?: string;
}

export type AnswerVerdict =
  | { kind: 'data'; data: unknown }
  | { kind: 'transient'; error: ShopifyTransientError }
  | { kind: 'fatal'; error: ShopifyError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readQueryCost(extensions: unknown): ShopifyQueryCost | undefined {
  if (!isRecord(extensions) || !isRecord(extensions.cost)) return undefined;
  const cost = extensions.cost;
  const requestedQueryCost = finiteNumber(cost.requestedQueryCost);
  if (requestedQueryCost === undefined) return undefined;
  const status = isRecord(cost.throttleStatus) ? cost.throttleStatus : undefined;
  const maximumAvailable = finiteNumber(status?.maximumAvailable);
  const currentlyAvailable = finiteNumber(status?.currentlyAvailable);
  const restoreRate = finiteNumber(status?.restoreRate);
  return {
    requestedQueryCost,
    actualQueryCost: finiteNumber(cost.actualQueryCost) ?? null,
    throttleStatus:
      maximumAvailable !== undefined && currentlyAvailable !== undefined && restoreRate !== undefined
        ? { maximumAvailable, currentlyAvailable, restoreRate }
        : undefined,
  };
}

function readGraphqlErrors(errors: unknown): GraphqlErrorDetail[] {
  // REST-style auth failures send `errors` as a plain string.
  if (typeof errors === 'string') return [{ message: errors }];
  if (!Array.isArray(errors)) return [];
  return errors.map((error: unknown) => {
    const record = isRecord(error) ? error : {};
    const extensions = isRecord(record.extensions) ? record.extensions : {};
    const path = Array.isArray(record.path)
      ? record.path.filter(
          (part): part is string | number => typeof part === 'string' || typeof part === 'number',
        )
      : undefined;
    return {
      message: typeof record.message === 'string' ? record.message : JSON.stringify(error),
      code: typeof extensions.code === 'string' ? extensions.code : undefined,
      path: path && path.length > 0 ? path : undefined,
    };
  });
}

/**
 * Decides what one answer means: data, a transient failure worth another attempt, or a failure
 * that repeats until someone changes something. Never looks at (or repeats) request headers.
 */
export function judgeAnswer(context: ShopifyCallContext, answer: ShopifyAnswer): AnswerVerdict {
  const graphqlErrors = readGraphqlErrors(answer.errors);
  const cost = readQueryCost(answer.extensions);
  const codes = new Set(graphqlErrors.map((error) => error.code));

  if (answer.status === 401 || answer.status === 403) {
    return { kind: 'fatal', error: new ShopifyAuthError(context, answer.status, `HTTP ${answer.status}`) };
  }
  if (answer.status === 404) {
    return {
      kind: 'fatal',
      error: new ShopifyGraphqlError(
        context,
        [
          {
            message:
              'HTTP 404: check the shop domain and that the Admin API version is one Shopify still serves',
          },
        ],
        404,
      ),
    };
  }
  if (answer.status === 429) {
    const retryAfterMs = parseRetryAfterMs(answer.headers.get('retry-after'));
    const detail = `rate limited (HTTP 429${retryAfterMs === undefined ? '' : `, retry after ${retryAfterMs} ms`})`;
    return {
      kind: 'transient',
      error: new ShopifyTransientError(context, 'rate-limited', detail, false, retryAfterMs),
    };
  }
  if (answer.status >= 500 || codes.has('INTERNAL_SERVER_ERROR')) {
    const detail =
      answer.status >= 500
        ? `HTTP ${answer.status}${answer.bodyPreview ? `: ${answer.bodyPreview}` : ''}`
        : 'INTERNAL_SERVER_ERROR';
    return {
      kind: 'transient',
      error: new ShopifyTransientError(context, 'server-error', `Shopify failed (${detail})`, true),
    };
  }
  if (codes.has('THROTTLED')) {
    const retryAfterMs =
      cost?.throttleStatus !== undefined
        ? restoreWaitMs(cost.requestedQueryCost, cost.throttleStatus)
        : undefined;
    const detail =
      `throttled (requested ${cost?.requestedQueryCost ?? '?'} points, ` +
      `${cost?.throttleStatus?.currentlyAvailable ?? '?'} available)`;
    return {
      kind: 'transient',
      error: new ShopifyTransientError(context, 'throttled', detail, false, retryAfterMs),
    };
  }
  if (codes.has('MAX_COST_EXCEEDED')) {
    return {
      kind: 'fatal',
      error: new ShopifyQueryTooExpensiveError(
        context,
        cost?.requestedQueryCost ?? SINGLE_QUERY_COST_LIMIT + 1,
        SINGLE_QUERY_COST_LIMIT,
        "Shopify's single-query limit",
      ),
    };
  }
  if (codes.has('ACCESS_DENIED')) {
    const message = graphqlErrors.find((error) => error.code === 'ACCESS_DENIED')?.message ?? 'access denied';
    return { kind: 'fatal', error: new ShopifyAuthError(context, answer.status, message) };
  }
  if (graphqlErrors.length > 0) {
    return { kind: 'fatal', error: new ShopifyGraphqlError(context, graphqlErrors, answer.status) };
  }
  if (answer.status < 200 || answer.status >= 300 || answer.data === undefined || answer.data === null) {
    return {
      kind: 'fatal',
      error: new ShopifyGraphqlError(
        context,
        [{ message: `unexpected answer: HTTP ${answer.status} without data` }],
        answer.status,
      ),
    };
  }
  return { kind: 'data', data: answer.data };
}
