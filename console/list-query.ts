import type { FastifyRequest } from 'fastify';
import { html, type Html } from './html';

/** The filters every list reads from its query string: shop, stage, problem code, dates, page. */
export interface ListQuery {
  shop?: string;
  stage?: string;
  problem?: string;
  from?: string;
  to?: string;
  name?: string;
  offset: number;
  limit: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export function readListQuery(request: FastifyRequest, limit = 50): ListQuery {
  const query = request.query as Record<string, string | undefined>;
  const pick = (name: string, pattern: RegExp) => {
    const value = query[name]?.trim();
    return value && pattern.test(value) ? value : undefined;
  };
  const offset = Number.parseInt(query.offset ?? '0', 10);
  const shop = pick('shop', CODE);
  const stage = pick('stage', CODE);
  const problem = pick('problem', CODE);
  const from = pick('from', DATE);
  const to = pick('to', DATE);
  const name = pick('name', /^#?\d{1,20}$/);
  return {
    ...(shop ? { shop: shop.toUpperCase() } : {}),
    ...(stage ? { stage } : {}),
    ...(problem ? { problem } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(name ? { name } : {}),
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
    limit,
  };
}

export function queryString(query: ListQuery, changes: Partial<ListQuery> = {}): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const key of ['shop', 'stage', 'problem', 'from', 'to', 'name'] as const) {
    const value = merged[key];
    if (value) params.set(key, value);
  }
  if (merged.offset) params.set('offset', String(merged.offset));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filter form of a list; `fields` says which filters this list has. */
export function filterForm(
  path: string,
  query: ListQuery,
  options: { shops: string[]; stages?: readonly string[]; problems?: readonly string[]; name?: boolean },
): Html {
  const select = (name: string, label: string, values: readonly string[], current?: string) =>
    html`<label
      >${label}
      <select name="${name}">
        <option value="">(all)</option>
        ${values.map((value) => html`<option value="${value}" ${value === current ? html`selected` : ''}>${value}</option>`)}
      </select></label
    >`;
  return html`<form method="get" action="${path}" class="filters" role="search" aria-label="Filter">
    ${select('shop', 'Shop card', options.shops, query.shop)}
    ${options.stages ? select('stage', 'Stage', options.stages, query.stage) : ''}
    ${options.problems ? select('problem', 'Problem', options.problems, query.problem) : ''}
    ${options.name ? html`<label>Order <input name="name" value="${query.name ?? ''}" placeholder="#1001" /></label>` : ''}
    <label>From <input type="date" name="from" value="${query.from ?? ''}" /></label>
    <label>To <input type="date" name="to" value="${query.to ?? ''}" /></label>
    <button type="submit">Filter</button>
  </form>`;
}

export function pager(path: string, query: ListQuery, hasMore: boolean): Html {
  return html`<nav class="pager" aria-label="Pages of this list">
    ${
      query.offset > 0
        ? html`<a href="${path}${queryString(query, { offset: Math.max(0, query.offset - query.limit) })}"
            >Previous page</a
          >`
        : ''
    }
    <span class="muted">rows ${query.offset + 1}–${query.offset + query.limit}</span>
    ${hasMore ? html`<a href="${path}${queryString(query, { offset: query.offset + query.limit })}">Next page</a>` : ''}
  </nav>`;
}
