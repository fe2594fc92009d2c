import { describe, expect, it } from 'vitest';
import {
  collectNodes,
  completeConnection,
  connectionNodes,
  type ConnectionPage,
  type FetchPage,
} from '../../shopify/paging';

/** A connection of `total` numbered nodes served `pageSize` at a time, recording each cursor asked. */
function fakeConnection(
  total: number,
  pageSize: number,
): { fetchPage: FetchPage<number>; cursorsAsked: (string | null)[] } {
  const cursorsAsked: (string | null)[] = [];
  const fetchPage: FetchPage<number> = async (after) => {
    cursorsAsked.push(after);
    const start = after === null ? 0 : Number(after.replace('c', ''));
    const nodes = Array.from(
      { length: Math.max(0, Math.min(pageSize, total - start)) },
      (_, index) => start + index,
    );
    const end = start + nodes.length;
    return { pageInfo: { hasNextPage: end < total, endCursor: nodes.length > 0 ? `c${end}` : null }, nodes };
  };
  return { fetchPage, cursorsAsked };
}

describe('cursor paging', () => {
  it('follows endCursor while hasNextPage and reaches the last node', async () => {
    const { fetchPage, cursorsAsked } = fakeConnection(23, 5);
    const nodes: number[] = [];
    for await (const node of connectionNodes(fetchPage)) nodes.push(node);
    expect(nodes).toEqual(Array.from({ length: 23 }, (_, index) => index));
    expect(cursorsAsked).toEqual([null, 'c5', 'c10', 'c15', 'c20']);
  });

  it('asks once for an empty connection and for one that fits a page', async () => {
    expect(await collectNodes(fakeConnection(0, 5).fetchPage)).toEqual([]);
    const exact = fakeConnection(5, 5);
    expect(await collectNodes(exact.fetchPage)).toHaveLength(5);
    expect(exact.cursorsAsked).toEqual([null]);
  });

  it('stops when the consumer stops, without fetching further pages', async () => {
    const { fetchPage, cursorsAsked } = fakeConnection(100, 10);
    for await (const node of connectionNodes(fetchPage)) if (node === 12) break;
    expect(cursorsAsked).toEqual([null, 'c10']);
  });

  it('refuses to loop on a next page without a new cursor', async () => {
    const stuck: FetchPage<number> = async () => ({
      pageInfo: { hasNextPage: true, endCursor: 'same' },
      nodes: [1],
    });
    await expect(collectNodes(stuck, { what: 'orders' })).rejects.toThrow(
      /Paging orders: .*same cursor again/,
    );
    const noCursor: FetchPage<number> = async () => ({
      pageInfo: { hasNextPage: true, endCursor: null },
      nodes: [],
    });
    await expect(collectNodes(noCursor)).rejects.toThrow(/no end cursor/);
  });

  it('completes a first page that arrived inside a bigger query, in place', async () => {
    const { fetchPage, cursorsAsked } = fakeConnection(12, 5);
    const firstPage: ConnectionPage<number> = await fetchPage(null);
    const extraRequests = await completeConnection(firstPage, fetchPage, 'line items');
    expect(firstPage.nodes).toEqual(Array.from({ length: 12 }, (_, index) => index));
    expect(firstPage.pageInfo.hasNextPage).toBe(false);
    expect(extraRequests).toBe(2);
    expect(cursorsAsked).toEqual([null, 'c5', 'c10']);
    expect(await completeConnection(firstPage, fetchPage, 'line items')).toBe(0);
  });
});
