import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ShopCard } from './shop-card';

/**
 * Stage 1 of the order sync (SPEC §3): one row per discovered Shopify order of a store, upserted
 * by (store, order id). The first shop card whose filters match claims it; a row that fails to
 * import keeps has-error and the full text; operators may delete rows to leave orders out.
 */
export const OrderToImport = defineEntity({
  name: 'OrderToImport',
  tableName: 'order_to_import',
  properties: {
    id: p.integer().primary().autoincrement(),
    store: p.string().length(255),
    shopifyOrderId: p.string().length(100),
    name: p.string().length(50),
    shopifyCreatedAt: p.datetime(),
    shopifyUpdatedAt: p.datetime(),
    financialStatus: p.string().length(30).nullable(),
    fulfillmentStatus: p.string().length(30).nullable(),
    riskLevel: p.string().length(10).nullable(),
    tags: p.json<string[]>().default('[]'),
    channel: p.string().length(100).nullable(),
    sourceName: p.string().length(100).nullable(),
    // Any size: whether the ERP accepts the amount is decided at import, for this order alone.
    totalAmount: p.decimal(),
    currencyCode: p.string().length(10),
    closed: p.boolean().default(false),
    cancelledAt: p.datetime().nullable(),
    hasError: p.boolean().default(false),
    errorText: p.text().nullable(),
    claimedByShopCode: p
      .manyToOne(ShopCard)
      .mapToPk()
      .joinColumn('claimed_by_shop_code')
      .nullable()
      .deleteRule('set null'),
    /**
     * The Shopify version (updatedAt) last sent to the order's workflow by an order sync. Its
     * workflow has that change durably, so a later sync listing the order again at the same
     * version while the import is still under way sends nothing (the row goes once it is imported).
     */
    dispatchedUpdatedAt: p.datetime().nullable(),
    discoveredAt: p.datetime().defaultRaw('current_timestamp'),
    updatedAt: p
      .datetime()
      .defaultRaw('current_timestamp')
      .onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['store', 'shopifyOrderId'] }],
  indexes: [{ properties: ['claimedByShopCode', 'hasError'] }],
});

export type OrderToImport = InferEntity<typeof OrderToImport>;
