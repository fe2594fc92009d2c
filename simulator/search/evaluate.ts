import type { SearchNode } from './query-parser';

/** How one field of a resource is matched; `undefined` from `match` means "unknown value" (no match). */
export type FieldMatcher<T> = (item: T, comparator: SearchNode & { kind: 'term' }) => boolean;

export interface SearchWarning {
  field: string;
  message: string;
}

export interface SearchDefinition<T> {
  fields: Record<string, FieldMatcher<T>>;
  /** Free text: what a bare word matches (names, emails, tags, ...). */
  text: (item: T, value: string) => boolean;
}

/**
 * Turns a parsed query into a predicate. Unknown fields are ignored (they match everything) and
 * reported as warnings, as Shopify reports them in `extensions.search`.
 */
export function compileSearch<T>(
  tree: SearchNode,
  definition: SearchDefinition<T>,
): { predicate: (item: T) => boolean; warnings: SearchWarning[] } {
  const warnings: SearchWarning[] = [];
  const compile = (node: SearchNode): ((item: T) => boolean) => {
    switch (node.kind) {
      case 'all':
        return () => true;
      case 'and': {
        const parts = node.children.map(compile);
        return (item) => parts.every((part) => part(item));
      }
      case 'or': {
        const parts = node.children.map(compile);
        return (item) => parts.some((part) => part(item));
      }
      case 'not': {
        const inner = compile(node.child);
        // An ignored (unknown-field) term stays ignored under negation.
        if (node.child.kind === 'term' && !definition.fields[node.child.field]) return () => true;
        return (item) => !inner(item);
      }
      case 'term': {
        const matcher = definition.fields[node.field];
        if (!matcher) {
          warnings.push({ field: node.field, message: 'Invalid search field for this query.' });
          return () => true;
        }
        return (item) => matcher(item, node);
      }
      case 'text':
        return (item) => definition.text(item, node.value);
    }
  };
  return { predicate: compile(tree), warnings };
}

// ---- value helpers shared by the resources' field definitions -----------------------------------

/** Case-insensitive equality with `*` wildcards (prefix, suffix or inside). */
export function matchesText(actual: string | null | undefined, expected: string): boolean {
  if (actual === null || actual === undefined) return false;
  const wanted = expected.toLowerCase();
  const value = actual.toLowerCase();
  if (!wanted.includes('*')) return value === wanted;
  const pattern = new RegExp(`^${wanted.split('*').map(escapeRegExp).join('.*')}$`, 's');
  return pattern.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A date term's bounds: a full timestamp is an instant; a date alone covers its whole UTC day. */
export function timeRange(value: string): { start: number; end: number } | undefined {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const start = Date.parse(`${trimmed}T00:00:00Z`);
    return Number.isNaN(start) ? undefined : { start, end: start + 86_400_000 };
  }
  const instant = Date.parse(trimmed);
  if (Number.isNaN(instant)) return undefined;
  return { start: instant, end: instant + 1 };
}

/** Compares an ISO timestamp with a date term (`:` means within the day or the instant). */
export function compareTime(
  actual: string | null | undefined,
  term: { comparator: string; value: string },
): boolean {
  if (!actual) return false;
  const range = timeRange(term.value);
  if (!range) return false;
  const time = Date.parse(actual);
  switch (term.comparator) {
    case '>':
      return time >= range.end;
    case '>=':
      return time >= range.start;
    case '<':
      return time < range.start;
    case '<=':
      return time < range.end;
    default:
      return time >= range.start && time < range.end;
  }
}

/** Numeric comparison (ids, quantities, amounts); a gid is reduced to its number. */
export function compareNumber(
  actual: number | string | null | undefined,
  term: { comparator: string; value: string },
): boolean {
  if (actual === null || actual === undefined) return false;
  const expectedText = term.value.replace(/^gid:\/\/shopify\/[A-Za-z]+\//, '');
  const expected = Number(expectedText);
  const value = Number(actual);
  if (Number.isNaN(expected) || Number.isNaN(value)) return false;
  switch (term.comparator) {
    case '>':
      return value > expected;
    case '>=':
      return value >= expected;
    case '<':
      return value < expected;
    case '<=':
      return value <= expected;
    default:
      return value === expected;
  }
}
