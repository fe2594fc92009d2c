import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  execute,
  getOperationAST,
  Kind,
  parse,
  specifiedRules,
  validate,
  GraphQLError,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { SimulatedApp } from './app-auth';
import { MAX_QUERY_COST, requestedQueryCost } from './cost';
import { createFieldResolver, typeResolver, type ResolverMap } from './execution';
import type { Fault, FaultInjector } from './faults';
import { shopifyValidationError } from './graphql-errors';
import type { SearchContext } from './resolvers';
import type { ShopStore } from './store';
import type { LeakyBucket, ThrottleStatus } from './throttle';

export const SUPPORTED_API_VERSIONS = ['2026-10'] as const;

export const INVALID_TOKEN_BODY = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};

/** Per-operation figures, for benchmarks and assertions. */
export interface OperationStats {
  requests: number;
  requestedCost: number;
  actualCost: number;
  throttled: number;
  errors: number;
}

export interface SimulatorStats {
  requests: number;
  /** Answers by HTTP status (faults included). */
  byStatus: Record<string, number>;
  /** Per operation name (`(anonymous)` when the document names none). */
  byOperation: Record<string, OperationStats>;
  throttled: number;
  maxCostExceeded: number;
  unauthorized: number;
  faults: Record<string, number>;
  requestedCost: number;
  actualCost: number;
}

type CheckedDocument = { document: DocumentNode } | { errors: ReturnType<typeof shopifyValidationError>[] };

const MAX_CHECKED_DOCUMENTS = 500;
const checkedDocuments = new WeakMap<GraphQLSchema, Map<string, CheckedDocument>>();

/**
 * Parses and validates a query once per query text and schema: clients send the same few
 * operations over and over, and validation against the Admin schema costs more than executing them.
 */
function checkedDocument(schema: GraphQLSchema, query: string): CheckedDocument {
  let cache = checkedDocuments.get(schema);
  if (!cache) checkedDocuments.set(schema, (cache = new Map()));
  const cached = cache.get(query);
  if (cached) return cached;
  let checked: CheckedDocument;
  try {
    const document = parse(query);
    const validationErrors = validate(schema, document, specifiedRules);
    checked =
      validationErrors.length > 0 ? { errors: validationErrors.map(shopifyValidationError) } : { document };
  } catch (error) {
    checked = { errors: [shopifyValidationError(error as GraphQLError)] };
  }
  if (cache.size >= MAX_CHECKED_DOCUMENTS) cache.clear();
  cache.set(query, checked);
  return checked;
}

export interface GraphqlServerOptions {
  schema: GraphQLSchema;
  resolvers: ResolverMap;
  store: ShopStore;
  /** The installed app: which tokens are valid, the token endpoint, the granted scopes. */
  app: SimulatedApp;
  bucket: LeakyBucket;
  faults: FaultInjector;
  port: number;
  host: string;
}

export interface RunningGraphqlServer {
  server: Server;
  port: number;
  stats(): SimulatorStats;
  resetStats(): void;
  close(): Promise<void>;
}

function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    byStatus: {},
    byOperation: {},
    throttled: 0,
    maxCostExceeded: 0,
    unauthorized: 0,
    faults: {},
    requestedCost: 0,
    actualCost: 0,
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The token endpoint takes a form (what Shopify documents) or JSON. */
function readTokenRequest(rawBody: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes('application/json')) {
    try {
      const parsed = JSON.parse(rawBody) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(rawBody));
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The HTTP front of one simulated shop: routing, auth, faults, cost, throttle, execution. */
export async function startGraphqlServer(options: GraphqlServerOptions): Promise<RunningGraphqlServer> {
  const { schema, store, bucket, faults } = options;
  const fieldResolver = createFieldResolver(options.resolvers);
  let stats = emptyStats();
  const sockets = new Set<Socket>();

  const costExtension = (
    requested: number,
    actual: number | null,
    status: ThrottleStatus = bucket.status(),
  ) => ({
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status },
  });

  const operationStats = (name: string): OperationStats =>
    (stats.byOperation[name] ??= { requests: 0, requestedCost: 0, actualCost: 0, throttled: 0, errors: 0 });

  function send(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'X-Request-Id': randomUUID(),
      'X-Shopify-API-Version': SUPPORTED_API_VERSIONS[0],
      ...headers,
    });
    response.end(text);
  }

  async function applyFault(
    fault: Fault,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<boolean> {
    stats.faults[fault.kind] = (stats.faults[fault.kind] ?? 0) + 1;
    switch (fault.kind) {
      case 'slow':
        await sleep(fault.latencyMs);
        return false;
      case 'drop':
        request.socket.destroy();
        return true;
      case 'server-error':
        send(response, fault.serverErrorStatus, {
          errors:
            fault.serverErrorStatus === 503
              ? 'Service Unavailable'
              : fault.serverErrorStatus === 502
                ? 'Bad Gateway'
                : fault.serverErrorStatus === 504
                  ? 'Gateway Timeout'
                  : 'Internal Server Error',
        });
        return true;
      case 'too-many-requests':
        send(
          response,
          429,
          {
            errors:
              'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
          },
          { 'Retry-After': fault.retryAfterSeconds.toFixed(1) },
        );
        return true;
      case 'throttled':
        stats.throttled++;
        send(response, 200, throttledBody(0, bucket.status()));
        return true;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/admin/oauth/access_token') {
      if (request.method !== 'POST') {
        send(response, 405, { errors: 'Method Not Allowed' }, { Allow: 'POST' });
        return;
      }
      const answer = options.app.grant(
        readTokenRequest(await readBody(request), request.headers['content-type']),
      );
      send(response, answer.status, answer.body);
      return;
    }
    // Bulk results: signed links to storage, fetched without the Admin API token.
    const file = request.method === 'GET' ? options.store.bulkOperations?.file(url.pathname) : undefined;
    if (file) {
      if (file.status !== 200) {
        stats.byStatus[file.status] = (stats.byStatus[file.status] ?? 0) + 1;
        response.writeHead(file.status, { 'Content-Type': 'application/xml' });
        response.end(
          file.status === 403
            ? '<?xml version="1.0"?><Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>'
            : '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        );
        return;
      }
      stats.byStatus[200] = (stats.byStatus[200] ?? 0) + 1;
      response.writeHead(200, { 'Content-Type': 'application/jsonl', 'Content-Length': String(file.bytes) });
      for (const chunk of file.chunks!) {
        if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
      }
      response.end();
      return;
    }
    const match = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
    if (!match || !(SUPPORTED_API_VERSIONS as readonly string[]).includes(match[1]!)) {
      send(response, 404, { errors: 'Not Found' });
      return;
    }
    const token = request.headers['x-shopify-access-token'];
    if (options.app.check(typeof token === 'string' ? token : undefined) !== 'valid') {
      stats.unauthorized++;
      send(response, 401, INVALID_TOKEN_BODY);
      return;
    }
    if (request.method !== 'POST') {
      send(response, 405, { errors: 'Method Not Allowed' }, { Allow: 'POST' });
      return;
    }
    const rawBody = await readBody(request);
    const fault = faults.next();
    if (fault && (await applyFault(fault, request, response))) return;

    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(rawBody) as typeof body;
    } catch {
      send(response, 400, { errors: { query: 'Required parameter missing or invalid' } });
      return;
    }
    if (typeof body.query !== 'string' || body.query.trim() === '') {
      send(response, 400, { errors: { query: 'Required parameter missing or invalid' } });
      return;
    }
    const variables =
      body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;

    const checked = checkedDocument(schema, body.query);
    if ('errors' in checked) {
      send(response, 200, { errors: checked.errors });
      return;
    }
    const { document } = checked;
    const operation = getOperationAST(document, operationName);
    if (!operation) {
      send(response, 200, {
        errors: [
          {
            message: operationName
              ? `No operation named "${operationName}"`
              : 'An operation name is required',
          },
        ],
      });
      return;
    }
    const name = operation.name?.value ?? '(anonymous)';
    const perOperation = operationStats(name);
    perOperation.requests++;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    let coercedVariables: Record<string, unknown> = variables;
    let requested: number;
    try {
      requested = requestedQueryCost({ schema, operation, fragments, variables: coercedVariables });
    } catch {
      requested = 0;
      coercedVariables = variables;
    }
    if (requested > MAX_QUERY_COST) {
      stats.maxCostExceeded++;
      perOperation.errors++;
      send(response, 200, {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST },
          },
        ],
        extensions: costExtension(requested, null),
      });
      return;
    }
    if (!bucket.tryTake(requested)) {
      stats.throttled++;
      perOperation.throttled++;
      send(response, 200, throttledBody(requested, bucket.status()));
      return;
    }
    const context: SearchContext = {
      store,
      actualCost: 0,
      accessScopes: options.app.accessScopes,
      app: options.app.record(),
    };
    const result = await execute({
      schema,
      document,
      variableValues: variables,
      operationName,
      contextValue: context,
      fieldResolver,
      typeResolver,
    });
    const actual = operation.operation === 'mutation' ? requested : Math.min(requested, context.actualCost);
    bucket.refund(requested - actual);
    perOperation.requestedCost += requested;
    perOperation.actualCost += actual;
    stats.requestedCost += requested;
    stats.actualCost += actual;
    if (result.errors?.length) perOperation.errors++;
    const errors: GraphQLFormattedError[] | undefined = result.errors?.map((error) =>
      error.message.startsWith('Variable "$') ? shopifyValidationError(error) : error.toJSON(),
    );
    const extensions: Record<string, unknown> = costExtension(requested, actual);
    if (context.searchExtensions?.length) extensions.search = context.searchExtensions;
    send(response, 200, {
      ...(errors ? { errors } : {}),
      ...(result.data !== undefined ? { data: result.data } : {}),
      extensions,
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, { errors: `Internal simulator error: ${(error as Error).message}` });
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Shopify's throttled answer: HTTP 200, an error with code THROTTLED, and the cost extension. */
export function throttledBody(requested: number, status: ThrottleStatus) {
  return {
    errors: [
      {
        message: 'Throttled',
        extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
      },
    ],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: status } },
  };
}

export { GraphQLError };
