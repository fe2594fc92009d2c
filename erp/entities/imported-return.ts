import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';

/** A Shopify return of an imported order, for information (SPEC §6: refunds move the money). */
export const ImportedReturn = defineEntity({
  name: 'ImportedReturn',
  tableName: 'imported_return',
  properties: {
    id: p.integer().primary().autoincrement(),
    orderId: p.manyToOne(ImportedOrder).mapToPk().joinColumn('order_id').deleteRule('cascade'),
    /** Return GID. */
    shopifyReturnId: p.string().length(100),
    /** e.g. "#1004-R1". */
    name: p.string().length(50),
    /** ReturnStatus: OPEN, CLOSED, DECLINED, CANCELED, REQUESTED. */
    status: p.string().length(20),
    totalQuantity: p.integer(),
    shopifyCreatedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['orderId', 'shopifyReturnId'] }],
});

export type ImportedReturn = InferEntity<typeof ImportedReturn>;
