import { describe, expect, it } from 'vitest';
import { progressLine, withProgress } from '../../client/progress-line';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('the progress line', () => {
  it('rewrites one line on a terminal and ends it', () => {
    const { stream, written } = fakeStream(true);
    const line = progressLine(stream);
    line.update('found 1');
    line.update('found 1');
    line.update('found 2');
    line.done();
    expect(written).toEqual(['\rfound 1\x1b[K', '\rfound 2\x1b[K', '\n']);
  });

  it('prints plain lines elsewhere, no more often than asked, and the last one at the end', () => {
    const { stream, written } = fakeStream(false);
    const line = progressLine(stream, 60_000);
    line.update('found 1');
    line.update('found 2');
    line.update('found 3');
    line.done();
    expect(written).toEqual(['found 1\n', 'found 3\n']);
  });

  it('reads progress while the work runs, survives a failed read, and returns the result', async () => {
    const { stream, written } = fakeStream(false);
    let reads = 0;
    let finish: (report: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const result = await withProgress(
      work,
      async () => {
        reads += 1;
        if (reads === 1) throw new Error('Temporal busy');
        if (reads === 3) finish('report');
        return `read ${reads}`;
      },
      { everyMs: 5, line: progressLine(stream, 0) },
    );
    expect(result).toBe('report');
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(written[0]).toBe('read 2\n');
  });

  it('passes the work failure on', async () => {
    const { stream } = fakeStream(false);
    await expect(
      withProgress(Promise.reject(new Error('sync failed')), async () => 'x', {
        everyMs: 10,
        line: progressLine(stream),
      }),
    ).rejects.toThrow('sync failed');
  });
});
