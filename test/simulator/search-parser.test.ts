import { describe, expect, it } from 'vitest';
import { formatSearchNode, parseSearchQuery, SearchSyntaxError } from '../../simulator/search/query-parser';

const format = (query: string) => formatSearchNode(parseSearchQuery(query));

describe('search query parser', () => {
  it('reads field terms with and without comparators', () => {
    expect(parseSearchQuery('status:open')).toEqual({
      kind: 'term',
      field: 'status',
      comparator: ':',
      value: 'open',
      quoted: false,
    });
    for (const comparator of ['>', '>=', '<', '<='] as const) {
      expect(parseSearchQuery(`updated_at:${comparator}2026-01-01T00:00:00Z`)).toEqual({
        kind: 'term',
        field: 'updated_at',
        comparator,
        value: '2026-01-01T00:00:00Z',
        quoted: false,
      });
    }
  });

  it('takes quoted values whole, with either quote and escapes', () => {
    expect(parseSearchQuery("updated_at:>'2026-01-01T00:00:00Z'")).toMatchObject({
      comparator: '>',
      value: '2026-01-01T00:00:00Z',
      quoted: true,
    });
    expect(parseSearchQuery('tag:"big spender"')).toMatchObject({
      field: 'tag',
      value: 'big spender',
      quoted: true,
    });
    expect(parseSearchQuery("tag:'it\\'s'")).toMatchObject({ value: "it's" });
    expect(parseSearchQuery('email:"a@b.com"')).toMatchObject({ field: 'email', value: 'a@b.com' });
    expect(parseSearchQuery('"status:open"')).toEqual({ kind: 'text', value: 'status:open', quoted: true });
  });

  it('lower-cases field names but keeps values as written', () => {
    expect(parseSearchQuery('Tag:VIP')).toMatchObject({ field: 'tag', value: 'VIP' });
  });

  it('joins terms separated by whitespace or AND, and binds OR looser than AND', () => {
    expect(format('status:open tag:a')).toBe('(status:"open" AND tag:"a")');
    expect(format('status:open AND tag:a')).toBe('(status:"open" AND tag:"a")');
    expect(format('a:1 b:2 OR c:3')).toBe('((a:"1" AND b:"2") OR c:"3")');
    expect(format('a:1 OR b:2 c:3')).toBe('(a:"1" OR (b:"2" AND c:"3"))');
  });

  it('groups with parentheses, nested', () => {
    expect(format('status:open (financial_status:paid OR financial_status:partially_paid)')).toBe(
      '(status:"open" AND (financial_status:"paid" OR financial_status:"partially_paid"))',
    );
    expect(format('((a:1))')).toBe('a:"1"');
    expect(format('(a:1 OR (b:2 c:3)) d:4')).toBe('((a:"1" OR (b:"2" AND c:"3")) AND d:"4")');
  });

  it('negates with NOT and a leading minus', () => {
    expect(format('-tag:wholesale')).toBe('NOT tag:"wholesale"');
    expect(format('NOT tag:wholesale')).toBe('NOT tag:"wholesale"');
    expect(format('status:open -(tag:a OR tag:b)')).toBe('(status:"open" AND NOT (tag:"a" OR tag:"b"))');
    expect(format('NOT NOT a:1')).toBe('NOT NOT a:"1"');
  });

  it('keeps hyphens inside words and values', () => {
    expect(parseSearchQuery('name:order-1001')).toMatchObject({ value: 'order-1001' });
    expect(parseSearchQuery('created_at:>=2026-01-01')).toMatchObject({
      comparator: '>=',
      value: '2026-01-01',
    });
  });

  it('reads free text, and an empty query as everything', () => {
    expect(parseSearchQuery('ada')).toEqual({ kind: 'text', value: 'ada', quoted: false });
    expect(parseSearchQuery('   ')).toEqual({ kind: 'all' });
  });

  it('treats lower-case and/or/not as words, not operators', () => {
    expect(format('a:1 or b:2')).toBe('(a:"1" AND "or" AND b:"2")');
  });

  it('rejects malformed queries with the position', () => {
    for (const bad of ['(status:open', 'status:open)', 'a:1 OR', 'AND a:1', "tag:'open", '()', 'NOT', '-']) {
      expect(() => parseSearchQuery(bad), bad).toThrow(SearchSyntaxError);
    }
    try {
      parseSearchQuery('a:1 )');
    } catch (error) {
      expect((error as SearchSyntaxError).position).toBe(4);
    }
  });
});
