import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A foreign currency known to the ERP; the local currency (LCY) is in ErpSetup, not here. */
export const Currency = defineEntity({
  name: 'Currency',
  tableName: 'currency',
  properties: {
    /** ISO 4217, matching Shopify's currency codes. */
    code: p.string().length(10).primary(),
    description: p.string().length(100),
  },
});

export type Currency = InferEntity<typeof Currency>;
