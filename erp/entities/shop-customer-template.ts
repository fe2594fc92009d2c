import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ShopCard } from './shop-card';
import { Customer } from './customer';
import { CustomerTemplate } from './customer-template';

/**
 * Per shop card and ship-to country: the template for new customers, and optionally a default
 * customer that every order shipped to that country uses (SPEC §4.2 step 1).
 */
export const ShopCustomerTemplate = defineEntity({
  name: 'ShopCustomerTemplate',
  tableName: 'shop_customer_template',
  properties: {
    id: p.integer().primary().autoincrement(),
    shopCode: p.manyToOne(ShopCard).mapToPk().joinColumn('shop_code').deleteRule('cascade'),
    /** ISO 3166-1 alpha-2. */
    countryCode: p.string().length(2),
    templateCode: p.manyToOne(CustomerTemplate).mapToPk().joinColumn('template_code').nullable(),
    defaultCustomerNo: p.manyToOne(Customer).mapToPk().joinColumn('default_customer_no').nullable(),
  },
  uniques: [{ properties: ['shopCode', 'countryCode'] }],
});

export type ShopCustomerTemplate = InferEntity<typeof ShopCustomerTemplate>;
