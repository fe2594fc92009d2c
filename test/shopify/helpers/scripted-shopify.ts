import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the scripted endpoint answers to one request. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Close the socket without answering, after reading the request. */
  drop?: boolean;
  /** Answer only after this many milliseconds. */
  delayMs?: number;
  /** Sent as it is instead of `body` as JSON (an HTML page, JSON cut off). */
  rawBody?: string;
}

export interface RecordedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
}

export interface ScriptedShopify {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A healthy answer with Shopify's cost extension. */
export function dataReply(
  data: unknown,
  cost: {
    requested?: number;
    actual?: number;
    available?: number;
    maximum?: number;
    restoreRate?: number;
  } = {},
): ScriptedReply {
  return {
    body: {
      data,
      extensions: {
        cost: {
          requestedQueryCost: cost.requested ?? 1,
          actualQueryCost: cost.actual ?? cost.requested ?? 1,
          throttleStatus: {
            maximumAvailable: cost.maximum ?? 1000,
            currentlyAvailable: cost.available ?? 999,
            restoreRate: cost.restoreRate ?? 100,
          },
        },
      },
    },
  };
}

/** Shopify's THROTTLED answer: HTTP 200, an error with code THROTTLED, the bucket's state. */
export function throttledReply(requested: number, available: number, restoreRate: number): ScriptedReply {
  return {
    body: {
      errors: [
        { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev' } },
      ],
      extensions: {
        cost: {
          requestedQueryCost: requested,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate },
        },
      },
    },
  };
}

/**
 * A local HTTP endpoint that answers each request with the next scripted reply (the last one
 * repeats), so the client's retry rules run against real sockets, real fetch and real timing.
 */
export async function startScriptedShopify(
  script: readonly (ScriptedReply | ((request: RecordedRequest) => ScriptedReply))[],
): Promise<ScriptedShopify> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const recorded: RecordedRequest = {
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedRequest['body'],
      };
      requests.push(recorded);
      const step = script[Math.min(requests.length - 1, script.length - 1)];
      const reply = typeof step === 'function' ? step(recorded) : (step ?? { status: 500 });
      const answer = (): void => {
        if (reply.drop) {
          incoming.socket.destroy();
          return;
        }
        outgoing.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        outgoing.end(reply.rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (connection refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
