import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedReturn } from './imported-return';

/** A line of a return: which order line, how many, and why. */
export const ImportedReturnLine = defineEntity({
  name: 'ImportedReturnLine',
  tableName: 'imported_return_line',
  properties: {
    id: p.integer().primary().autoincrement(),
    returnId: p.manyToOne(ImportedReturn).mapToPk().joinColumn('return_id').deleteRule('cascade'),
    position: p.integer(),
    shopifyReturnLineId: p.string().length(100),
    /** The order's LineItem GID; null for an unverified return line. */
    shopifyLineId: p.string().length(100).nullable(),
    quantity: p.integer(),
    returnReason: p.text().nullable(),
    returnReasonName: p.string().length(255).nullable(),
    customerNote: p.text().nullable(),
  },
  uniques: [{ properties: ['returnId', 'position'] }],
});

export type ImportedReturnLine = InferEntity<typeof ImportedReturnLine>;
