import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';
import { moneyColumn } from './money-columns';
import type { DiscountAllocation, KeyValue } from '../../domain/order-snapshot';

/** A line item of an imported order, with the ERP item it maps to. */
export const ImportedOrderLine = defineEntity({
  name: 'ImportedOrderLine',
  tableName: 'imported_order_line',
  properties: {
    id: p.integer().primary().autoincrement(),
    orderId: p.manyToOne(ImportedOrder).mapToPk().joinColumn('order_id').deleteRule('cascade'),
    /** LineItem GID. */
    shopifyLineId: p.string().length(100),
    position: p.integer(),
    name: p.string().length(255),
    title: p.string().length(255),
    variantTitle: p.string().length(255).nullable(),
    variantId: p.string().length(100).nullable(),
    sku: p.string().length(100).nullable(),
    barcode: p.string().length(50).nullable(),
    vendor: p.string().length(255).nullable(),
    /** As imported (SPEC §3 edit table): the ordered quantity, original on a first import after a decrease. */
    quantity: p.integer(),
    currentQuantity: p.integer(),
    /** What is still to be fulfilled in Shopify (0 for a removed item). */
    quantityToFulfill: p.integer(),
    isGiftCard: p.boolean().default(false),
    isTip: p.boolean().default(false),
    requiresShipping: p.boolean().default(true),
    taxable: p.boolean().default(true),
    unitPriceShop: moneyColumn(),
    unitPricePresentment: moneyColumn(),
    /** Sum of the line's discount allocations (all units). */
    discountShop: moneyColumn(),
    discountPresentment: moneyColumn(),
    discountAllocations: p.json<DiscountAllocation[]>().default('[]'),
    /** Location GID the line is fulfilled from; kept once a document exists (edit table row 1). */
    fulfillmentLocationId: p.string().length(100).nullable(),
    /** The location Shopify reports now, for display when it differs. */
    currentFulfillmentLocationId: p.string().length(100).nullable(),
    customAttributes: p.json<KeyValue[]>().default('[]'),
    /** Set by mapping (or an operator); null = not mapped yet. */
    itemNo: p.string().length(20).nullable(),
    variantCode: p.string().length(10).nullable(),
    /** How the item was found: explicit, sku, barcode, operator. */
    itemMappedBy: p.string().length(20).nullable(),
  },
  uniques: [{ properties: ['orderId', 'shopifyLineId'] }],
});

export type ImportedOrderLine = InferEntity<typeof ImportedOrderLine>;
