import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ShipmentMethod = defineEntity({
  name: 'ShipmentMethod',
  tableName: 'shipment_method',
  properties: {
    code: p.string().length(10).primary(),
    description: p.string().length(100),
  },
});

export type ShipmentMethod = InferEntity<typeof ShipmentMethod>;
