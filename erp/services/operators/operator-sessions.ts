import { createHash } from 'node:crypto';
import { OperatorSession } from '../../entities/operator-session';
import { entityManagerOf, type ErpContext } from '../shared/context';

/** Sessions are keyed by a hash of their id: a read of the table cannot be replayed as a cookie. */
function idHash(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

export async function readOperatorSession(
  context: ErpContext,
  sessionId: string,
): Promise<Record<string, unknown> | null> {
  const em = entityManagerOf(context);
  const row = await em.findOne(OperatorSession, idHash(sessionId));
  if (!row) return null;
  if (row.expiresAt.getTime() <= Date.now()) {
    await em.nativeDelete(OperatorSession, { idHash: row.idHash });
    return null;
  }
  return row.data;
}

export async function saveOperatorSession(
  context: ErpContext,
  sessionId: string,
  session: { data: Record<string, unknown>; username: string | null; expiresAt: Date },
): Promise<void> {
  await entityManagerOf(context).upsert(OperatorSession, {
    idHash: idHash(sessionId),
    username: session.username,
    data: session.data,
    expiresAt: session.expiresAt,
  });
}

export async function deleteOperatorSession(context: ErpContext, sessionId: string): Promise<void> {
  await entityManagerOf(context).nativeDelete(OperatorSession, { idHash: idHash(sessionId) });
}

/** Deletes expired sessions; returns how many. */
export async function deleteExpiredOperatorSessions(context: ErpContext): Promise<number> {
  return entityManagerOf(context).nativeDelete(OperatorSession, { expiresAt: { $lte: new Date() } });
}
