import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ClientError, GraphQLClient } from 'graphql-request';
import { getOperationAST, print, type DocumentNode } from 'graphql';
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

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

/** Shopify's flat price of a mutation; queries are priced by what the last one of their name cost. */
const MUTATION_COST = 10;
const FIRST_QUERY_COST_GUESS = 50;
/** How long one request may wait for the bucket before the scenario gives up. */
const MAX_THROTTLE_WAIT_MS = 120_000;

/**
 * One graphql-request client per target, shared by every scenario helper. It paces itself with a
 * copy of the shop's cost bucket, refreshed from `extensions.cost.throttleStatus` on each answer,
 * so parallel callers wait their turn instead of collecting THROTTLED errors. Only what Shopify
 * guarantees was not executed (THROTTLED, HTTP 429) is retried; a 5xx on a mutation is not,
 * because orderCreate has no idempotency key.
 */
export class ScenarioAdminClient {
  private readonly client: GraphQLClient;
  private readonly queryTexts = new WeakMap<DocumentNode, string>();
  private readonly lastQueryCost = new Map<string, number>();
  private bucket: (ThrottleStatus & { observedAt: number }) | undefined;
  /** Callers reserve bucket points one after the other, in call order. */
  private pacing: Promise<void> = Promise.resolve();
  /** Requests sent, retries included: benchmarks report it next to orders per second. */
  requestCount = 0;
  throttledCount = 0;

  constructor(readonly target: ShopifyTarget) {
    this.client = new GraphQLClient(target.graphqlUrl, {
      headers: { 'X-Shopify-Access-Token': target.accessToken },
    });
  }

  async request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    const operation = getOperationAST(document);
    const operationName = operation?.name?.value ?? 'anonymous operation';
    const cost =
      operation?.operation === 'mutation'
        ? MUTATION_COST
        : (this.lastQueryCost.get(operationName) ?? FIRST_QUERY_COST_GUESS);
    const deadline = Date.now() + MAX_THROTTLE_WAIT_MS;
    for (;;) {
      await this.reserve(cost);
      this.requestCount += 1;
      try {
        const response = await this.client.rawRequest<TResult, TVariables>(this.textOf(document), variables);
        const costs = (response.extensions as { cost?: CostExtension } | undefined)?.cost;
        this.observe(costs?.throttleStatus);
        if (operation?.operation !== 'mutation' && typeof costs?.actualQueryCost === 'number') {
          this.lastQueryCost.set(operationName, Math.max(1, costs.actualQueryCost));
        }
        return response.data;
      } catch (error) {
        if (!(error instanceof ClientError) || !isThrottled(error) || Date.now() > deadline) {
          throw describeFailure(operationName, error);
        }
        this.throttledCount += 1;
        const costs = (error.response.extensions as { cost?: CostExtension } | undefined)?.cost;
        const status = costs?.throttleStatus;
        if (
          status &&
          costs?.requestedQueryCost !== undefined &&
          costs.requestedQueryCost > status.maximumAvailable
        ) {
          throw new ScenarioError(
            `${operationName} costs ${costs.requestedQueryCost} points but the shop's bucket holds ${status.maximumAvailable}: ` +
              'it can never run; ask for fewer items per page.',
          );
        }
        this.observe(status);
        // Without a bucket reading (a bare 429), wait what Retry-After says, else a second.
        if (!costs?.throttleStatus) await sleep(retryAfterMs(error));
      }
    }
  }

  private textOf(document: DocumentNode): string {
    let text = this.queryTexts.get(document);
    if (!text) {
      text = print(document);
      this.queryTexts.set(document, text);
    }
    return text;
  }

  private observe(status: ThrottleStatus | undefined): void {
    if (status && status.restoreRate > 0) this.bucket = { ...status, observedAt: Date.now() };
  }

  /** Waits until the bucket copy holds `cost` points, then takes them. */
  private reserve(cost: number): Promise<void> {
    const turn = this.pacing.then(async () => {
      for (;;) {
        const bucket = this.bucket;
        if (!bucket) return;
        const now = Date.now();
        const available = Math.min(
          bucket.maximumAvailable,
          bucket.currentlyAvailable + ((now - bucket.observedAt) / 1000) * bucket.restoreRate,
        );
        const needed = Math.min(cost, bucket.maximumAvailable);
        if (available >= needed) {
          this.bucket = { ...bucket, currentlyAvailable: available - needed, observedAt: now };
          return;
        }
        await sleep(Math.ceil(((needed - available) / bucket.restoreRate) * 1000) + 5);
      }
    });
    this.pacing = turn.catch(() => undefined);
    return turn;
  }
}

function isThrottled(error: ClientError): boolean {
  return (
    error.response.status === 429 ||
    (error.response.errors ?? []).some(
      (graphqlError) => (graphqlError.extensions as { code?: string } | undefined)?.code === 'THROTTLED',
    )
  );
}

function retryAfterMs(error: ClientError): number {
  const retryAfter = Number(error.response.headers?.get?.('retry-after'));
  return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000;
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
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
  if (value === null || value === undefined) {
    throw new ScenarioError(
      `${what} came back empty: the target does not implement it, or failed without saying why.`,
    );
  }
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
