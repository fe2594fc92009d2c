import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Company-wide settings; exactly one row, id 1. */
export const ErpSetup = defineEntity({
  name: 'ErpSetup',
  tableName: 'erp_setup',
  properties: {
    id: p.integer().primary().autoincrement(false),
    /** Local currency (ISO 4217). Documents in LCY carry no currency code. */
    lcyCode: p.string().length(10),
    salesOrderNos: p.string().length(20).default('S-ORD'),
    salesInvoiceNos: p.string().length(20).default('S-INV'),
    customerNos: p.string().length(20).default('CUST'),
  },
});

export type ErpSetup = InferEntity<typeof ErpSetup>;
