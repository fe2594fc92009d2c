import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An ERP customer template: the defaults a new customer gets. */
export const CustomerTemplate = defineEntity({
  name: 'CustomerTemplate',
  tableName: 'customer_template',
  properties: {
    code: p.string().length(20).primary(),
    description: p.string().length(100),
    /** Used when the new customer's address has no tax area of its own. */
    taxAreaCode: p.string().length(20).nullable(),
    currencyCode: p.string().length(10).nullable(),
  },
});

export type CustomerTemplate = InferEntity<typeof CustomerTemplate>;
