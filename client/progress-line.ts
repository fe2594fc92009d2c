/**
 * A progress line on stderr (stdout stays clean for --json): rewritten in place on a terminal,
 * otherwise a plain line when it changed and at most every `plainEveryMs` (logs, CI).
 */
export interface ProgressLine {
  update(text: string): void;
  /** Ends the line on a terminal, or prints the last text if it was not printed yet. */
  done(): void;
}

export function progressLine(
  stream: NodeJS.WriteStream = process.stderr,
  plainEveryMs = 10_000,
): ProgressLine {
  let shown = '';
  let latest = '';
  let shownAt = 0;
  return {
    update(text) {
      latest = text;
      if (text === shown) return;
      if (stream.isTTY) {
        stream.write(`\r${text}\x1b[K`);
      } else {
        if (Date.now() - shownAt < plainEveryMs) return;
        stream.write(`${text}\n`);
      }
      shown = text;
      shownAt = Date.now();
    },
    done() {
      if (stream.isTTY) {
        if (shown) stream.write('\n');
      } else if (latest && latest !== shown) {
        stream.write(`${latest}\n`);
      }
    },
  };
}

/**
 * Awaits `work` while showing what `read` says every `everyMs`. Progress is a courtesy: a read
 * that fails is skipped, and never fails the work.
 */
export async function withProgress<T>(
  work: Promise<T>,
  read: () => Promise<string>,
  options: { everyMs?: number; line?: ProgressLine } = {},
): Promise<T> {
  const line = options.line ?? progressLine();
  let finished = false;
  const settled = work.finally(() => {
    finished = true;
  });
  const poll = (async () => {
    while (!finished) {
      try {
        const text = await read();
        if (!finished) line.update(text);
      } catch {
        // Temporal or the database busy for a moment: the next read will do.
      }
      await Promise.race([settled.catch(() => undefined), sleep(options.everyMs ?? 1000)]);
    }
  })();
  try {
    return await settled;
  } finally {
    await poll;
    line.done();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
