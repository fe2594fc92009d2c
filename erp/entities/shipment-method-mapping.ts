import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ShopCard } from './shop-card';
import { ShipmentMethod } from './shipment-method';

/** A Shopify shipping method name (shipping line title) of a shop card → ERP shipment method. */
export const ShipmentMethodMapping = defineEntity({
  name: 'ShipmentMethodMapping',
  tableName: 'shipment_method_mapping',
  properties: {
    id: p.integer().primary().autoincrement(),
    shopCode: p.manyToOne(ShopCard).mapToPk().joinColumn('shop_code').deleteRule('cascade'),
    shopifyMethodName: p.string().length(255),
    shipmentMethodCode: p.manyToOne(ShipmentMethod).mapToPk().joinColumn('shipment_method_code').nullable(),
    /** The carrier and its service for this method; the document header gets them. */
    shippingAgentCode: p.string().length(10).nullable(),
    shippingAgentServiceCode: p.string().length(10).nullable(),
  },
  uniques: [{ properties: ['shopCode', 'shopifyMethodName'] }],
});

export type ShipmentMethodMapping = InferEntity<typeof ShipmentMethodMapping>;
