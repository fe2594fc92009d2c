import { AsyncLocalStorage } from 'node:async_hooks';
import { GraphQLError } from 'graphql';

/**
 * Set while a bulk operation executes its query: Shopify pages bulk queries itself, so their
 * connections take no `first`/`last` and return every element.
 */
export const unpagedConnections = new AsyncLocalStorage<true>();

/** Relay arguments as every Shopify connection takes them. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** Shopify's page-size ceiling for `first` / `last`. */
export const MAX_PAGE_SIZE = 250;

/** A sort key: compared element by element (numbers numerically, strings lexically). */
export type SortKey = readonly (string | number)[];

export function compareKeys(a: SortKey, b: SortKey): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const left = a[index];
    const right = b[index];
    if (left === right) continue;
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    if (typeof left === 'number' && typeof right === 'number') return left - right;
    return String(left) < String(right) ? -1 : 1;
  }
  return 0;
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SortKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (
      Array.isArray(parsed.k) &&
      parsed.k.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return parsed.k as SortKey;
    }
  } catch {
    // fall through to the error Shopify gives for a cursor it did not issue
  }
  throw new GraphQLError('Invalid cursor for current pagination sort.', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

export function checkPageArgs(args: ConnectionArgs): void {
  if (args.first == null && args.last == null && unpagedConnections.getStore()) return;
  if (args.first == null && args.last == null) {
    throw new GraphQLError('you must provide one of first or last', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  if (args.first != null && args.last != null) {
    throw new GraphQLError('providing both first and last is not supported', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`The '${name}' argument must be between 0 and ${MAX_PAGE_SIZE}.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  }
}

/**
 * The one connection builder: `items` come sorted ascending by `keyOf`; `reverse` flips the order;
 * `after` / `before` cursors carry the key of an element, so a cursor stays valid when elements are
 * added or removed (as Shopify's do). pageInfo reports elements on either side of the page.
 */
export function connectionFromSorted<T>(
  items: readonly T[],
  args: ConnectionArgs,
  keyOf: (item: T, index: number) => SortKey,
): Connection<T> {
  checkPageArgs(args);
  const count = items.length;
  // Position p in the final order (reversed or not) maps to index `at(p)` of `items`.
  const at = (position: number) => (args.reverse ? count - 1 - position : position);
  const keyAt = (position: number) => keyOf(items[at(position)]!, at(position));
  const direction = args.reverse ? -1 : 1;
  /** First position whose key is after (or, with `inclusive`, at or after) the cursor, by binary search. */
  const firstAfter = (cursor: SortKey, inclusive: boolean) => {
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      const order = compareKeys(keyAt(middle), cursor) * direction;
      if (order > 0 || (inclusive && order === 0)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  let start = 0;
  let end = count;
  if (args.after) start = firstAfter(decodeCursor(args.after), false);
  if (args.before) end = Math.max(start, firstAfter(decodeCursor(args.before), true));
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const edges: { cursor: string; node: T }[] = [];
  for (let position = start; position < end; position++) {
    edges.push({ cursor: encodeCursor(keyAt(position)), node: items[at(position)]! });
  }
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: end < count,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A connection over an array kept in its natural order (line items, fulfillment orders, ...). */
export function connectionFromArray<T>(items: readonly T[], args: ConnectionArgs): Connection<T> {
  return connectionFromSorted(items, args, (_item, index) => [index]);
}
