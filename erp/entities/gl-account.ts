import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A general-ledger account that document lines may post to (shipping, tips, gift cards, refunds). */
export const GlAccount = defineEntity({
  name: 'GlAccount',
  tableName: 'gl_account',
  properties: {
    no: p.string().length(20).primary(),
    name: p.string().length(100),
    blocked: p.boolean().default(false),
    /** Tip and gift card lines are not taxed; shipping usually is. */
    taxable: p.boolean().default(true),
  },
});

export type GlAccount = InferEntity<typeof GlAccount>;
