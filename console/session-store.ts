import type { SessionStore } from '@fastify/session';
import type { ErpOrm } from '../erp/orm';
import { deleteOperatorSession, readOperatorSession, saveOperatorSession } from '../erp/services/operators';

/** Sessions in PostgreSQL: they survive a console restart and expire with their cookie. */
export function postgresSessionStore(orm: ErpOrm, sessionHours: number): SessionStore {
  return {
    set(sessionId, session, callback) {
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      const expires = session.cookie.expires ?? new Date(Date.now() + sessionHours * 3_600_000);
      const username = typeof session.username === 'string' ? session.username : null;
      saveOperatorSession(orm, sessionId, { data, username, expiresAt: new Date(expires) }).then(
        () => callback(),
        callback,
      );
    },
    get(sessionId, callback) {
      readOperatorSession(orm, sessionId).then(
        (data) => callback(null, data as never),
        (error: unknown) => callback(error),
      );
    },
    destroy(sessionId, callback) {
      deleteOperatorSession(orm, sessionId).then(() => callback(), callback);
    },
  };
}
