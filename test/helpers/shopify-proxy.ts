import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP proxy in front of the Shopify simulator for faults the simulator cannot make itself: an
 * answer lost after Shopify executed the request (the worst case for a mutation without an
 * idempotency key), and a scripted answer (a refusal) in place of Shopify's.
 */
export interface ShopifyProxy {
  /** Scheme, host and port to use as the store's base URL. */
  baseUrl: string;
  /** The next `count` requests of the operation reach Shopify, which runs them; then the connection drops. */
  loseAnswers(operationName: string, count?: number): void;
  /** The next `count` requests of the operation are dropped before they reach Shopify. */
  dropBeforeShopify(operationName: string, count?: number): void;
  /** The next `count` requests of the operation get `body` (HTTP 200) and never reach Shopify. */
  answerInstead(operationName: string, body: unknown, count?: number): void;
  /** Requests of the operation that reached Shopify through the proxy. */
  forwarded(operationName: string): number;
  close(): Promise<void>;
}

type Plan = { kind: 'lose' } | { kind: 'drop' } | { kind: 'answer'; body: unknown };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function operationNameOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { operationName?: unknown; query?: unknown };
    if (typeof parsed.operationName === 'string') return parsed.operationName;
    const match = typeof parsed.query === 'string' ? /\b(?:query|mutation)\s+(\w+)/.exec(parsed.query) : null;
    return match?.[1] ?? '(anonymous)';
  } catch {
    return '(unparsable)';
  }
}

export async function startShopifyProxy(targetBaseUrl: string): Promise<ShopifyProxy> {
  const plans = new Map<string, Plan[]>();
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const operationName = operationNameOf(body);
      const plan = plans.get(operationName)?.shift();
      if (plan?.kind === 'drop') {
        request.socket.destroy();
        return;
      }
      if (plan?.kind === 'answer') {
        const text = JSON.stringify(plan.body);
        response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
        response.end(text);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      const upstream = await fetch(`${targetBaseUrl}${request.url ?? '/'}`, {
        method: request.method ?? 'POST',
        headers,
        body: request.method === 'GET' ? undefined : body,
      });
      const text = await upstream.text();
      counts.set(operationName, (counts.get(operationName) ?? 0) + 1);
      if (plan?.kind === 'lose') {
        request.socket.destroy();
        return;
      }
      response.writeHead(upstream.status, {
        'Content-Type': upstream.headers.get('content-type') ?? 'application/json',
      });
      response.end(text);
    })().catch(() => request.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const enqueue = (operationName: string, plan: Plan, count: number) => {
    const queue = plans.get(operationName) ?? [];
    for (let index = 0; index < count; index++) queue.push(plan);
    plans.set(operationName, queue);
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    loseAnswers: (operationName, count = 1) => enqueue(operationName, { kind: 'lose' }, count),
    dropBeforeShopify: (operationName, count = 1) => enqueue(operationName, { kind: 'drop' }, count),
    answerInstead: (operationName, body, count = 1) =>
      enqueue(operationName, { kind: 'answer', body }, count),
    forwarded: (operationName) => counts.get(operationName) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
