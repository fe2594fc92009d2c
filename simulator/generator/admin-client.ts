import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ClientError, GraphQLClient, type Variables } from 'graphql-request';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { StoreSeedApi } from './seed-api';

/** Where scenarios are written: the local simulator or a Shopify development store. */
export interface ShopifyTarget {
  /** https://<shop>/admin/api/2026-10/graphql.json, or the simulator's graphqlUrl. */
  graphqlUrl: string;
  accessToken: string;
  /** The simulator's direct seeding API, for the shop settings no Admin mutation can change. */
  seedApi?: StoreSeedApi;
}

/** A mutation answered with userErrors, or a request Shopify refused; the message names what and why. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

interface ThrottleCost {
  requestedQueryCost?: number;
  throttleStatus?: { currentlyAvailable: number; restoreRate: number };
}

const MAX_THROTTLE_RETRIES = 8;

/**
 * One graphql-request client per target, shared by every scenario helper. Retries only what
 * Shopify guarantees was not executed (THROTTLED, HTTP 429), waiting as long as the bucket needs;
 * a 5xx on a mutation is not retried, because orderCreate has no idempotency key.
 */
export class ScenarioAdminClient {
  private readonly client: GraphQLClient;
  /** Requests sent, retries included: benchmarks report it next to orders per second. */
  requestCount = 0;

  constructor(readonly target: ShopifyTarget) {
    this.client = new GraphQLClient(target.graphqlUrl, {
      headers: { 'X-Shopify-Access-Token': target.accessToken },
    });
  }

  async request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    const operationName = getOperationAST(document)?.name?.value ?? 'anonymous operation';
    for (let attempt = 0; ; attempt += 1) {
      this.requestCount += 1;
      try {
        // The typed document already ties variables to the result; graphql-request only needs the parts.
        return await this.client.request<TResult, Variables>(document as DocumentNode, variables);
      } catch (error) {
        const waitMs = error instanceof ClientError ? throttleWaitMs(error) : undefined;
        if (waitMs === undefined || attempt >= MAX_THROTTLE_RETRIES)
          throw describeFailure(operationName, error);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }
}

function throttleWaitMs(error: ClientError): number | undefined {
  const throttled =
    error.response.status === 429 ||
    (error.response.errors ?? []).some(
      (graphqlError) => (graphqlError.extensions as { code?: string } | undefined)?.code === 'THROTTLED',
    );
  if (!throttled) return undefined;
  const cost = (error.response.extensions as { cost?: ThrottleCost } | undefined)?.cost;
  const status = cost?.throttleStatus;
  if (status && status.restoreRate > 0 && cost?.requestedQueryCost !== undefined) {
    const missing = Math.max(0, cost.requestedQueryCost - status.currentlyAvailable);
    return Math.ceil((missing / status.restoreRate) * 1000) + 50;
  }
  const retryAfter = Number(error.response.headers?.get?.('retry-after'));
  return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000;
}

function describeFailure(operationName: string, error: unknown): Error {
  if (error instanceof ClientError) {
    const messages = (error.response.errors ?? []).map((graphqlError) => graphqlError.message);
    const detail = messages.length > 0 ? messages.join('; ') : `HTTP ${error.response.status}`;
    return new ScenarioError(`${operationName} failed: ${detail}`);
  }
  return new ScenarioError(`${operationName} failed: ${(error as Error).message}`);
}

export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
}

/** Throws when a mutation answered with userErrors; `subject` says which order or record it was for. */
export function assertNoUserErrors(
  mutation: string,
  subject: string,
  userErrors: readonly UserErrorLike[],
): void {
  if (userErrors.length === 0) return;
  const details = userErrors
    .map((userError) => {
      const field = userError.field?.length ? `${userError.field.join('.')}: ` : '';
      const code = userError.code ? ` (${userError.code})` : '';
      return `${field}${userError.message}${code}`;
    })
    .join('; ');
  throw new ScenarioError(`${mutation} for ${subject} was rejected: ${details}`);
}

/** The payload part of a mutation result that Shopify may return as null on failure. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined)
    throw new ScenarioError(
      `${what} came back empty: the target does not implement it, or failed without saying why.`,
    );
  return value;
}

const clients = new WeakMap<ShopifyTarget, ScenarioAdminClient>();

export function adminClientFor(target: ShopifyTarget): ScenarioAdminClient {
  let client = clients.get(target);
  if (!client) {
    client = new ScenarioAdminClient(target);
    clients.set(target, client);
  }
  return client;
}
