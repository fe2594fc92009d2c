import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A signed-in console session, keyed by a hash of its id (the id is only in the browser's cookie).
 * Expired rows are ignored and deleted as sessions are read.
 */
export const OperatorSession = defineEntity({
  name: 'OperatorSession',
  tableName: 'operator_session',
  properties: {
    idHash: p.string().length(64).primary(),
    username: p.string().length(100).nullable(),
    /** What the session plugin keeps (user name, role, CSRF secret); no personal data. */
    data: p.json<Record<string, unknown>>(),
    expiresAt: p.datetime(),
  },
});

export type OperatorSession = InferEntity<typeof OperatorSession>;
