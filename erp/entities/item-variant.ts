import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Item } from './item';

/** A variant of an ERP item (size, colour). SKU and barcode mapping try variants before items. */
export const ItemVariant = defineEntity({
  name: 'ItemVariant',
  tableName: 'item_variant',
  properties: {
    id: p.integer().primary().autoincrement(),
    itemNo: p.manyToOne(Item).mapToPk().joinColumn('item_no').deleteRule('cascade'),
    code: p.string().length(10),
    description: p.string().length(100),
    sku: p.string().length(100).nullable().index(),
    barcode: p.string().length(50).nullable().index(),
  },
  uniques: [{ properties: ['itemNo', 'code'] }],
});

export type ItemVariant = InferEntity<typeof ItemVariant>;
