import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SalesHeader } from './sales-header';
import { moneyColumn, quantityColumn } from './money-columns';

export const SALES_LINE_TYPES = ['comment', 'item', 'gl_account'] as const;
export type SalesLineType = (typeof SALES_LINE_TYPES)[number];

/**
 * What a line stands for in Shopify terms, so shipment and refund logic can find theirs. Credit
 * memos add: items refunded without restock, other refunded money (tips, adjustments) and the
 * rounding to Shopify's refund total.
 */
export const SALES_LINE_ORIGINS = [
  'comment',
  'item',
  'shipping',
  'tip',
  'gift_card',
  'non_restocked_item',
  'refund',
  'rounding',
] as const;
export type SalesLineOrigin = (typeof SALES_LINE_ORIGINS)[number];

export const SalesLine = defineEntity({
  name: 'SalesLine',
  tableName: 'sales_line',
  properties: {
    id: p.integer().primary().autoincrement(),
    headerId: p.manyToOne(SalesHeader).mapToPk().joinColumn('header_id').deleteRule('cascade'),
    lineNo: p.integer(),
    type: p.enum([...SALES_LINE_TYPES]),
    origin: p.enum([...SALES_LINE_ORIGINS]),
    /** Item no. or G/L account no.; null for comments. */
    no: p.string().length(20).nullable(),
    variantCode: p.string().length(10).nullable(),
    description: p.string().length(255),
    quantity: quantityColumn().default('0'),
    unitPrice: moneyColumn().default('0'),
    lineDiscountAmount: moneyColumn().default('0'),
    /** quantity × unit price − line discount, in the document currency. */
    amount: moneyColumn().default('0'),
    taxable: p.boolean().default(true),
    locationCode: p.string().length(10).nullable(),
    /** LineItem GID (item, tip, gift card lines) or ShippingLine GID (shipping lines). */
    shopifyLineId: p.string().length(100).nullable(),
    quantityShipped: quantityColumn().default('0'),
    quantityInvoiced: quantityColumn().default('0'),
  },
  uniques: [{ properties: ['headerId', 'lineNo'] }],
});

export type SalesLine = InferEntity<typeof SalesLine>;
