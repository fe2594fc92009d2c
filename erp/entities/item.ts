import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An ERP item. SKU mapping matches a Shopify SKU to `no`; barcode mapping to `barcode`. */
export const Item = defineEntity({
  name: 'Item',
  tableName: 'item',
  properties: {
    no: p.string().length(20).primary(),
    description: p.string().length(100),
    barcode: p.string().length(50).nullable().index(),
    unitPrice: p.decimal().precision(20).scale(4).default('0'),
    blocked: p.boolean().default(false),
  },
});

export type Item = InferEntity<typeof Item>;
