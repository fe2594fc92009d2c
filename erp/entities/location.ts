import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An ERP warehouse location. */
export const Location = defineEntity({
  name: 'Location',
  tableName: 'location',
  properties: {
    code: p.string().length(10).primary(),
    name: p.string().length(100),
  },
});

export type Location = InferEntity<typeof Location>;
