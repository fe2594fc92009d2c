import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';
import type { Logger } from '../platform/logger';
import {
  shopifyPointsUsed,
  shopifyRequests,
  shopifyThrottled,
  shopifyThrottleWaits,
  shopifyThrottleWaitSeconds,
} from '../platform/metrics';
import { CallCounters, storeCallCounters } from './call-counters';
import { estimateQueryCost, findOperation, SINGLE_QUERY_COST_LIMIT } from './cost-estimator';
import type { AccessTokenSource } from './credentials-refused';
import {
  ShopifyAuthError,
  ShopifyQueryTooExpensiveError,
  type ShopifyError,
  ShopifyRetriesExhaustedError,
  ShopifyUncertainOutcomeError,
  type ShopifyCallContext,
  type ShopifyTransientError,
} from './errors';
import {
  fullJitterDelayMs,
  INVALID_ANSWER_MAX_ATTEMPTS,
  resolveRetryPolicy,
  type RetryPolicy,
} from './retry-policy';
import { loadAdminSchema, SHOPIFY_ADMIN_API_VERSION } from './schema';
import { judgeAnswer, readQueryCost, type ShopifyAnswer } from './shopify-answer';
import { BucketTooSmallError, throttleForStore, type ShopifyThrottle, type ThrottleLease } from './throttle';
import { answerCheckingFetch, bodyPreview } from './invalid-answers';
import { transportFailure } from './transport-failures';

export interface ShopifyClientOptions {
  /** e.g. acme.myshopify.com; also the key of the shared per-store throttle. */
  shopDomain: string;
  /**
   * Admin API access token, or where to get one (renewed on a 401/403 once per call). Sent as
   * X-Shopify-Access-Token; never logged or put in an error.
   */
  accessToken: string | AccessTokenSource;
  /** Defaults to the version the operations and generated types follow. */
  apiVersion?: string;
  /** Scheme and host to call instead of https://<shopDomain> (the simulator). */
  baseUrl?: string;
  retry?: Partial<RetryPolicy>;
  /** Per attempt. Default 30 s. */
  requestTimeoutMs?: number;
  logger?: Logger;
  /**
   * The store's throttle: workers pass the one shared through PostgreSQL by every process; tests
   * may pass their own. Default: the process-wide one of shopDomain.
   */
  throttle?: ShopifyThrottle;
  /** Tests only: the jitter source. */
  random?: () => number;
}

export interface ShopifyRequestOptions {
  /** Aborts the request and any wait (an activity's cancellation signal). */
  signal?: AbortSignal;
}

/** No argument when the operation takes no variables; the variables object otherwise. */
export type VariablesArgument<TVariables> =
  TVariables extends Record<string, never>
    ? [variables?: TVariables, options?: ShopifyRequestOptions]
    : [variables: TVariables, options?: ShopifyRequestOptions];

export interface ShopifyAdminClient {
  readonly shopDomain: string;
  readonly apiVersion: string;
  readonly endpoint: string;
  /** Calls made through this client; storeCallCounters(shopDomain) has every client's. */
  readonly counters: CallCounters;
  readonly throttle: ShopifyThrottle;
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...args: VariablesArgument<TVariables>
  ): Promise<TResult>;
}

interface PreparedOperation {
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  text: string;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const preparedOperations = new WeakMap<DocumentNode, PreparedOperation>();

function prepare(document: DocumentNode): PreparedOperation {
  let prepared = preparedOperations.get(document);
  if (!prepared) {
    const operation = findOperation(document);
    prepared = {
      name: operation.name?.value ?? 'anonymous',
      type: operation.operation,
      text: print(document),
    };
    preparedOperations.set(document, prepared);
  }
  return prepared;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function refusesCredentials(error: ShopifyError): error is ShopifyAuthError {
  return error instanceof ShopifyAuthError && (error.status === 401 || error.status === 403);
}

/** Shopify's own words for a refusal (a plain string body on 401), else our description. */
function shopifyRefusal(answer: ShopifyAnswer, error: ShopifyAuthError): string {
  return typeof answer.errors === 'string' ? `HTTP ${answer.status}: ${answer.errors}` : error.message;
}

export function shopifyAdminEndpoint(
  options: Pick<ShopifyClientOptions, 'shopDomain' | 'baseUrl' | 'apiVersion'>,
): string {
  const origin = (options.baseUrl ?? `https://${options.shopDomain}`).replace(/\/+$/, '');
  return `${origin}/admin/api/${options.apiVersion ?? SHOPIFY_ADMIN_API_VERSION}/graphql.json`;
}

/**
 * A Shopify Admin GraphQL client for one store: typed operations, a cost-aware throttle shared by
 * every client of the store, bounded retries (queries: THROTTLED, 429, 5xx, connection failures;
 * mutations: only failures Shopify cannot have executed), and call counters.
 */
export function createShopifyClient(options: ShopifyClientOptions): ShopifyAdminClient {
  const shopDomain = options.shopDomain;
  const apiVersion = options.apiVersion ?? SHOPIFY_ADMIN_API_VERSION;
  const endpoint = shopifyAdminEndpoint({ ...options, apiVersion });
  const policy = resolveRetryPolicy(options.retry);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const throttle = options.throttle ?? throttleForStore(shopDomain);
  const random = options.random ?? Math.random;
  const logger = options.logger;
  const counters = new CallCounters();
  const storeCounters = storeCallCounters(shopDomain);
  const metricStore = shopDomain.toLowerCase();
  // The token lives only in this closure, so logging or serialising the client cannot leak it.
  const accessToken = options.accessToken;
  const tokenSource = typeof accessToken === 'string' ? undefined : accessToken;
  const graphql = new GraphQLClient(endpoint, { errorPolicy: 'all', fetch: answerCheckingFetch });
  const costCache = new WeakMap<DocumentNode, Map<string, number>>();

  function estimate(document: DocumentNode, variables: Record<string, unknown>): number {
    // Page sizes and @include/@skip flags change the requested cost; ids and cursors do not.
    const sizeKey = JSON.stringify(
      Object.entries(variables).filter(
        ([, value]) => typeof value === 'number' || typeof value === 'boolean',
      ),
    );
    let byVariables = costCache.get(document);
    if (!byVariables) costCache.set(document, (byVariables = new Map()));
    let cost = byVariables.get(sizeKey);
    if (cost === undefined) {
      cost = estimateQueryCost(loadAdminSchema(), document, variables).requestedCost;
      byVariables.set(sizeKey, cost);
    }
    return cost;
  }

  function count(record: (target: CallCounters) => void): void {
    record(counters);
    record(storeCounters);
  }

  async function acquire(context: ShopifyCallContext, cost: number): Promise<ThrottleLease> {
    try {
      const lease = await throttle.acquire(cost);
      if (lease.waitedMs > 0) {
        count((target) => target.recordThrottleWait(context.operationName, lease.waitedMs));
        shopifyThrottleWaits.inc({ store: metricStore });
        shopifyThrottleWaitSeconds.inc({ store: metricStore }, lease.waitedMs / 1000);
      }
      return lease;
    } catch (error) {
      if (error instanceof BucketTooSmallError) {
        throw new ShopifyQueryTooExpensiveError(context, cost, error.maximumAvailable, "this store's bucket");
      }
      throw error;
    }
  }

  /** One HTTP exchange; returns Shopify's answer or throws what fetch threw. */
  async function send(
    operation: PreparedOperation,
    variables: Record<string, unknown>,
    signal: AbortSignal | undefined,
    token: string,
  ): Promise<ShopifyAnswer> {
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    try {
      const response = await graphql.rawRequest<unknown, Record<string, unknown>>({
        query: operation.text,
        variables,
        requestHeaders: { 'X-Shopify-Access-Token': token },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      return response;
    } catch (error) {
      if (error instanceof ClientError) {
        const { status, headers, errors, extensions, data, body } =
          error.response as typeof error.response & {
            body?: unknown;
          };
        return {
          status,
          headers: headers instanceof Headers ? headers : new Headers(),
          errors,
          extensions,
          data,
          ...(typeof body === 'string' ? { bodyPreview: bodyPreview(body) } : {}),
        };
      }
      throw error;
    }
  }

  async function request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variablesArgument, requestOptions]: VariablesArgument<TVariables>
  ): Promise<TResult> {
    const operation = prepare(document);
    const context: ShopifyCallContext = { shopDomain, operationName: operation.name };
    const variables = (variablesArgument ?? {}) as Record<string, unknown>;
    const signal = requestOptions?.signal;
    const requestedCost = estimate(document, variables);
    if (requestedCost > SINGLE_QUERY_COST_LIMIT) {
      throw new ShopifyQueryTooExpensiveError(
        context,
        requestedCost,
        SINGLE_QUERY_COST_LIMIT,
        "Shopify's single-query limit",
      );
    }

    let token = tokenSource ? await tokenSource.token() : (accessToken as string);
    let renewedAfterRefusal = false;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const lease = await acquire(context, requestedCost);
      count((target) => target.recordRequest(operation.name, attempt > 1));
      shopifyRequests.inc({ store: metricStore });
      const startedAt = Date.now();
      let answer: ShopifyAnswer;
      try {
        answer = await send(operation, variables, signal, token);
      } catch (error) {
        throttle.finish(lease);
        if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : error;
        const failure = transportFailure(context, error);
        await prepareRetry(context, operation, attempt, failure, signal);
        continue;
      }
      const cost = readQueryCost(answer.extensions);
      if (cost?.throttleStatus) throttle.report(lease, cost.throttleStatus, cost.actualQueryCost);
      else throttle.finish(lease);
      if (cost && cost.actualQueryCost !== null) {
        const actualCost = cost.actualQueryCost;
        count((target) => target.recordCost(operation.name, cost.requestedQueryCost, actualCost));
        shopifyPointsUsed.inc({ store: metricStore }, actualCost);
      }
      logger?.debug(
        {
          shopDomain,
          operation: operation.name,
          attempt,
          status: answer.status,
          requestedCost: cost?.requestedQueryCost,
          actualCost: cost?.actualQueryCost,
          ms: Date.now() - startedAt,
        },
        'shopify call',
      );
      const verdict = judgeAnswer(context, answer);
      if (verdict.kind === 'data') return verdict.data as TResult;
      if (verdict.kind === 'fatal' && tokenSource && refusesCredentials(verdict.error)) {
        // An expired or revoked token: renew once; refused again, the card's credentials are wrong.
        if (renewedAfterRefusal) throw await tokenSource.refused(shopifyRefusal(answer, verdict.error));
        renewedAfterRefusal = true;
        token = await tokenSource.renewAfterRefusal(token);
        continue;
      }
      if (verdict.kind === 'fatal') throw verdict.error;
      await prepareRetry(context, operation, attempt, verdict.error, signal);
    }
  }

  /** Throws when this failure ends the call; otherwise waits what the next attempt needs. */
  async function prepareRetry(
    context: ShopifyCallContext,
    operation: PreparedOperation,
    attempt: number,
    failure: ShopifyTransientError,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (failure.kind === 'throttled' || failure.kind === 'rate-limited') {
      shopifyThrottled.inc({ store: metricStore });
    }
    if (operation.type === 'mutation' && failure.mayHaveReachedShopify) {
      throw new ShopifyUncertainOutcomeError(context, failure);
    }
    // An answer that is not GraphQL rarely mends within seconds: fewer attempts, then Temporal's back-off.
    const maxAttempts =
      failure.kind === 'invalid-answer'
        ? Math.min(policy.maxAttempts, INVALID_ANSWER_MAX_ATTEMPTS)
        : policy.maxAttempts;
    if (attempt >= maxAttempts) throw new ShopifyRetriesExhaustedError(context, attempt, failure);
    // A throttled answer already told the throttle how empty the bucket is: acquire() waits exactly.
    const delayMs =
      failure.kind === 'throttled' && failure.retryAfterMs !== undefined
        ? 0
        : (failure.retryAfterMs ?? fullJitterDelayMs(policy, attempt, random));
    if (failure.kind === 'rate-limited' && delayMs > 0) {
      count((target) => target.recordThrottleWait(operation.name, delayMs));
    }
    logger?.warn(
      { shopDomain, operation: operation.name, attempt, failure: failure.kind, delayMs },
      `shopify call failed, retrying: ${failure.message}`,
    );
    await sleep(delayMs, signal);
  }

  return { shopDomain, apiVersion, endpoint, counters, throttle, request };
}
