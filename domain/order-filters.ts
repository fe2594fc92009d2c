import type { FinancialStatus, FulfillmentStatus, RiskLevel } from './order-snapshot';

/**
 * A shop card's order sync filters (SPEC §3, §7). Empty or missing lists mean "any".
 *
 * Two uses: `toShopifySearchQuery` narrows discovery (Shopify's search is case-insensitive and
 * cannot express every filter, so it only ever returns a superset), and `matchOrderFilters`
 * decides locally, authoritatively, whether an order belongs to the shop card.
 */
export interface OrderSyncFilters {
  financialStatuses?: FinancialStatus[];
  fulfillmentStatuses?: FulfillmentStatus[];
  riskLevels?: RiskLevel[];
  /** Channels to include, e.g. ["pos"]; compared without regard to case. */
  channels?: string[];
  /** Channels to leave out, e.g. ["pos"] on the web shop card. */
  excludedChannels?: string[];
  sourceNames?: string[];
  excludedSourceNames?: string[];
  /** A tag filter expression: see `parseTagFilter`. */
  tagFilter?: string;
}

/** The fields of an order (or an orders-to-import row) the filters look at. */
export interface FilterableOrder {
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  riskLevel: string | null;
  channel: string | null;
  sourceName: string | null;
  tags: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Tag filter expressions
// ---------------------------------------------------------------------------------------------

/**
 * One term of a tag filter. The syntax follows the reference connector's filter expressions:
 * `*` matches any run of characters, `?` exactly one; a leading `@` makes the term ignore case
 * (without it, matching is case sensitive); a leading `<>` negates it ("no tag matches").
 * Terms are joined with `&` (all must hold) and alternatives with `|` (any must hold).
 * Unlike the reference, which matched one concatenated "[a] [b]" text, each term is tested
 * against every tag separately, so `vip` means "has the tag vip" and `*vip*` "a tag containing vip".
 */
export interface TagTerm {
  pattern: string;
  caseInsensitive: boolean;
  negated: boolean;
}

/** Alternatives (OR) of conjunctions (AND) of terms. */
export type TagFilter = TagTerm[][];

export class TagFilterSyntaxError extends Error {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(
      `Tag filter '${expression}' is not valid: ${reason}. ` +
        "Write tags joined by '|' (any) or '&' (all), with '*' and '?' wildcards, '@' to ignore case and '<>' to exclude, e.g. '@*wholesale*|vip&<>test'.",
    );
    this.name = 'TagFilterSyntaxError';
  }
}

export function parseTagFilter(expression: string): TagFilter {
  const trimmed = expression.trim();
  if (trimmed === '') return [];
  return trimmed.split('|').map((alternative) =>
    alternative.split('&').map((rawTerm) => {
      let rest = rawTerm.trim();
      let negated = false;
      let caseInsensitive = false;
      // The prefixes may come in either order ("<>@x" or "@<>x").
      for (;;) {
        if (rest.startsWith('<>')) {
          if (negated) throw new TagFilterSyntaxError(expression, `'<>' given twice in '${rawTerm.trim()}'`);
          negated = true;
          rest = rest.slice(2);
        } else if (rest.startsWith('@')) {
          if (caseInsensitive)
            throw new TagFilterSyntaxError(expression, `'@' given twice in '${rawTerm.trim()}'`);
          caseInsensitive = true;
          rest = rest.slice(1);
        } else break;
      }
      if (rest === '') throw new TagFilterSyntaxError(expression, 'a term is empty');
      return { pattern: rest, caseInsensitive, negated };
    }),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()[\]\\]/g, '\\$&');
}

function termRegExp(term: TagTerm): RegExp {
  const body = escapeRegExp(term.pattern).replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, term.caseInsensitive ? 'si' : 's');
}

export function tagTermMatches(term: TagTerm, tags: readonly string[]): boolean {
  const regExp = termRegExp(term);
  const anyTagMatches = tags.some((tag) => regExp.test(tag));
  return term.negated ? !anyTagMatches : anyTagMatches;
}

export function tagFilterMatches(filter: TagFilter, tags: readonly string[]): boolean {
  if (filter.length === 0) return true;
  return filter.some((conjunction) => conjunction.every((term) => tagTermMatches(term, tags)));
}

// ---------------------------------------------------------------------------------------------
// Local, authoritative match
// ---------------------------------------------------------------------------------------------

export type FilterMatch = { matches: true } | { matches: false; reason: string };

function sameText(left: string, right: string): boolean {
  return left.localeCompare(right, undefined, { sensitivity: 'accent' }) === 0;
}

function inList(value: string | null, list: readonly string[]): boolean {
  return value !== null && list.some((entry) => sameText(entry, value));
}

/** Does this order belong to the shop card with these filters? Says why not. */
export function matchOrderFilters(order: FilterableOrder, filters: OrderSyncFilters): FilterMatch {
  const { financialStatuses, fulfillmentStatuses, riskLevels } = filters;
  if (financialStatuses?.length && !inList(order.financialStatus, financialStatuses)) {
    return {
      matches: false,
      reason: `financial status ${order.financialStatus ?? '(none)'} is not one of ${financialStatuses.join(', ')}`,
    };
  }
  if (fulfillmentStatuses?.length && !inList(order.fulfillmentStatus, fulfillmentStatuses)) {
    return {
      matches: false,
      reason: `fulfillment status ${order.fulfillmentStatus ?? '(none)'} is not one of ${fulfillmentStatuses.join(', ')}`,
    };
  }
  // Shopify lists no assessment at all for an order it found nothing against: that is risk NONE.
  const riskLevel = order.riskLevel ?? 'NONE';
  if (riskLevels?.length && !inList(riskLevel, riskLevels)) {
    return {
      matches: false,
      reason: `risk level ${riskLevel} is not one of ${riskLevels.join(', ')}`,
    };
  }
  if (filters.channels?.length && !inList(order.channel, filters.channels)) {
    return {
      matches: false,
      reason: `channel ${order.channel ?? '(none)'} is not one of ${filters.channels.join(', ')}`,
    };
  }
  if (filters.excludedChannels?.length && inList(order.channel, filters.excludedChannels)) {
    return { matches: false, reason: `channel ${order.channel ?? ''} is excluded` };
  }
  if (filters.sourceNames?.length && !inList(order.sourceName, filters.sourceNames)) {
    return {
      matches: false,
      reason: `source ${order.sourceName ?? '(none)'} is not one of ${filters.sourceNames.join(', ')}`,
    };
  }
  if (filters.excludedSourceNames?.length && inList(order.sourceName, filters.excludedSourceNames)) {
    return { matches: false, reason: `source ${order.sourceName ?? ''} is excluded` };
  }
  if (filters.tagFilter && !tagFilterMatches(parseTagFilter(filters.tagFilter), order.tags)) {
    return {
      matches: false,
      reason: `tags [${order.tags.join(', ')}] do not match the tag filter '${filters.tagFilter}'`,
    };
  }
  return { matches: true };
}

// ---------------------------------------------------------------------------------------------
// Shopify search query (discovery)
// ---------------------------------------------------------------------------------------------

/** Shopify's `financial_status:` search values for each display status. */
const FINANCIAL_STATUS_SEARCH: Record<FinancialStatus, string> = {
  AUTHORIZED: 'authorized',
  EXPIRED: 'expired',
  PAID: 'paid',
  PARTIALLY_PAID: 'partially_paid',
  PARTIALLY_REFUNDED: 'partially_refunded',
  PENDING: 'pending',
  REFUNDED: 'refunded',
  VOIDED: 'voided',
};

/** Shopify's `fulfillment_status:` search values; display statuses without one cannot be searched. */
const FULFILLMENT_STATUS_SEARCH: Partial<Record<FulfillmentStatus, string>> = {
  FULFILLED: 'fulfilled',
  UNFULFILLED: 'unfulfilled',
  PARTIALLY_FULFILLED: 'partial',
  SCHEDULED: 'scheduled',
  ON_HOLD: 'on_hold',
  REQUEST_DECLINED: 'request_declined',
};

/** A value quoted for Shopify's search syntax (spaces and colons would split it otherwise). */
export function quoteSearchValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function anyOf(field: string, values: readonly string[]): string {
  const clauses = values.map((value) => `${field}:${quoteSearchValue(value)}`);
  return clauses.length === 1 ? (clauses[0] ?? '') : `(${clauses.join(' OR ')})`;
}

/** Tag terms Shopify can evaluate without losing matches: no wildcards; negation only when case is ignored. */
function tagClause(term: TagTerm): string | null {
  if (/[*?]/.test(term.pattern)) return null;
  if (term.negated) return term.caseInsensitive ? `tag_not:${quoteSearchValue(term.pattern)}` : null;
  return `tag:${quoteSearchValue(term.pattern)}`;
}

function tagSearch(filter: TagFilter): string | null {
  const alternatives: string[] = [];
  for (const conjunction of filter) {
    // Dropping a term from an AND only widens it, which is safe; an alternative with no usable
    // term matches everything, so the whole OR can say nothing.
    const clauses = conjunction.map(tagClause).filter((clause): clause is string => clause !== null);
    if (clauses.length === 0) return null;
    alternatives.push(clauses.length === 1 ? (clauses[0] ?? '') : `(${clauses.join(' AND ')})`);
  }
  if (alternatives.length === 0) return null;
  return alternatives.length === 1 ? (alternatives[0] ?? null) : `(${alternatives.join(' OR ')})`;
}

/**
 * The part of Shopify's `orders(query:)` string these filters allow, or '' when none. It never
 * leaves out an order that `matchOrderFilters` accepts: what Shopify cannot express exactly is left
 * to the local check (channels always are). Time bounds and `status:` are the caller's.
 */
export function toShopifySearchQuery(filters: OrderSyncFilters): string {
  const clauses: string[] = [];
  if (filters.financialStatuses?.length) {
    clauses.push(
      anyOf(
        'financial_status',
        filters.financialStatuses.map((status) => FINANCIAL_STATUS_SEARCH[status]),
      ),
    );
  }
  if (filters.fulfillmentStatuses?.length) {
    const searchable = filters.fulfillmentStatuses.map((status) => FULFILLMENT_STATUS_SEARCH[status]);
    if (searchable.every((value): value is string => value !== undefined)) {
      clauses.push(anyOf('fulfillment_status', searchable));
    }
  }
  if (filters.riskLevels?.length) {
    clauses.push(
      anyOf(
        'risk_level',
        filters.riskLevels.map((level) => level.toLowerCase()),
      ),
    );
  }
  // Channels stay local: the snapshot's channel is the app name, while Shopify's `channel:` search
  // matches the attribution handle, so pushing it could drop orders the local check accepts.
  if (filters.sourceNames?.length) clauses.push(anyOf('source_name', filters.sourceNames));
  for (const source of filters.excludedSourceNames ?? [])
    clauses.push(`-source_name:${quoteSearchValue(source)}`);
  if (filters.tagFilter) {
    const tags = tagSearch(parseTagFilter(filters.tagFilter));
    if (tags) clauses.push(tags);
  }
  return clauses.join(' ');
}
