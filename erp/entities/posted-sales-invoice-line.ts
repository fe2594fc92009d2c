import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { moneyColumn, quantityColumn } from './money-columns';
import { PostedSalesInvoice } from './posted-sales-invoice';
import { SALES_LINE_TYPES } from './sales-line';

export const PostedSalesInvoiceLine = defineEntity({
  name: 'PostedSalesInvoiceLine',
  tableName: 'sales_invoice_line_posted',
  properties: {
    id: p.integer().primary().autoincrement(),
    invoiceId: p.manyToOne(PostedSalesInvoice).mapToPk().joinColumn('invoice_id').deleteRule('cascade'),
    lineNo: p.integer(),
    orderLineNo: p.integer(),
    type: p.enum([...SALES_LINE_TYPES]),
    no: p.string().length(20).nullable(),
    description: p.string().length(255),
    quantity: quantityColumn(),
    unitPrice: moneyColumn(),
    /** The invoiced share of the line amount (after line discount, excluding tax). */
    amount: moneyColumn(),
    taxable: p.boolean(),
    locationCode: p.string().length(10).nullable(),
  },
  uniques: [{ properties: ['invoiceId', 'lineNo'] }],
});

export type PostedSalesInvoiceLine = InferEntity<typeof PostedSalesInvoiceLine>;
