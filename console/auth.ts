import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { operatorRole, verifyOperatorPassword, type OperatorRole } from '../erp/services/operators';
import type { ConsoleDeps } from './console-deps';
import { html } from './html';
import { page, type Flash, type PageViewer } from './layout';
import { postgresSessionStore } from './session-store';

declare module 'fastify' {
  interface Session {
    username?: string;
    role?: OperatorRole;
    flash?: Flash;
  }
}

const PUBLIC_PATHS = new Set(['/login', '/health', '/assets/console.css', '/assets/console.js']);

/**
 * Sign-in for the console: sessions in PostgreSQL behind an http-only, signed cookie that expires
 * (rolling), CSRF tokens on every form, and the user's role re-read on every request so a changed
 * or removed account takes effect at once.
 */
export async function registerAuth(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  await app.register(fastifyFormbody);
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: deps.sessionSecret,
    cookieName: 'orderbridge_session',
    store: postgresSessionStore(deps.orm, deps.sessionHours),
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      // Secure whenever the console is reached over HTTPS (directly or through a trusted proxy).
      secure: 'auto',
      sameSite: 'strict',
      path: '/',
      maxAge: deps.sessionHours * 3_600_000,
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });

  // Every form post carries the session's CSRF token, sign-in included.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') return done();
    app.csrfProtection(request, reply, done);
  });

  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (PUBLIC_PATHS.has(path)) return;
    const username = request.session.username;
    const role = username ? await operatorRole(deps.orm, username) : null;
    if (!username || !role) {
      if (username) await request.session.destroy();
      if (request.method === 'GET')
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      return reply.code(401).type('text/plain').send('Sign in first.');
    }
    request.session.role = role;
    if (request.method !== 'GET' && path !== '/logout' && role !== 'operator')
      return reply
        .code(403)
        .type('text/html')
        .send(
          page({
            title: 'Not allowed',
            path,
            viewer: viewerOf(request, reply),
            body: html`<p>Your account (${username}) is a viewer: it can look at everything but not act.</p>`,
            poll: false,
          }).text,
        );
  });

  app.get('/login', async (request, reply) => {
    const next = safeNext((request.query as { next?: string }).next);
    const flash = takeFlash(request);
    return reply.type('text/html').send(
      page({
        title: 'Sign in',
        path: '/login',
        flash,
        poll: false,
        body: html`<form method="post" action="/login" class="stacked">
          <input type="hidden" name="_csrf" value="${reply.generateCsrf()}" />
          <input type="hidden" name="next" value="${next}" />
          <p>
            <label>User name <input name="username" autocomplete="username" required /></label>
          </p>
          <p>
            <label
              >Password <input name="password" type="password" autocomplete="current-password" required
            /></label>
          </p>
          <p><button type="submit">Sign in</button></p>
        </form>`,
      }).text,
    );
  });

  app.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as { username?: string; password?: string; next?: string };
    const user = await verifyOperatorPassword(
      deps.orm,
      String(body.username ?? ''),
      String(body.password ?? ''),
    );
    if (!user) {
      request.session.flash = { kind: 'error', text: 'Wrong user name or password.' };
      return reply.redirect('/login', 303);
    }
    // A new session id at sign-in: an id planted before cannot ride along (session fixation).
    await request.session.regenerate();
    request.session.username = user.username;
    request.session.role = user.role;
    return reply.redirect(safeNext(body.next), 303);
  });

  app.post('/logout', async (request, reply) => {
    await request.session.destroy();
    return reply.redirect('/login', 303);
  });
}

function safeNext(next: string | undefined): string {
  // Only paths of this console: never an absolute URL elsewhere.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function viewerOf(request: FastifyRequest, reply: FastifyReply): PageViewer {
  return {
    username: request.session.username ?? '',
    role: request.session.role ?? 'viewer',
    csrfToken: reply.generateCsrf(),
  };
}

/** The outcome of the last action, shown once (polls leave it for the next full page). */
export function takeFlash(request: FastifyRequest): Flash | undefined {
  if (request.headers['x-console-poll']) return undefined;
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
}
