import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Customer } from './customer';

/** A Shopify customer of one store linked to an ERP customer; shared by every shop card on that store. */
export const ShopifyCustomerLink = defineEntity({
  name: 'ShopifyCustomerLink',
  tableName: 'shopify_customer_link',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** Shop domain, e.g. "acme.myshopify.com". */
    store: p.string().length(255),
    /** Customer GID. */
    shopifyCustomerId: p.string().length(100),
    customerNo: p.manyToOne(Customer).mapToPk().joinColumn('customer_no').deleteRule('cascade'),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
  },
  uniques: [{ properties: ['store', 'shopifyCustomerId'] }],
});

export type ShopifyCustomerLink = InferEntity<typeof ShopifyCustomerLink>;
