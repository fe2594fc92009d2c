import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fitColumnWidths, printRecord, printTable } from '../../client/output';

let printed: string[] = [];

beforeEach(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void printed.push(parts.join(' ')));
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const wideRows = [
  {
    order: '#1001',
    shop: 'WEB',
    error: 'Variant 4711 (SKU BLUE-SHIRT-XL) is not mapped to an item: '.repeat(4),
  },
  { order: '#1002', shop: 'POS', error: '' },
];

describe('text output', () => {
  it('fits a table to COLUMNS: narrow columns whole, long cells ending in …', () => {
    vi.stubEnv('COLUMNS', '60');
    printTable(wideRows, false);
    expect(printed).toHaveLength(3);
    for (const line of printed) expect(line.length).toBeLessThanOrEqual(60);
    expect(printed[0]).toMatch(/^order\s+shop\s+error$/);
    expect(printed[1]).toMatch(/^#1001\s+WEB\s+Variant 4711 .*…$/);
  });

  it('prints whole rows without a width, and whole values as JSON', () => {
    vi.stubEnv('COLUMNS', '');
    printTable(wideRows, false);
    expect(printed[1]!.length).toBeGreaterThan(200);
    printed = [];
    vi.stubEnv('COLUMNS', '60');
    printTable(wideRows, true);
    expect(JSON.parse(printed.join('\n'))).toEqual(wideRows);
  });

  it('wraps a long record value under itself', () => {
    vi.stubEnv('COLUMNS', '50');
    printRecord({ order: '#1001', errorText: 'x'.repeat(100) }, false);
    for (const line of printed) expect(line.length).toBeLessThanOrEqual(50);
    expect(printed.join('').replace(/\s/g, '')).toBe(`order#1001errorText${'x'.repeat(100)}`);
  });

  it('shares the room left between the widest columns', () => {
    expect(fitColumnWidths([5, 3, 100, 80], 60)).toEqual([5, 3, 23, 23]);
    expect(fitColumnWidths([5, 3, 10], 60)).toEqual([5, 3, 10]);
    expect(fitColumnWidths([50, 50], undefined)).toEqual([50, 50]);
    // Too narrow to be useful: rows stay whole rather than unreadable.
    expect(fitColumnWidths([50, 50, 50], 12)).toEqual([50, 50, 50]);
  });
});
