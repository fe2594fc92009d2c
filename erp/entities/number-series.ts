import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Gives out document and customer numbers: `<prefix><lastNo + 1, zero-padded>`. */
export const NumberSeries = defineEntity({
  name: 'NumberSeries',
  tableName: 'number_series',
  properties: {
    code: p.string().length(20).primary(),
    prefix: p.string().length(10),
    lastNo: p.integer().default(0),
    digits: p.integer().default(6),
  },
});

export type NumberSeries = InferEntity<typeof NumberSeries>;
