import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127143943_initial_platform } from './Migration20261127143943_initial_platform';
import { Migration20261127145137_erp_store } from './Migration20261127145137_erp_store';
import { Migration20261127155027_shipments_invoices_archive } from './Migration20261127155027_shipments_invoices_archive';
import { Migration20261127155847_refunds_returns_gift_cards } from './Migration20261127155847_refunds_returns_gift_cards';
import { Migration20261127181735_trim_imported_order_totals } from './Migration20261127181735_trim_imported_order_totals';
import { Migration20261127182457_import_fulfillment_order_lines_optional } from './Migration20261127182457_import_fulfillment_order_lines_optional';
import { Migration20261127192000_drop_line_tax_lines } from './Migration20261127192000_drop_line_tax_lines';
import { Migration20261127183314_config_version } from './Migration20261127183314_config_version';
import { Migration20261127235703_order_to_import_dispatched_version } from './Migration20261127235703_order_to_import_dispatched_version';
import { Migration20261207190000_shop_credentials } from './Migration20261207190000_shop_credentials';
import { Migration20261207190000_order_to_import_total_any_size } from './Migration20261207190000_order_to_import_total_any_size';
import { Migration20261207194500_shipment_method_agent } from './Migration20261207194500_shipment_method_agent';
import { Migration20261207191500_webhooks } from './Migration20261207191500_webhooks';
import { Migration20261207200000_shop_card_county_source } from './Migration20261207200000_shop_card_county_source';
import { Migration20261207220000_operator_users } from './Migration20261207220000_operator_users';
import { Migration20261207223000_imported_order_risk_assessments } from './Migration20261207223000_imported_order_risk_assessments';
import { Migration20261207223000_shopify_store_bucket } from './Migration20261207223000_shopify_store_bucket';
import { Migration20261207223434_order_view } from './Migration20261207223434_order_view';
import { Migration20261207230000_webhook_delivery_orders } from './Migration20261207230000_webhook_delivery_orders';

/**
 * Every migration in the order it runs. New ones are created with `npm run migration:create -- <name>`
 * (scripts/create-migration.ts) and appended here by hand, so review sees each schema change.
 */
export const ERP_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261127143943_initial_platform', class: Migration20261127143943_initial_platform },
  { name: 'Migration20261127145137_erp_store', class: Migration20261127145137_erp_store },
  {
    name: 'Migration20261127155027_shipments_invoices_archive',
    class: Migration20261127155027_shipments_invoices_archive,
  },
  {
    name: 'Migration20261127155847_refunds_returns_gift_cards',
    class: Migration20261127155847_refunds_returns_gift_cards,
  },
  {
    name: 'Migration20261127181735_trim_imported_order_totals',
    class: Migration20261127181735_trim_imported_order_totals,
  },
  {
    name: 'Migration20261127182457_import_fulfillment_order_lines_optional',
    class: Migration20261127182457_import_fulfillment_order_lines_optional,
  },
  { name: 'Migration20261127183314_config_version', class: Migration20261127183314_config_version },
  { name: 'Migration20261127192000_drop_line_tax_lines', class: Migration20261127192000_drop_line_tax_lines },
  {
    name: 'Migration20261127235703_order_to_import_dispatched_version',
    class: Migration20261127235703_order_to_import_dispatched_version,
  },
  { name: 'Migration20261207190000_shop_credentials', class: Migration20261207190000_shop_credentials },
  {
    name: 'Migration20261207190000_order_to_import_total_any_size',
    class: Migration20261207190000_order_to_import_total_any_size,
  },
  {
    name: 'Migration20261207194500_shipment_method_agent',
    class: Migration20261207194500_shipment_method_agent,
  },
  { name: 'Migration20261207191500_webhooks', class: Migration20261207191500_webhooks },
  {
    name: 'Migration20261207200000_shop_card_county_source',
    class: Migration20261207200000_shop_card_county_source,
  },
  { name: 'Migration20261207220000_operator_users', class: Migration20261207220000_operator_users },
  {
    name: 'Migration20261207223000_imported_order_risk_assessments',
    class: Migration20261207223000_imported_order_risk_assessments,
  },
  {
    name: 'Migration20261207223000_shopify_store_bucket',
    class: Migration20261207223000_shopify_store_bucket,
  },
  { name: 'Migration20261207223434_order_view', class: Migration20261207223434_order_view },
  {
    name: 'Migration20261207230000_webhook_delivery_orders',
    class: Migration20261207230000_webhook_delivery_orders,
  },
];
