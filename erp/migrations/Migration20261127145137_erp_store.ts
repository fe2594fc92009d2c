import { Migration } from '@mikro-orm/migrations';

export class Migration20261127145137_erp_store extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "currency" ("code" varchar(10) not null, "description" varchar(100) not null, constraint "currency_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "currency_exchange_rate" ("id" serial primary key, "currency_code" varchar(10) not null, "starting_date" date not null, "rate_lcy_per_unit" numeric(20,10) not null, "created_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "currency_exchange_rate" add constraint "currency_exchange_rate_currency_code_starting_date_unique" unique ("currency_code", "starting_date");`,
    );

    this.addSql(
      `create table "customer" ("no" varchar(20) not null, "name" varchar(100) not null, "name2" varchar(100) null, "contact" varchar(100) null, "address" varchar(100) null, "address2" varchar(100) null, "city" varchar(50) null, "post_code" varchar(20) null, "county" varchar(50) null, "country_code" varchar(2) null, "email" varchar(255) null, "phone" varchar(50) null, "phone_digits" varchar(50) null, "tax_area_code" varchar(20) null, "currency_code" varchar(10) null, "blocked" boolean not null default false, "created_from_template_code" varchar(20) null, "created_at" timestamptz not null default current_timestamp, constraint "customer_pkey" primary key ("no"));`,
    );
    this.addSql(`create index "customer_email_index" on "customer" ("email");`);
    this.addSql(`create index "customer_phone_digits_index" on "customer" ("phone_digits");`);

    this.addSql(
      `create table "customer_template" ("code" varchar(20) not null, "description" varchar(100) not null, "tax_area_code" varchar(20) null, "currency_code" varchar(10) null, constraint "customer_template_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "erp_setup" ("id" int not null, "lcy_code" varchar(10) not null, "sales_order_nos" varchar(20) not null default 'S-ORD', "sales_invoice_nos" varchar(20) not null default 'S-INV', "customer_nos" varchar(20) not null default 'CUST', constraint "erp_setup_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "gl_account" ("no" varchar(20) not null, "name" varchar(100) not null, "blocked" boolean not null default false, "taxable" boolean not null default true, constraint "gl_account_pkey" primary key ("no"));`,
    );

    this.addSql(
      `create table "item" ("no" varchar(20) not null, "description" varchar(100) not null, "barcode" varchar(50) null, "unit_price" numeric(20,4) not null default '0', "blocked" boolean not null default false, constraint "item_pkey" primary key ("no"));`,
    );
    this.addSql(`create index "item_barcode_index" on "item" ("barcode");`);

    this.addSql(
      `create table "item_variant" ("id" serial primary key, "item_no" varchar(20) not null, "code" varchar(10) not null, "description" varchar(100) not null, "sku" varchar(100) null, "barcode" varchar(50) null);`,
    );
    this.addSql(`create index "item_variant_sku_index" on "item_variant" ("sku");`);
    this.addSql(`create index "item_variant_barcode_index" on "item_variant" ("barcode");`);
    this.addSql(
      `alter table "item_variant" add constraint "item_variant_item_no_code_unique" unique ("item_no", "code");`,
    );

    this.addSql(
      `create table "location" ("code" varchar(10) not null, "name" varchar(100) not null, constraint "location_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "number_series" ("code" varchar(20) not null, "prefix" varchar(10) not null, "last_no" int not null default 0, "digits" int not null default 6, constraint "number_series_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "shipment_method" ("code" varchar(10) not null, "description" varchar(100) not null, constraint "shipment_method_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "shop_card" ("code" varchar(20) not null, "shop_domain" varchar(255) not null, "access_token" text null, "api_version" varchar(10) not null default '2026-10', "enabled" boolean not null default true, "currency_code" varchar(10) null, "currency_handling" text check ("currency_handling" in ('shop', 'presentment')) not null default 'shop', "shipping_charges_account_no" varchar(20) null, "sold_gift_card_account_no" varchar(20) null, "tip_account_no" varchar(20) null, "auto_create_orders" boolean not null default false, "auto_release_orders" boolean not null default false, "create_invoices_for_fulfilled_orders" boolean not null default true, "shopify_order_no_on_document_line" boolean not null default false, "tax_area_priority" text check ("tax_area_priority" in ('none', 'ship_sell_bill', 'ship_bill_sell', 'sell_ship_bill', 'sell_bill_ship', 'bill_sell_ship', 'bill_ship_sell')) not null default 'ship_sell_bill', "location_required" boolean not null default true, "return_refund_process" text check ("return_refund_process" in ('none', 'import_only', 'auto_credit_memo')) not null default 'import_only', "return_location_code" varchar(10) null, "refund_account_non_restock_no" varchar(20) null, "refund_account_no" varchar(20) null, "customer_import" text check ("customer_import" in ('none', 'with_order', 'all')) not null default 'with_order', "customer_mapping_type" text check ("customer_mapping_type" in ('default_customer', 'by_email_phone', 'by_bill_to')) not null default 'by_email_phone', "default_customer_no" varchar(20) null, "customer_template_code" varchar(20) null, "item_mapping_mode" text check ("item_mapping_mode" in ('explicit', 'sku', 'barcode', 'sku_then_barcode')) not null default 'sku', "order_sync_filters" jsonb not null default '{}', "last_order_sync_at" timestamptz null, "order_sync_schedule" varchar(100) null, "shipment_sync_schedule" varchar(100) null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, constraint "shop_card_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "shop_card_shop_domain_index" on "shop_card" ("shop_domain");`);

    this.addSql(
      `create table "shipment_method_mapping" ("id" serial primary key, "shop_code" varchar(20) not null, "shopify_method_name" varchar(255) not null, "shipment_method_code" varchar(10) null);`,
    );
    this.addSql(
      `alter table "shipment_method_mapping" add constraint "shipment_method_mapping_shop_code_shopify_method_name_unique" unique ("shop_code", "shopify_method_name");`,
    );

    this.addSql(
      `create table "order_to_import" ("id" serial primary key, "store" varchar(255) not null, "shopify_order_id" varchar(100) not null, "name" varchar(50) not null, "shopify_created_at" timestamptz not null, "shopify_updated_at" timestamptz not null, "financial_status" varchar(30) null, "fulfillment_status" varchar(30) null, "risk_level" varchar(10) null, "tags" jsonb not null default '[]', "channel" varchar(100) null, "source_name" varchar(100) null, "total_amount" numeric(20,4) not null, "currency_code" varchar(10) not null, "closed" boolean not null default false, "cancelled_at" timestamptz null, "has_error" boolean not null default false, "error_text" text null, "claimed_by_shop_code" varchar(20) null, "discovered_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `create index "order_to_import_claimed_by_shop_code_has_error_index" on "order_to_import" ("claimed_by_shop_code", "has_error");`,
    );
    this.addSql(
      `alter table "order_to_import" add constraint "order_to_import_store_shopify_order_id_unique" unique ("store", "shopify_order_id");`,
    );

    this.addSql(
      `create table "location_mapping" ("id" serial primary key, "shop_code" varchar(20) not null, "shopify_location_id" varchar(100) not null, "shopify_location_name" varchar(255) not null, "location_code" varchar(10) null);`,
    );
    this.addSql(
      `alter table "location_mapping" add constraint "location_mapping_shop_code_shopify_location_id_unique" unique ("shop_code", "shopify_location_id");`,
    );

    this.addSql(
      `create table "imported_order" ("id" serial primary key, "store" varchar(255) not null, "shopify_order_id" varchar(100) not null, "legacy_resource_id" varchar(30) not null, "shop_code" varchar(20) not null, "name" varchar(50) not null, "number" int not null, "stage" text check ("stage" in ('imported', 'mapped', 'document_created', 'closed')) not null default 'imported', "has_error" boolean not null default false, "error_text" text null, "problems" jsonb not null default '[]', "conflict_text" text null, "shopify_created_at" timestamptz not null, "shopify_updated_at" timestamptz not null, "processed_at" timestamptz not null, "closed" boolean not null default false, "closed_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" varchar(20) null, "confirmed" boolean not null default true, "test" boolean not null default false, "edited" boolean not null default false, "financial_status" varchar(30) null, "fulfillment_status" varchar(30) not null, "fully_paid" boolean not null default false, "unpaid" boolean not null default false, "currency_code" varchar(10) not null, "presentment_currency_code" varchar(10) not null, "taxes_included" boolean not null default false, "tax_exempt" boolean not null default false, "email" varchar(255) null, "phone" varchar(50) null, "note" text null, "po_number" varchar(100) null, "source_name" varchar(100) null, "channel" varchar(100) null, "risk_level" varchar(10) null, "risk_recommendation" varchar(20) null, "tags" jsonb not null default '[]', "attributes" jsonb not null default '[]', "retail_location_id" varchar(100) null, "status_page_url" text null, "shopify_customer_id" varchar(100) null, "customer" jsonb null, "billing_address" jsonb null, "shipping_address" jsonb null, "tax_lines" jsonb not null default '[]', "subtotal_line_items_quantity" int not null default 0, "current_subtotal_line_items_quantity" int not null default 0, "subtotal_shop" numeric(20,4) not null, "subtotal_presentment" numeric(20,4) not null, "total_shop" numeric(20,4) not null, "total_presentment" numeric(20,4) not null, "current_total_shop" numeric(20,4) not null, "current_total_presentment" numeric(20,4) not null, "total_tax_shop" numeric(20,4) not null, "total_tax_presentment" numeric(20,4) not null, "total_discounts_shop" numeric(20,4) not null, "total_discounts_presentment" numeric(20,4) not null, "total_shipping_shop" numeric(20,4) not null, "total_shipping_presentment" numeric(20,4) not null, "total_tip_shop" numeric(20,4) not null, "total_tip_presentment" numeric(20,4) not null, "total_outstanding_shop" numeric(20,4) not null, "total_outstanding_presentment" numeric(20,4) not null, "total_refunded_shop" numeric(20,4) not null, "total_refunded_presentment" numeric(20,4) not null, "sell_to_customer_no" varchar(20) null, "bill_to_customer_no" varchar(20) null, "customer_set_by_operator" boolean not null default false, "customer_template_code" varchar(20) null, "shipment_method_code" varchar(10) null, "tax_area_code" varchar(20) null, "snapshot" jsonb not null, "document_baseline" jsonb null, "import_count" int not null default 1, "first_imported_at" timestamptz not null default current_timestamp, "last_imported_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "imported_order_shop_code_stage_index" on "imported_order" ("shop_code", "stage");`,
    );
    this.addSql(`create index "imported_order_has_error_index" on "imported_order" ("has_error");`);
    this.addSql(
      `alter table "imported_order" add constraint "imported_order_store_shopify_order_id_unique" unique ("store", "shopify_order_id");`,
    );

    this.addSql(
      `create table "sales_header" ("id" serial primary key, "document_type" text check ("document_type" in ('order', 'invoice', 'credit_memo')) not null, "no" varchar(20) not null, "status" text check ("status" in ('open', 'released')) not null default 'open', "sell_to_customer_no" varchar(20) not null, "bill_to_customer_no" varchar(20) not null, "sell_to_address" jsonb not null, "bill_to_address" jsonb not null, "ship_to_address" jsonb null, "email" varchar(255) null, "phone" varchar(50) null, "currency_code" varchar(10) null, "currency_handling" varchar(20) not null, "exchange_rate_lcy_per_unit" numeric(20,10) not null default '1', "prices_including_tax" boolean not null default false, "shipment_method_code" varchar(10) null, "tax_area_code" varchar(20) null, "tax_rate_percent" numeric(9,4) not null default '0', "external_document_no" varchar(50) null, "document_date" date not null, "work_description" text null, "store" varchar(255) null, "shopify_order_id" varchar(100) null, "shopify_order_name" varchar(50) null, "shopify_refund_id" varchar(100) null, "imported_order_id" int null, "shop_code" varchar(20) null, "amount" numeric(20,4) not null default '0', "tax_amount" numeric(20,4) not null default '0', "amount_including_tax" numeric(20,4) not null default '0', "shopify_total" numeric(20,4) null, "total_difference" numeric(20,4) not null default '0', "reconciliation" jsonb null, "created_at" timestamptz not null default current_timestamp, "released_at" timestamptz null, "updated_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "sales_header" add constraint "sales_header_document_type_no_unique" unique ("document_type", "no");`,
    );
    this.addSql(
      `create unique index "sales_header_one_document_per_shopify_order" on "sales_header" ("store", "shopify_order_id") where "document_type" in ('order', 'invoice');`,
    );
    this.addSql(
      `create unique index "sales_header_one_credit_memo_per_refund" on "sales_header" ("store", "shopify_refund_id") where "shopify_refund_id" is not null;`,
    );

    this.addSql(
      `create table "sales_line" ("id" serial primary key, "header_id" int not null, "line_no" int not null, "type" text check ("type" in ('comment', 'item', 'gl_account')) not null, "origin" text check ("origin" in ('comment', 'item', 'shipping', 'tip', 'gift_card')) not null, "no" varchar(20) null, "variant_code" varchar(10) null, "description" varchar(255) not null, "quantity" numeric(20,4) not null default '0', "unit_price" numeric(20,4) not null default '0', "line_discount_amount" numeric(20,4) not null default '0', "amount" numeric(20,4) not null default '0', "taxable" boolean not null default true, "location_code" varchar(10) null, "shopify_line_id" varchar(100) null, "quantity_shipped" numeric(20,4) not null default '0', "quantity_invoiced" numeric(20,4) not null default '0');`,
    );
    this.addSql(
      `alter table "sales_line" add constraint "sales_line_header_id_line_no_unique" unique ("header_id", "line_no");`,
    );

    this.addSql(
      `create table "imported_transaction" ("id" serial primary key, "order_id" int not null, "shopify_transaction_id" varchar(100) not null, "kind" varchar(30) not null, "status" varchar(30) not null, "gateway" varchar(255) null, "formatted_gateway" varchar(255) null, "amount_shop" numeric(20,4) not null, "currency_shop" varchar(10) not null, "amount_presentment" numeric(20,4) not null, "currency_presentment" varchar(10) not null, "parent_transaction_id" varchar(100) null, "shopify_created_at" timestamptz not null, "processed_at" timestamptz null, "test" boolean not null default false, "error_code" varchar(100) null);`,
    );
    this.addSql(
      `alter table "imported_transaction" add constraint "imported_transaction_order_id_shopify_transaction_id_unique" unique ("order_id", "shopify_transaction_id");`,
    );

    this.addSql(
      `create table "imported_shipping_line" ("id" serial primary key, "order_id" int not null, "shopify_shipping_line_id" varchar(100) not null, "position" int not null, "title" varchar(255) not null, "code" varchar(255) null, "source" varchar(100) null, "is_removed" boolean not null default false, "price_shop" numeric(20,4) not null, "price_presentment" numeric(20,4) not null, "discount_shop" numeric(20,4) not null, "discount_presentment" numeric(20,4) not null, "discount_allocations" jsonb not null default '[]', "tax_lines" jsonb not null default '[]');`,
    );
    this.addSql(
      `alter table "imported_shipping_line" add constraint "imported_shipping_line_order_id_shopify_shipping_line_id_unique" unique ("order_id", "shopify_shipping_line_id");`,
    );

    this.addSql(
      `create table "imported_order_line" ("id" serial primary key, "order_id" int not null, "shopify_line_id" varchar(100) not null, "position" int not null, "name" varchar(255) not null, "title" varchar(255) not null, "variant_title" varchar(255) null, "variant_id" varchar(100) null, "product_id" varchar(100) null, "sku" varchar(100) null, "barcode" varchar(50) null, "vendor" varchar(255) null, "quantity" int not null, "current_quantity" int not null, "quantity_to_fulfill" int not null, "is_gift_card" boolean not null default false, "is_tip" boolean not null default false, "requires_shipping" boolean not null default true, "taxable" boolean not null default true, "unit_price_shop" numeric(20,4) not null, "unit_price_presentment" numeric(20,4) not null, "discount_shop" numeric(20,4) not null, "discount_presentment" numeric(20,4) not null, "discount_allocations" jsonb not null default '[]', "tax_lines" jsonb not null default '[]', "fulfillment_location_id" varchar(100) null, "current_fulfillment_location_id" varchar(100) null, "custom_attributes" jsonb not null default '[]', "item_no" varchar(20) null, "variant_code" varchar(10) null, "item_mapped_by" varchar(20) null);`,
    );
    this.addSql(
      `alter table "imported_order_line" add constraint "imported_order_line_order_id_shopify_line_id_unique" unique ("order_id", "shopify_line_id");`,
    );

    this.addSql(
      `create table "imported_fulfillment_order" ("id" serial primary key, "order_id" int not null, "shopify_fulfillment_order_id" varchar(100) not null, "status" varchar(30) not null, "assigned_location_id" varchar(100) null, "delivery_method_type" varchar(30) null, "shopify_updated_at" timestamptz not null, "lines" jsonb not null default '[]');`,
    );
    this.addSql(
      `alter table "imported_fulfillment_order" add constraint "imported_fulfillment_order_order_id_shopify_fulfi_779c8_unique" unique ("order_id", "shopify_fulfillment_order_id");`,
    );

    this.addSql(
      `create table "imported_fulfillment" ("id" serial primary key, "order_id" int not null, "shopify_fulfillment_id" varchar(100) not null, "name" varchar(100) not null, "status" varchar(30) not null, "display_status" varchar(50) null, "location_id" varchar(100) null, "shopify_created_at" timestamptz not null, "tracking" jsonb not null default '[]', "lines" jsonb not null default '[]');`,
    );
    this.addSql(
      `alter table "imported_fulfillment" add constraint "imported_fulfillment_order_id_shopify_fulfillment_id_unique" unique ("order_id", "shopify_fulfillment_id");`,
    );

    this.addSql(
      `create table "shop_customer_template" ("id" serial primary key, "shop_code" varchar(20) not null, "country_code" varchar(2) not null, "template_code" varchar(20) null, "default_customer_no" varchar(20) null);`,
    );
    this.addSql(
      `alter table "shop_customer_template" add constraint "shop_customer_template_shop_code_country_code_unique" unique ("shop_code", "country_code");`,
    );

    this.addSql(
      `create table "shopify_customer_link" ("id" serial primary key, "store" varchar(255) not null, "shopify_customer_id" varchar(100) not null, "customer_no" varchar(20) not null, "created_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "shopify_customer_link" add constraint "shopify_customer_link_store_shopify_customer_id_unique" unique ("store", "shopify_customer_id");`,
    );

    this.addSql(
      `create table "shopify_variant_link" ("id" serial primary key, "store" varchar(255) not null, "shopify_variant_id" varchar(100) not null, "item_no" varchar(20) not null, "variant_code" varchar(10) null, "created_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "shopify_variant_link" add constraint "shopify_variant_link_store_shopify_variant_id_unique" unique ("store", "shopify_variant_id");`,
    );

    this.addSql(
      `create table "tax_area" ("code" varchar(20) not null, "description" varchar(100) not null, "country_code" varchar(2) not null, "county" varchar(50) null, "tax_rate_percent" numeric(9,4) not null default '0', constraint "tax_area_pkey" primary key ("code"));`,
    );
    this.addSql(
      `create unique index "tax_area_country_county_unique" on "tax_area" ("country_code", coalesce("county", ''));`,
    );

    this.addSql(
      `alter table "currency_exchange_rate" add constraint "currency_exchange_rate_currency_code_foreign" foreign key ("currency_code") references "currency" ("code") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "item_variant" add constraint "item_variant_item_no_foreign" foreign key ("item_no") references "item" ("no") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "shop_card" add constraint "shop_card_shipping_charges_account_no_foreign" foreign key ("shipping_charges_account_no") references "gl_account" ("no") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shop_card" add constraint "shop_card_sold_gift_card_account_no_foreign" foreign key ("sold_gift_card_account_no") references "gl_account" ("no") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shop_card" add constraint "shop_card_tip_account_no_foreign" foreign key ("tip_account_no") references "gl_account" ("no") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shop_card" add constraint "shop_card_return_location_code_foreign" foreign key ("return_location_code") references "location" ("code") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shop_card" add constraint "shop_card_refund_account_non_restock_no_foreign" foreign key ("refund_account_non_restock_no") references "gl_account" ("no") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shop_card" add constraint "shop_card_refund_account_no_foreign" foreign key ("refund_account_no") references "gl_account" ("no") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shop_card" add constraint "shop_card_default_customer_no_foreign" foreign key ("default_customer_no") references "customer" ("no") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shop_card" add constraint "shop_card_customer_template_code_foreign" foreign key ("customer_template_code") references "customer_template" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "shipment_method_mapping" add constraint "shipment_method_mapping_shop_code_foreign" foreign key ("shop_code") references "shop_card" ("code") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "shipment_method_mapping" add constraint "shipment_method_mapping_shipment_method_code_foreign" foreign key ("shipment_method_code") references "shipment_method" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "order_to_import" add constraint "order_to_import_claimed_by_shop_code_foreign" foreign key ("claimed_by_shop_code") references "shop_card" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "location_mapping" add constraint "location_mapping_shop_code_foreign" foreign key ("shop_code") references "shop_card" ("code") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "location_mapping" add constraint "location_mapping_location_code_foreign" foreign key ("location_code") references "location" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "imported_order" add constraint "imported_order_shop_code_foreign" foreign key ("shop_code") references "shop_card" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "sales_header" add constraint "sales_header_sell_to_customer_no_foreign" foreign key ("sell_to_customer_no") references "customer" ("no") on update cascade;`,
    );
    this.addSql(
      `alter table "sales_header" add constraint "sales_header_bill_to_customer_no_foreign" foreign key ("bill_to_customer_no") references "customer" ("no") on update cascade;`,
    );
    this.addSql(
      `alter table "sales_header" add constraint "sales_header_imported_order_id_foreign" foreign key ("imported_order_id") references "imported_order" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "sales_line" add constraint "sales_line_header_id_foreign" foreign key ("header_id") references "sales_header" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_transaction" add constraint "imported_transaction_order_id_foreign" foreign key ("order_id") references "imported_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_shipping_line" add constraint "imported_shipping_line_order_id_foreign" foreign key ("order_id") references "imported_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_order_line" add constraint "imported_order_line_order_id_foreign" foreign key ("order_id") references "imported_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_fulfillment_order" add constraint "imported_fulfillment_order_order_id_foreign" foreign key ("order_id") references "imported_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_fulfillment" add constraint "imported_fulfillment_order_id_foreign" foreign key ("order_id") references "imported_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "shop_customer_template" add constraint "shop_customer_template_shop_code_foreign" foreign key ("shop_code") references "shop_card" ("code") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "shop_customer_template" add constraint "shop_customer_template_template_code_foreign" foreign key ("template_code") references "customer_template" ("code") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shop_customer_template" add constraint "shop_customer_template_default_customer_no_foreign" foreign key ("default_customer_no") references "customer" ("no") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "shopify_customer_link" add constraint "shopify_customer_link_customer_no_foreign" foreign key ("customer_no") references "customer" ("no") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "shopify_variant_link" add constraint "shopify_variant_link_item_no_foreign" foreign key ("item_no") references "item" ("no") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "currency_exchange_rate" drop constraint "currency_exchange_rate_currency_code_foreign";`,
    );

    this.addSql(`alter table "shop_card" drop constraint "shop_card_default_customer_no_foreign";`);

    this.addSql(`alter table "sales_header" drop constraint "sales_header_sell_to_customer_no_foreign";`);

    this.addSql(`alter table "sales_header" drop constraint "sales_header_bill_to_customer_no_foreign";`);

    this.addSql(
      `alter table "shop_customer_template" drop constraint "shop_customer_template_default_customer_no_foreign";`,
    );

    this.addSql(
      `alter table "shopify_customer_link" drop constraint "shopify_customer_link_customer_no_foreign";`,
    );

    this.addSql(`alter table "shop_card" drop constraint "shop_card_customer_template_code_foreign";`);

    this.addSql(
      `alter table "shop_customer_template" drop constraint "shop_customer_template_template_code_foreign";`,
    );

    this.addSql(`alter table "shop_card" drop constraint "shop_card_shipping_charges_account_no_foreign";`);

    this.addSql(`alter table "shop_card" drop constraint "shop_card_sold_gift_card_account_no_foreign";`);

    this.addSql(`alter table "shop_card" drop constraint "shop_card_tip_account_no_foreign";`);

    this.addSql(`alter table "shop_card" drop constraint "shop_card_refund_account_non_restock_no_foreign";`);

    this.addSql(`alter table "shop_card" drop constraint "shop_card_refund_account_no_foreign";`);

    this.addSql(`alter table "item_variant" drop constraint "item_variant_item_no_foreign";`);

    this.addSql(`alter table "shopify_variant_link" drop constraint "shopify_variant_link_item_no_foreign";`);

    this.addSql(`alter table "shop_card" drop constraint "shop_card_return_location_code_foreign";`);

    this.addSql(`alter table "location_mapping" drop constraint "location_mapping_location_code_foreign";`);

    this.addSql(
      `alter table "shipment_method_mapping" drop constraint "shipment_method_mapping_shipment_method_code_foreign";`,
    );

    this.addSql(
      `alter table "shipment_method_mapping" drop constraint "shipment_method_mapping_shop_code_foreign";`,
    );

    this.addSql(
      `alter table "order_to_import" drop constraint "order_to_import_claimed_by_shop_code_foreign";`,
    );

    this.addSql(`alter table "location_mapping" drop constraint "location_mapping_shop_code_foreign";`);

    this.addSql(`alter table "imported_order" drop constraint "imported_order_shop_code_foreign";`);

    this.addSql(
      `alter table "shop_customer_template" drop constraint "shop_customer_template_shop_code_foreign";`,
    );

    this.addSql(`alter table "sales_header" drop constraint "sales_header_imported_order_id_foreign";`);

    this.addSql(
      `alter table "imported_transaction" drop constraint "imported_transaction_order_id_foreign";`,
    );

    this.addSql(
      `alter table "imported_shipping_line" drop constraint "imported_shipping_line_order_id_foreign";`,
    );

    this.addSql(`alter table "imported_order_line" drop constraint "imported_order_line_order_id_foreign";`);

    this.addSql(
      `alter table "imported_fulfillment_order" drop constraint "imported_fulfillment_order_order_id_foreign";`,
    );

    this.addSql(
      `alter table "imported_fulfillment" drop constraint "imported_fulfillment_order_id_foreign";`,
    );

    this.addSql(`alter table "sales_line" drop constraint "sales_line_header_id_foreign";`);

    this.addSql(`drop table if exists "currency" cascade;`);

    this.addSql(`drop table if exists "currency_exchange_rate" cascade;`);

    this.addSql(`drop table if exists "customer" cascade;`);

    this.addSql(`drop table if exists "customer_template" cascade;`);

    this.addSql(`drop table if exists "erp_setup" cascade;`);

    this.addSql(`drop table if exists "gl_account" cascade;`);

    this.addSql(`drop table if exists "item" cascade;`);

    this.addSql(`drop table if exists "item_variant" cascade;`);

    this.addSql(`drop table if exists "location" cascade;`);

    this.addSql(`drop table if exists "number_series" cascade;`);

    this.addSql(`drop table if exists "shipment_method" cascade;`);

    this.addSql(`drop table if exists "shop_card" cascade;`);

    this.addSql(`drop table if exists "shipment_method_mapping" cascade;`);

    this.addSql(`drop table if exists "order_to_import" cascade;`);

    this.addSql(`drop table if exists "location_mapping" cascade;`);

    this.addSql(`drop table if exists "imported_order" cascade;`);

    this.addSql(`drop table if exists "sales_header" cascade;`);

    this.addSql(`drop table if exists "sales_line" cascade;`);

    this.addSql(`drop table if exists "imported_transaction" cascade;`);

    this.addSql(`drop table if exists "imported_shipping_line" cascade;`);

    this.addSql(`drop table if exists "imported_order_line" cascade;`);

    this.addSql(`drop table if exists "imported_fulfillment_order" cascade;`);

    this.addSql(`drop table if exists "imported_fulfillment" cascade;`);

    this.addSql(`drop table if exists "shop_customer_template" cascade;`);

    this.addSql(`drop table if exists "shopify_customer_link" cascade;`);

    this.addSql(`drop table if exists "shopify_variant_link" cascade;`);

    this.addSql(`drop table if exists "tax_area" cascade;`);
  }
}
