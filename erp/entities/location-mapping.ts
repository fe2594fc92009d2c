import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ShopCard } from './shop-card';
import { Location } from './location';

/** A Shopify location of a shop card → the ERP location its lines and shipments use. */
export const LocationMapping = defineEntity({
  name: 'LocationMapping',
  tableName: 'location_mapping',
  properties: {
    id: p.integer().primary().autoincrement(),
    shopCode: p.manyToOne(ShopCard).mapToPk().joinColumn('shop_code').deleteRule('cascade'),
    /** Location GID. */
    shopifyLocationId: p.string().length(100),
    shopifyLocationName: p.string().length(255),
    locationCode: p.manyToOne(Location).mapToPk().joinColumn('location_code').nullable(),
  },
  uniques: [{ properties: ['shopCode', 'shopifyLocationId'] }],
});

export type LocationMapping = InferEntity<typeof LocationMapping>;
