import { describe, expect, it } from 'vitest';
import {
  matchOrderFilters,
  parseTagFilter,
  tagFilterMatches,
  TagFilterSyntaxError,
  toShopifySearchQuery,
  type FilterableOrder,
  type OrderSyncFilters,
} from '../../../domain/order-filters';
import { seededRandom } from './seeded-random';

const order = (overrides: Partial<FilterableOrder> = {}): FilterableOrder => ({
  financialStatus: 'PAID',
  fulfillmentStatus: 'UNFULFILLED',
  riskLevel: 'LOW',
  channel: 'Online Store',
  sourceName: 'web',
  tags: [],
  ...overrides,
});

const tagsMatch = (expression: string, tags: string[]) => tagFilterMatches(parseTagFilter(expression), tags);

describe('tag filter expressions', () => {
  it.each([
    ['vip', ['vip'], true],
    ['vip', ['VIP'], false],
    ['vip', ['vip-gold'], false],
    ['@vip', ['VIP'], true],
    ['@VIP', ['vip'], true],
    ['*vip*', ['the-vip-list'], true],
    ['*vip*', ['the-VIP-list'], false],
    ['@*tag1*', ['x', 'My-TAG1-y'], true],
    ['vip*', ['vip-gold'], true],
    ['vip*', ['gold-vip'], false],
    ['v?p', ['vip'], true],
    ['v?p', ['viip'], false],
    ['a|b', ['b'], true],
    ['a|b', ['c'], false],
    ['a&b', ['a', 'b'], true],
    ['a&b', ['a'], false],
    ['<>test', ['test'], false],
    ['<>test', ['Test'], true],
    ['<>@test', ['Test'], false],
    ['@<>test', ['TEST'], false],
    ['<>test', [], true],
    ['vip', [], false],
    ['wholesale&<>@test|vip', ['vip', 'TEST'], true],
    ['wholesale&<>@test|vip', ['wholesale', 'Test'], false],
    ['wholesale&<>@test|vip', ['wholesale'], true],
    ['a.b', ['axb'], false],
    ['a.b', ['a.b'], true],
    ['(x)', ['(x)'], true],
    ['big spender', ['big spender'], true],
    ['', ['anything'], true],
  ])('%s on %j → %s', (expression, tags, expected) => {
    expect(tagsMatch(expression, tags)).toBe(expected);
  });

  it.each(['a||b', 'a&', '@', '<>', '<><>a', '@@a'])('rejects %j and says how to write one', (expression) => {
    expect(() => parseTagFilter(expression)).toThrow(TagFilterSyntaxError);
    expect(() => parseTagFilter(expression)).toThrow(/e\.g\./);
  });
});

describe('matchOrderFilters (authoritative, local)', () => {
  it('accepts everything with no filters', () => {
    expect(matchOrderFilters(order(), {})).toEqual({ matches: true });
  });

  it.each<[string, OrderSyncFilters, Partial<FilterableOrder>, boolean]>([
    [
      'financial status in list',
      { financialStatuses: ['PAID', 'PENDING'] },
      { financialStatus: 'PENDING' },
      true,
    ],
    ['financial status not in list', { financialStatuses: ['PAID'] }, { financialStatus: 'PENDING' }, false],
    ['financial status missing', { financialStatuses: ['PAID'] }, { financialStatus: null }, false],
    [
      'fulfillment status',
      { fulfillmentStatuses: ['FULFILLED'] },
      { fulfillmentStatus: 'UNFULFILLED' },
      false,
    ],
    ['risk level', { riskLevels: ['LOW', 'NONE'] }, { riskLevel: 'HIGH' }, false],
    ['channel included, any case', { channels: ['point of sale'] }, { channel: 'Point of Sale' }, true],
    ['channel not included', { channels: ['Point of Sale'] }, { channel: 'Online Store' }, false],
    [
      'channel excluded (web card leaves POS out)',
      { excludedChannels: ['Point of Sale'] },
      { channel: 'Point of Sale' },
      false,
    ],
    [
      'other channel passes the exclusion',
      { excludedChannels: ['Point of Sale'] },
      { channel: 'Online Store' },
      true,
    ],
    ['source name', { sourceNames: ['pos'] }, { sourceName: 'web' }, false],
    [
      'excluded source',
      { excludedSourceNames: ['shopify_draft_order'] },
      { sourceName: 'shopify_draft_order' },
      false,
    ],
    ['tags case sensitive', { tagFilter: 'Wholesale' }, { tags: ['wholesale'] }, false],
    ['tags with @', { tagFilter: '@Wholesale' }, { tags: ['wholesale'] }, true],
  ])('%s', (_name, filters, overrides, expected) => {
    expect(matchOrderFilters(order(overrides), filters).matches).toBe(expected);
  });

  it('says which filter left the order out', () => {
    const result = matchOrderFilters(order({ financialStatus: 'PENDING' }), { financialStatuses: ['PAID'] });
    expect(result).toEqual({ matches: false, reason: 'financial status PENDING is not one of PAID' });
    const byTag = matchOrderFilters(order({ tags: ['a'] }), { tagFilter: 'b' });
    expect(byTag.matches ? '' : byTag.reason).toBe("tags [a] do not match the tag filter 'b'");
  });
});

describe('toShopifySearchQuery', () => {
  it('is empty without filters', () => {
    expect(toShopifySearchQuery({})).toBe('');
  });

  it('turns statuses into Shopify search values', () => {
    expect(
      toShopifySearchQuery({
        financialStatuses: ['PAID', 'PARTIALLY_REFUNDED'],
        fulfillmentStatuses: ['PARTIALLY_FULFILLED'],
        riskLevels: ['LOW'],
      }),
    ).toBe(
      '(financial_status:"paid" OR financial_status:"partially_refunded") fulfillment_status:"partial" risk_level:"low"',
    );
  });

  it('leaves fulfillment statuses Shopify cannot search to the local check', () => {
    expect(toShopifySearchQuery({ fulfillmentStatuses: ['FULFILLED', 'IN_PROGRESS'] })).toBe('');
  });

  it('never pushes channels (Shopify searches the attribution handle, not the app name)', () => {
    expect(toShopifySearchQuery({ channels: ['Point of Sale'], excludedChannels: ['x'] })).toBe('');
  });

  it('quotes values and negates excluded sources', () => {
    expect(toShopifySearchQuery({ sourceNames: ['web'], excludedSourceNames: ['say "hi"'] })).toBe(
      'source_name:"web" -source_name:"say \\"hi\\""',
    );
  });

  it.each([
    ['vip', 'tag:"vip"'],
    ['@vip', 'tag:"vip"'],
    ['*vip*', ''],
    ['a|b', '(tag:"a" OR tag:"b")'],
    ['a&b', '(tag:"a" AND tag:"b")'],
    ['a&*b*', 'tag:"a"'],
    ['a|*b*', ''],
    ['<>test', ''],
    ['<>@test', 'tag_not:"test"'],
    ['big spender', 'tag:"big spender"'],
  ])('tag filter %j → %j', (tagFilter, expected) => {
    expect(toShopifySearchQuery({ tagFilter })).toBe(expected);
  });
});

/**
 * Shopify's side, modelled: case-insensitive tag:/tag_not:, field:"value", -field:"value",
 * whitespace and AND as conjunction, OR, parentheses. Enough to evaluate what we generate.
 */
function shopifyAccepts(query: string, subject: FilterableOrder): boolean {
  const tokens = query.match(/\(|\)|-?[a-z_]+:"(?:[^"\\]|\\.)*"|OR|AND/g) ?? [];
  let position = 0;
  const fieldValue = (field: string): string[] => {
    switch (field) {
      case 'tag':
      case 'tag_not':
        return [...subject.tags];
      case 'financial_status':
        return [subject.financialStatus?.toLowerCase() ?? ''];
      case 'fulfillment_status':
        return [
          ({ PARTIALLY_FULFILLED: 'partial' } as Record<string, string>)[subject.fulfillmentStatus ?? ''] ??
            subject.fulfillmentStatus?.toLowerCase() ??
            '',
        ];
      case 'risk_level':
        return [subject.riskLevel?.toLowerCase() ?? ''];
      case 'source_name':
        return [subject.sourceName ?? ''];
      default:
        throw new Error(`unexpected field ${field}`);
    }
  };
  const primary = (): boolean => {
    const token = tokens[position++];
    if (token === '(') {
      const value = disjunction();
      position++; // ')'
      return value;
    }
    const match = /^(-?)([a-z_]+):"((?:[^"\\]|\\.)*)"$/.exec(token ?? '');
    if (!match) throw new Error(`bad token ${token}`);
    const [, minus, field = '', raw = ''] = match;
    const value = raw.replace(/\\(.)/g, '$1').toLowerCase();
    const present = fieldValue(field).some((candidate) => candidate.toLowerCase() === value);
    const result = field === 'tag_not' ? !present : present;
    return minus ? !result : result;
  };
  const conjunction = (): boolean => {
    let value = primary();
    while (position < tokens.length && tokens[position] !== ')' && tokens[position] !== 'OR') {
      if (tokens[position] === 'AND') position++;
      value = primary() && value;
    }
    return value;
  };
  const disjunction = (): boolean => {
    let value = conjunction();
    while (tokens[position] === 'OR') {
      position++;
      value = conjunction() || value;
    }
    return value;
  };
  return tokens.length === 0 ? true : disjunction();
}

describe('the Shopify query never loses an order the local check accepts (property)', () => {
  it('holds for 3,000 random filters and orders', () => {
    const random = seededRandom(20261127);
    const vocabulary = ['vip', 'VIP', 'Vip-Gold', 'test', 'wholesale', 'big spender', 'a"b'];
    const term = () =>
      `${random.chance(0.25) ? '<>' : ''}${random.chance(0.4) ? '@' : ''}${
        random.chance(0.3) ? `*${random.pick(vocabulary).slice(1)}*` : random.pick(vocabulary)
      }`;
    let accepted = 0;
    for (let index = 0; index < 3000; index++) {
      const tagFilter = Array.from({ length: random.integer(1, 3) }, () =>
        Array.from({ length: random.integer(1, 2) }, term).join('&'),
      ).join('|');
      const filters: OrderSyncFilters = {
        tagFilter,
        financialStatuses: random.chance(0.5) ? [random.pick(['PAID', 'PENDING'] as const)] : [],
        sourceNames: random.chance(0.3) ? ['web'] : [],
      };
      const subject = order({
        tags: vocabulary.filter(() => random.chance(0.3)),
        financialStatus: random.pick(['PAID', 'PENDING']),
        sourceName: random.pick(['web', 'pos']),
      });
      if (matchOrderFilters(subject, filters).matches) {
        accepted++;
        expect(
          shopifyAccepts(toShopifySearchQuery(filters), subject),
          `${tagFilter} on ${subject.tags.join(',')}`,
        ).toBe(true);
      }
    }
    // The property is only worth something if many random cases were accepted.
    expect(accepted).toBeGreaterThan(300);
  });
});
