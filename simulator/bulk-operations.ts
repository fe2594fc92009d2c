import { randomBytes } from 'node:crypto';
import {
  execute,
  getNamedType,
  isObjectType,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { checkBulkQuery, pagedBulkDocument } from './bulk-query-rules';
import { unpagedConnections } from './connection';
import type { SimulatorContext } from './execution';
import { typeResolver } from './execution';
import { seededRandom } from './seeded-random';
import type { ShopStore } from './store';
import type {
  BulkFile,
  BulkOperationErrorCode,
  BulkOperationRecord,
  BulkOperationsService,
  BulkOperationState,
  BulkOperationStatus,
  BulkUserError,
} from './records';

/** How long Shopify keeps a result: url and partialDataUrl expire seven days after the end. */
export const BULK_RESULT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface BulkOperationOptions {
  /**
   * Bulk query operations an app may run at once on a shop: five from API 2026-01 (the
   * bulk operations guide); a sixth is refused with LIMIT_REACHED.
   */
  maxConcurrent: number;
  /** Objects (JSONL lines) Shopify writes per second, which sets how long an operation runs. */
  objectsPerSecond: number;
  /** Time from CREATED to the first object (queueing, planning). */
  startDelayMs: number;
  /** Top-level objects read per step; each step writes its children after its objects. */
  rootsPerStep: number;
  /** How long a finished result can be downloaded (by the store's clock). */
  resultLifetimeMs: number;
  /** Seed of the order children are written in after their parents. */
  seed: number;
}

export const DEFAULT_BULK_OPTIONS: BulkOperationOptions = {
  maxConcurrent: 5,
  // About what Shopify manages for orders with their lines: 10,000 orders of 6 objects in a minute.
  objectsPerSecond: 1_000,
  startDelayMs: 1_000,
  rootsPerStep: 100,
  resultLifetimeMs: BULK_RESULT_LIFETIME_MS,
  seed: 1,
};

/** A planned failure: the next operation fails with `errorCode` after `afterRoots` top-level objects. */
export interface BulkFailure {
  errorCode: BulkOperationErrorCode;
  afterRoots: number;
}

/**
 * Runs bulk query operations over the store: checks the query as Shopify does, executes it in the
 * background one page of top-level objects at a time (at `objectsPerSecond`), writes the JSONL
 * (children after their parents with `__parentId`, not necessarily right after), serves it over
 * HTTP, and emits the bulk_operations/finish event.
 */
export class BulkOperations implements BulkOperationsService {
  readonly options: BulkOperationOptions;
  private readonly operations: BulkOperationRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly failures: BulkFailure[] = [];
  private stopped = false;
  /** http://host:port of the simulator, for result URLs; set once it listens. */
  baseUrl = '';

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly store: ShopStore,
    private readonly fieldResolver: GraphQLFieldResolver<unknown, SimulatorContext>,
    options: Partial<BulkOperationOptions> = {},
  ) {
    this.options = { ...DEFAULT_BULK_OPTIONS, ...options };
  }

  configure(options: Partial<BulkOperationOptions>): void {
    Object.assign(this.options, options);
  }

  /** Fault injection: the next operation fails (INTERNAL_SERVER_ERROR, TIMEOUT) part-way. */
  failNext(errorCode: BulkOperationErrorCode, afterRoots = 0): void {
    this.failures.push({ errorCode, afterRoots });
  }

  all(): readonly BulkOperationRecord[] {
    return this.operations;
  }

  /** Resolves once no operation runs. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** bulkOperationRunQuery: the operation, or Shopify's user error. */
  runQuery(
    query: string,
    accessScopes: readonly string[],
  ): {
    bulkOperation: BulkOperationRecord | null;
    userErrors: BulkUserError[];
  } {
    const checked = checkBulkQuery(this.schema, query);
    if ('error' in checked)
      return {
        bulkOperation: null,
        userErrors: [{ field: ['query'], message: checked.error, code: 'INVALID' }],
      };
    const inFlight = this.operations.filter((operation) =>
      ['CREATED', 'RUNNING', 'CANCELING'].includes(operation.sim.status),
    ).length;
    if (inFlight >= this.options.maxConcurrent)
      return {
        bulkOperation: null,
        userErrors: [
          {
            field: [],
            message: `A maximum of ${this.options.maxConcurrent} bulk query operations can run at the same time on this shop.`,
            code: 'LIMIT_REACHED',
          },
        ],
      };
    const operation = this.create(query);
    const run = this.execute(operation, checked.document, checked.rootField, [...accessScopes])
      .catch(() => this.finish(operation, 'FAILED', 'INTERNAL_SERVER_ERROR'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return { bulkOperation: operation, userErrors: [] };
  }

  /** bulkOperationCancel: only an operation still running can be canceled. */
  cancel(id: string): {
    bulkOperation: BulkOperationRecord | null;
    userErrors: Omit<BulkUserError, 'code'>[];
  } {
    const operation = this.store.nodeOfType<BulkOperationRecord>(id, 'BulkOperation');
    if (!operation)
      return {
        bulkOperation: null,
        userErrors: [{ field: ['id'], message: 'Bulk operation does not exist' }],
      };
    const status = operation.status();
    if (!['CREATED', 'RUNNING'].includes(status))
      return {
        bulkOperation: operation,
        userErrors: [
          { field: [], message: `A bulk operation cannot be canceled when it is ${status.toLowerCase()}` },
        ],
      };
    operation.sim.status = 'CANCELING';
    operation.sim.cancelRequested = true;
    return { bulkOperation: operation, userErrors: [] };
  }

  /** The JSONL behind a result URL path, or why not (an expired link answers 403, as storage does). */
  file(pathname: string): BulkFile | undefined {
    const match = /^\/bulk-results\/(\d+)\/([0-9a-f]+)(-partial)?\.jsonl$/.exec(pathname);
    if (!match) return undefined;
    const operation = this.store.nodeOfType<BulkOperationRecord>(
      `gid://shopify/BulkOperation/${match[1]}`,
      'BulkOperation',
    );
    if (!operation || operation.sim.token !== match[2]) return { status: 404 };
    const partial = match[3] !== undefined;
    const status = operation.status();
    if (status === 'EXPIRED') return { status: 403 };
    if (partial ? status !== 'FAILED' : status !== 'COMPLETED') return { status: 404 };
    return { status: 200, chunks: operation.sim.chunks, bytes: operation.sim.bytes };
  }

  private create(query: string): BulkOperationRecord {
    const state: BulkOperationState = {
      status: 'CREATED',
      errorCode: null,
      completedAt: null,
      completedAtMs: null,
      objectCount: 0,
      rootObjectCount: 0,
      chunks: [],
      bytes: 0,
      token: randomBytes(16).toString('hex'),
      cancelRequested: false,
    };
    const id = this.store.newId('BulkOperation');
    const number = id.split('/').pop()!;
    const expired = () =>
      state.completedAtMs !== null &&
      ['COMPLETED', 'FAILED'].includes(state.status) &&
      this.store.clock.now() > state.completedAtMs + this.options.resultLifetimeMs;
    const link = (suffix: string) => `${this.baseUrl}/bulk-results/${number}/${state.token}${suffix}.jsonl`;
    const record: BulkOperationRecord = {
      __typename: 'BulkOperation',
      id,
      type: 'QUERY',
      query,
      createdAt: new Date(this.store.clock.now()).toISOString(),
      completedAt: () => state.completedAt,
      status: () => (expired() ? 'EXPIRED' : state.status),
      errorCode: () => state.errorCode,
      objectCount: () => String(state.objectCount),
      rootObjectCount: () => String(state.rootObjectCount),
      fileSize: () => (state.status === 'COMPLETED' && state.objectCount > 0 ? String(state.bytes) : null),
      // No file for an operation that found nothing: Shopify answers url null.
      url: () => (state.status === 'COMPLETED' && state.objectCount > 0 && !expired() ? link('') : null),
      partialDataUrl: () =>
        state.status === 'FAILED' && state.objectCount > 0 && !expired() ? link('-partial') : null,
      sim: state,
    };
    this.store.register(record);
    this.operations.push(record);
    return record;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async execute(
    operation: BulkOperationRecord,
    document: DocumentNode,
    rootField: string,
    accessScopes: string[],
  ): Promise<void> {
    const state = operation.sim;
    const failure = this.failures.shift();
    await this.sleep(this.options.startDelayMs);
    if (this.stopped) return;
    if (state.cancelRequested) return this.finish(operation, 'CANCELED');
    state.status = 'RUNNING';
    const paged = pagedBulkDocument(this.schema, document);
    const random = seededRandom(this.options.seed + Number(operation.id.split('/').pop()));
    let after: string | null = null;
    for (;;) {
      const context: SimulatorContext = { store: this.store, actualCost: 0, accessScopes };
      const result = await unpagedConnections.run(true, () =>
        execute({
          schema: this.schema,
          document: paged,
          variableValues: { bulkFirst: this.options.rootsPerStep, bulkAfter: after },
          contextValue: context,
          fieldResolver: this.fieldResolver,
          typeResolver,
        }),
      );
      if (result.errors?.length) {
        const denied = result.errors.some((error) => /access denied|scope/i.test(error.message));
        return this.finish(operation, 'FAILED', denied ? 'ACCESS_DENIED' : 'INTERNAL_SERVER_ERROR');
      }
      const connection = (result.data as Record<string, Record<string, unknown>>)[rootField]!;
      const pageInfo = connection.__bulkPageInfo as { hasNextPage: boolean; endCursor: string | null };
      const rootType = getNamedType(this.schema.getQueryType()!.getFields()[rootField]?.type ?? null);
      const lines = flattenStep(connection, rootType as GraphQLObjectType, random);
      if (failure && state.rootObjectCount + lines.roots > failure.afterRoots) {
        return this.finish(operation, 'FAILED', failure.errorCode);
      }
      const text = lines.text;
      if (text.length > 0) {
        state.chunks.push(text);
        state.bytes += Buffer.byteLength(text);
      }
      state.objectCount += lines.objects;
      state.rootObjectCount += lines.roots;
      // Shopify writes at its own pace: the step takes as long as its objects take to write.
      await this.sleep(Math.round((lines.objects / this.options.objectsPerSecond) * 1000));
      if (this.stopped) return;
      if (state.cancelRequested) return this.finish(operation, 'CANCELED');
      if (!pageInfo.hasNextPage) return this.finish(operation, 'COMPLETED');
      after = pageInfo.endCursor;
    }
  }

  private finish(
    operation: BulkOperationRecord,
    status: BulkOperationStatus,
    errorCode?: BulkOperationErrorCode,
  ): void {
    const state = operation.sim;
    state.status = status;
    state.errorCode = errorCode ?? null;
    state.completedAtMs = this.store.clock.now();
    state.completedAt = new Date(state.completedAtMs).toISOString();
    if (!this.stopped) this.store.emit({ kind: 'bulk-operation-finished', operation });
  }
}

interface FlatStep {
  text: string;
  objects: number;
  roots: number;
}

/**
 * One page of top-level objects as JSONL: every top-level object first, then their children in a
 * seeded shuffle (each after its parent, rarely right after it), then the grandchildren likewise:
 * the order Shopify promises, and no more.
 */
function flattenStep(
  connection: Record<string, unknown>,
  connectionType: GraphQLObjectType,
  random: () => number,
): FlatStep {
  const levels: string[][] = [];
  let objects = 0;
  const emit = (level: number, line: Record<string, unknown>) => {
    (levels[level] ??= []).push(JSON.stringify(line));
    objects++;
  };
  const nodesOf = (value: Record<string, unknown>): Record<string, unknown>[] => {
    if (Array.isArray(value.nodes)) return value.nodes as Record<string, unknown>[];
    if (Array.isArray(value.edges))
      return (value.edges as { node: Record<string, unknown> }[]).map((edge) => edge.node);
    return [];
  };
  const nodeTypeOf = (type: GraphQLObjectType): GraphQLObjectType =>
    getNamedType(type.getFields().nodes!.type) as GraphQLObjectType;
  /** The object without its connections, which become lines of their own one level down. */
  const strip = (
    value: Record<string, unknown>,
    type: GraphQLObjectType,
    level: number,
    parentIdForChildren: string | undefined,
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === '__bulkId' || key === '__bulkPageInfo') continue;
      const field = type.getFields()[key];
      const named = field ? getNamedType(field.type) : undefined;
      if (named && isObjectType(named) && named.name.endsWith('Connection') && named.getFields().edges) {
        if (child && typeof child === 'object') {
          for (const node of nodesOf(child as Record<string, unknown>))
            emitNode(node, nodeTypeOf(named), level + 1, parentIdForChildren);
        }
        continue;
      }
      if (named && isObjectType(named) && child && typeof child === 'object' && !Array.isArray(child)) {
        out[key] = strip(child as Record<string, unknown>, named, level, parentIdForChildren);
        continue;
      }
      out[key] = child;
    }
    return out;
  };
  const emitNode = (
    node: Record<string, unknown>,
    type: GraphQLObjectType,
    level: number,
    parentId: string | undefined,
  ) => {
    const id = (node.__bulkId as string | undefined) ?? (node.id as string | undefined);
    const line = strip(node, type, level, id);
    emit(level, parentId ? { ...line, __parentId: parentId } : line);
  };
  const roots = nodesOf(connection);
  for (const node of roots) emitNode(node, nodeTypeOf(connectionType), 0, undefined);
  const shuffled = levels.map((lines, level) => {
    if (level === 0) return lines;
    for (let index = lines.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [lines[index], lines[other]] = [lines[other]!, lines[index]!];
    }
    return lines;
  });
  const all = shuffled.flat();
  return { text: all.length > 0 ? `${all.join('\n')}\n` : '', objects, roots: roots.length };
}
