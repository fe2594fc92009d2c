import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportedOrder } from './imported-order';
import { SalesHeader } from './sales-header';
import { ShippingAgent } from './shipping-agent';

/**
 * A posted sales shipment: what left a warehouse for a sales order, with carrier and tracking.
 * Never changed after posting; what Shopify made of it lives on its ShipmentSync.
 */
export const PostedShipmentHeader = defineEntity({
  name: 'PostedShipmentHeader',
  tableName: 'sales_shipment_header',
  properties: {
    id: p.integer().primary().autoincrement(),
    no: p.string().length(20).unique(),
    /** The sales order it was shipped from. */
    orderNo: p.string().length(20),
    salesHeaderId: p
      .manyToOne(SalesHeader)
      .mapToPk()
      .joinColumn('sales_header_id')
      .nullable()
      .deleteRule('set null'),
    store: p.string().length(255).nullable(),
    /** Order GID; null for a sales order that does not come from Shopify. */
    shopifyOrderId: p.string().length(100).nullable(),
    shopifyOrderName: p.string().length(50).nullable(),
    shopCode: p.string().length(20).nullable(),
    importedOrderId: p
      .manyToOne(ImportedOrder)
      .mapToPk()
      .joinColumn('imported_order_id')
      .nullable()
      .deleteRule('set null'),
    postingDate: p.date(),
    shippingAgentCode: p.manyToOne(ShippingAgent).mapToPk().joinColumn('shipping_agent_code').nullable(),
    packageTrackingNo: p.string().length(50).nullable(),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
  },
  indexes: [{ properties: ['store', 'shopifyOrderId'] }, { properties: ['shopCode', 'postingDate'] }],
});

export type PostedShipmentHeader = InferEntity<typeof PostedShipmentHeader>;
