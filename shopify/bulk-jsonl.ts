import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** One top-level object of a bulk result with its children, by the child's type (from its gid). */
export interface JoinedObject {
  object: Record<string, unknown>;
  children: Map<string, Record<string, unknown>[]>;
}

export interface JoinOptions {
  /**
   * Top-level objects held while their children may still come: Shopify writes children after
   * their parent, not necessarily right after it. The oldest is let go when one more arrives.
   */
  window: number;
  /** A child whose parent was already let go (or never seen): its parent's id. */
  onStraggler?: (parentId: string) => void;
}

function typeOf(id: unknown): string {
  return typeof id === 'string' ? (/^gid:\/\/shopify\/([A-Za-z]+)\//.exec(id)?.[1] ?? 'Unknown') : 'Unknown';
}

/**
 * Reads a bulk JSONL result line by line and yields each top-level object joined with its
 * children, holding at most `window` of them: memory stays bounded whatever the file's size.
 * A child arriving after its parent left the window is reported through `onStraggler`, so the
 * caller reads that object again instead of using it incomplete.
 */
export async function* joinBulkLines(
  lines: AsyncIterable<string>,
  options: JoinOptions,
): AsyncGenerator<JoinedObject> {
  const open = new Map<string, JoinedObject>();
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const parentId = parsed.__parentId as string | undefined;
    if (parentId === undefined) {
      if (open.size >= options.window) {
        const [oldestId, oldest] = open.entries().next().value as [string, JoinedObject];
        open.delete(oldestId);
        yield oldest;
      }
      open.set(String(parsed.id), { object: parsed, children: new Map() });
      continue;
    }
    const parent = open.get(parentId);
    if (!parent) {
      options.onStraggler?.(parentId);
      continue;
    }
    delete parsed.__parentId;
    const type = typeOf(parsed.id);
    const list = parent.children.get(type);
    if (list) list.push(parsed);
    else parent.children.set(type, [parsed]);
  }
  yield* open.values();
}

/** The lines of a bulk result URL, streamed (never the whole file in memory). */
export async function* bulkResultLines(url: string, signal?: AbortSignal): AsyncGenerator<string> {
  const response = await fetch(url, signal ? { signal } : {});
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    throw new BulkResultUnavailableError(response.status);
  }
  const reader = createInterface({
    input: Readable.fromWeb(response.body as WebReadableStream),
    crlfDelay: Infinity,
  });
  yield* reader;
}

/** The result link answered other than 200: expired (403), gone (404), or storage trouble. */
export class BulkResultUnavailableError extends Error {
  constructor(readonly status: number) {
    super(`The bulk operation's result could not be downloaded (HTTP ${status}).`);
    this.name = 'BulkResultUnavailableError';
  }
}
