import { describe, expect, it } from 'vitest';
import { connectionFromSorted, encodeCursor } from '../../simulator/connection';

const items = [10, 20, 30, 40, 50, 60];
const page = (args: Parameters<typeof connectionFromSorted<number>>[1]) => {
  const connection = connectionFromSorted(items, args, (item) => [item]);
  return {
    nodes: connection.nodes,
    next: connection.pageInfo.hasNextPage,
    previous: connection.pageInfo.hasPreviousPage,
  };
};

describe('connectionFromSorted', () => {
  it('pages with first/after and last/before, pageInfo exact', () => {
    expect(page({ first: 2 })).toEqual({ nodes: [10, 20], next: true, previous: false });
    expect(page({ first: 2, after: encodeCursor([20]) })).toEqual({
      nodes: [30, 40],
      next: true,
      previous: true,
    });
    expect(page({ first: 5, after: encodeCursor([40]) })).toEqual({
      nodes: [50, 60],
      next: false,
      previous: true,
    });
    expect(page({ last: 2 })).toEqual({ nodes: [50, 60], next: false, previous: true });
    expect(page({ last: 2, before: encodeCursor([30]) })).toEqual({
      nodes: [10, 20],
      next: true,
      previous: false,
    });
    expect(page({ first: 10, after: encodeCursor([20]), before: encodeCursor([50]) })).toEqual({
      nodes: [30, 40],
      next: true,
      previous: true,
    });
  });

  it('reverses, and keeps cursors valid when the element they point at is gone', () => {
    expect(page({ first: 2, reverse: true })).toEqual({ nodes: [60, 50], next: true, previous: false });
    expect(page({ first: 2, reverse: true, after: encodeCursor([50]) })).toEqual({
      nodes: [40, 30],
      next: true,
      previous: true,
    });
    expect(page({ last: 2, reverse: true, before: encodeCursor([30]) })).toEqual({
      nodes: [50, 40],
      next: true,
      previous: true,
    });
    expect(page({ first: 2, after: encodeCursor([25]) })).toEqual({
      nodes: [30, 40],
      next: true,
      previous: true,
    });
    expect(page({ first: 2, reverse: true, after: encodeCursor([35]) })).toEqual({
      nodes: [30, 20],
      next: true,
      previous: true,
    });
  });

  it('answers empty pages at the ends and refuses bad arguments', () => {
    expect(page({ first: 3, after: encodeCursor([60]) })).toEqual({ nodes: [], next: false, previous: true });
    expect(page({ first: 0 })).toEqual({ nodes: [], next: true, previous: false });
    expect(() => page({})).toThrow(/first or last/);
    expect(() => page({ first: 251 })).toThrow(/between 0 and 250/);
    expect(() => page({ first: 1, after: 'garbage' })).toThrow(/cursor/);
  });
});
