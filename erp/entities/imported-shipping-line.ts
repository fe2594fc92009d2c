import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';
import { moneyColumn } from './money-columns';
import type { DiscountAllocation, TaxLine } from '../../domain/order-snapshot';

/** A shipping line (charge) of an imported order. */
export const ImportedShippingLine = defineEntity({
  name: 'ImportedShippingLine',
  tableName: 'imported_shipping_line',
  properties: {
    id: p.integer().primary().autoincrement(),
    orderId: p.manyToOne(ImportedOrder).mapToPk().joinColumn('order_id').deleteRule('cascade'),
    shopifyShippingLineId: p.string().length(100),
    position: p.integer(),
    title: p.string().length(255),
    code: p.string().length(255).nullable(),
    source: p.string().length(100).nullable(),
    isRemoved: p.boolean().default(false),
    priceShop: moneyColumn(),
    pricePresentment: moneyColumn(),
    discountShop: moneyColumn(),
    discountPresentment: moneyColumn(),
    discountAllocations: p.json<DiscountAllocation[]>().default('[]'),
    taxLines: p.json<TaxLine[]>().default('[]'),
  },
  uniques: [{ properties: ['orderId', 'shopifyShippingLineId'] }],
});

export type ImportedShippingLine = InferEntity<typeof ImportedShippingLine>;
