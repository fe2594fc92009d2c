import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A carrier the ERP ships with. Shopify is told the agent's Shopify tracking company (else its
 * name, else its code), and the package tracking URL with the number filled in (SPEC §5).
 */
export const ShippingAgent = defineEntity({
  name: 'ShippingAgent',
  tableName: 'shipping_agent',
  properties: {
    code: p.string().length(10).primary(),
    name: p.string().length(50).nullable(),
    /** A carrier name Shopify knows, e.g. "DHL Express", "UPS", "PostNord DK". */
    shopifyTrackingCompany: p.string().length(100).nullable(),
    /** Package tracking URL; `%1` stands for the tracking number. */
    packageTrackingUrl: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
    updatedAt: p
      .datetime()
      .defaultRaw('current_timestamp')
      .onUpdate(() => new Date()),
  },
});

export type ShippingAgent = InferEntity<typeof ShippingAgent>;
