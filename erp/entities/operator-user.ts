import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const OPERATOR_ROLES = ['viewer', 'operator'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** A person who signs in to the web console; viewers read, operators also act. */
export const OperatorUser = defineEntity({
  name: 'OperatorUser',
  tableName: 'operator_user',
  properties: {
    username: p.string().length(100).primary(),
    /** bcrypt hash (the salt and cost are part of it); the password itself is never stored. */
    passwordHash: p.string().length(100).hidden(),
    role: p.enum([...OPERATOR_ROLES]),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
    updatedAt: p.datetime().defaultRaw('current_timestamp'),
    lastSignInAt: p.datetime().nullable(),
  },
});

export type OperatorUser = InferEntity<typeof OperatorUser>;
