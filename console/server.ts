import Fastify, { type FastifyInstance } from 'fastify';
import { CONSOLE_CSS, CONSOLE_JS } from './assets';
import { registerAuth } from './auth';
import type { ConsoleDeps } from './console-deps';
import { registerOrderPages } from './pages/orders';
import { registerShopPages } from './pages/shops';
import { registerWorkListPages } from './pages/work-lists';

/** The web console: every page and action, over the same services, signals and updates as the CLI. */
export async function buildConsole(deps: ConsoleDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, trustProxy: deps.trustProxy });
  app.addHook('onSend', async (_request, reply, payload) => {
    // Pages load only their own stylesheet and script; no framing by other sites.
    reply.header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    return payload;
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) deps.logger.error({ err: error, path: request.url }, 'console request failed');
    return reply
      .code(status)
      .type('text/plain')
      .send(status === 403 ? 'Forbidden: the form has expired, reload the page.' : error.message);
  });
  await registerAuth(app, deps);
  app.get('/health', async () => ({ ok: true }));
  app.get('/assets/console.css', async (_request, reply) => reply.type('text/css').send(CONSOLE_CSS));
  app.get('/assets/console.js', async (_request, reply) =>
    reply
      .type('text/javascript')
      .send(CONSOLE_JS.replace('Number(main.dataset.pollMs || 5000)', String(deps.pollMs ?? 5000))),
  );
  registerWorkListPages(app, deps);
  registerOrderPages(app, deps);
  registerShopPages(app, deps);
  return app;
}

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

export async function startConsole(deps: ConsoleDeps, host: string, port: number): Promise<RunningConsole> {
  const app = await buildConsole(deps);
  await app.listen({ host, port });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${boundPort}/`,
    close: () => app.close(),
  };
}
