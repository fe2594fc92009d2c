import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PostedShipmentHeader } from './posted-shipment-header';
import { quantityColumn } from './money-columns';
import { SALES_LINE_TYPES } from './sales-line';

/** One shipped line: the sales order line, the quantity and the location it left from. */
export const PostedShipmentLine = defineEntity({
  name: 'PostedShipmentLine',
  tableName: 'sales_shipment_line',
  properties: {
    id: p.integer().primary().autoincrement(),
    shipmentId: p.manyToOne(PostedShipmentHeader).mapToPk().joinColumn('shipment_id').deleteRule('cascade'),
    lineNo: p.integer(),
    /** Line no. of the sales order line shipped. */
    orderLineNo: p.integer(),
    type: p.enum([...SALES_LINE_TYPES]),
    no: p.string().length(20).nullable(),
    variantCode: p.string().length(10).nullable(),
    description: p.string().length(255),
    quantity: quantityColumn(),
    locationCode: p.string().length(10).nullable(),
    /** The order's LineItem GID; null for a line added in the ERP. */
    shopifyLineId: p.string().length(100).nullable(),
  },
  uniques: [{ properties: ['shipmentId', 'lineNo'] }],
});

export type PostedShipmentLine = InferEntity<typeof PostedShipmentLine>;
