import { Migration } from '@mikro-orm/migrations';

export class Migration20261127155027_shipments_invoices_archive extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "shipping_agent" ("code" varchar(10) not null, "name" varchar(50) null, "shopify_tracking_company" varchar(100) null, "package_tracking_url" text null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, constraint "shipping_agent_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "sales_document_archive" ("id" serial primary key, "sales_header_id" int not null, "document_type" varchar(20) not null, "document_no" varchar(20) not null, "version" int not null, "reason" varchar(100) not null, "header" jsonb not null, "lines" jsonb not null, "archived_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "sales_document_archive" add constraint "sales_document_archive_sales_header_id_version_unique" unique ("sales_header_id", "version");`,
    );

    this.addSql(
      `create table "sales_invoice_header_posted" ("id" serial primary key, "no" varchar(20) not null, "document_no" varchar(20) not null, "document_type" varchar(20) not null, "sales_header_id" int null, "sell_to_customer_no" varchar(20) not null, "bill_to_customer_no" varchar(20) not null, "currency_code" varchar(10) null, "store" varchar(255) null, "shopify_order_id" varchar(100) null, "shop_code" varchar(20) null, "posting_date" date not null, "amount" numeric(20,4) not null, "tax_amount" numeric(20,4) not null, "amount_including_tax" numeric(20,4) not null, "created_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "sales_invoice_header_posted" add constraint "sales_invoice_header_posted_no_unique" unique ("no");`,
    );
    this.addSql(
      `create index "sales_invoice_header_posted_store_shopify_order_id_index" on "sales_invoice_header_posted" ("store", "shopify_order_id");`,
    );

    this.addSql(
      `create table "sales_invoice_line_posted" ("id" serial primary key, "invoice_id" int not null, "line_no" int not null, "order_line_no" int not null, "type" text check ("type" in ('comment', 'item', 'gl_account')) not null, "no" varchar(20) null, "description" varchar(255) not null, "quantity" numeric(20,4) not null, "unit_price" numeric(20,4) not null, "amount" numeric(20,4) not null, "taxable" boolean not null, "location_code" varchar(10) null);`,
    );
    this.addSql(
      `alter table "sales_invoice_line_posted" add constraint "sales_invoice_line_posted_invoice_id_line_no_unique" unique ("invoice_id", "line_no");`,
    );

    this.addSql(
      `create table "sales_shipment_header" ("id" serial primary key, "no" varchar(20) not null, "order_no" varchar(20) not null, "sales_header_id" int null, "store" varchar(255) null, "shopify_order_id" varchar(100) null, "shopify_order_name" varchar(50) null, "shop_code" varchar(20) null, "imported_order_id" int null, "posting_date" date not null, "shipping_agent_code" varchar(10) null, "package_tracking_no" varchar(50) null, "created_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "sales_shipment_header" add constraint "sales_shipment_header_no_unique" unique ("no");`,
    );
    this.addSql(
      `create index "sales_shipment_header_store_shopify_order_id_index" on "sales_shipment_header" ("store", "shopify_order_id");`,
    );
    this.addSql(
      `create index "sales_shipment_header_shop_code_posting_date_index" on "sales_shipment_header" ("shop_code", "posting_date");`,
    );

    this.addSql(
      `create table "shipment_sync" ("id" serial primary key, "shipment_id" int not null, "status" text check ("status" in ('pending', 'in-progress', 'fulfilled', 'partially-synced', 'not-synced')) not null default 'pending', "plan" jsonb null, "line_results" jsonb not null default '[]', "shopify_fulfillment_ids" jsonb not null default '[]', "needs_attention" boolean not null default false, "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "completed_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "shipment_sync" add constraint "shipment_sync_shipment_id_unique" unique ("shipment_id");`,
    );
    this.addSql(`create index "shipment_sync_status_index" on "shipment_sync" ("status");`);

    this.addSql(
      `create table "shipment_fulfillment_request" ("id" serial primary key, "sync_id" int not null, "request_no" int not null, "status" text check ("status" in ('planned', 'sending', 'created', 'refused')) not null default 'planned', "request" jsonb not null, "tracking" jsonb null, "fulfillment_ids_before" jsonb not null default '[]', "sent_at" timestamptz null, "shopify_fulfillment_id" varchar(100) null, "shopify_fulfillment_name" varchar(100) null, "refusal" text null, "updated_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "shipment_fulfillment_request" add constraint "shipment_fulfillment_request_sync_id_request_no_unique" unique ("sync_id", "request_no");`,
    );
    this.addSql(
      `create unique index "shipment_fulfillment_request_one_request_per_fulfillment" on "shipment_fulfillment_request" ("shopify_fulfillment_id") where "shopify_fulfillment_id" is not null;`,
    );

    this.addSql(
      `create table "sales_shipment_line" ("id" serial primary key, "shipment_id" int not null, "line_no" int not null, "order_line_no" int not null, "type" text check ("type" in ('comment', 'item', 'gl_account')) not null, "no" varchar(20) null, "variant_code" varchar(10) null, "description" varchar(255) not null, "quantity" numeric(20,4) not null, "location_code" varchar(10) null, "shopify_line_id" varchar(100) null);`,
    );
    this.addSql(
      `alter table "sales_shipment_line" add constraint "sales_shipment_line_shipment_id_line_no_unique" unique ("shipment_id", "line_no");`,
    );

    this.addSql(
      `alter table "sales_document_archive" add constraint "sales_document_archive_sales_header_id_foreign" foreign key ("sales_header_id") references "sales_header" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "sales_invoice_header_posted" add constraint "sales_invoice_header_posted_sales_header_id_foreign" foreign key ("sales_header_id") references "sales_header" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "sales_invoice_line_posted" add constraint "sales_invoice_line_posted_invoice_id_foreign" foreign key ("invoice_id") references "sales_invoice_header_posted" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "sales_shipment_header" add constraint "sales_shipment_header_sales_header_id_foreign" foreign key ("sales_header_id") references "sales_header" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "sales_shipment_header" add constraint "sales_shipment_header_imported_order_id_foreign" foreign key ("imported_order_id") references "imported_order" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "sales_shipment_header" add constraint "sales_shipment_header_shipping_agent_code_foreign" foreign key ("shipping_agent_code") references "shipping_agent" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "shipment_sync" add constraint "shipment_sync_shipment_id_foreign" foreign key ("shipment_id") references "sales_shipment_header" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "shipment_fulfillment_request" add constraint "shipment_fulfillment_request_sync_id_foreign" foreign key ("sync_id") references "shipment_sync" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "sales_shipment_line" add constraint "sales_shipment_line_shipment_id_foreign" foreign key ("shipment_id") references "sales_shipment_header" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "shop_card" add column "close_requires_invoice" boolean not null default false;`,
    );

    this.addSql(`alter table "sales_header" add column "archived_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "sales_shipment_header" drop constraint "sales_shipment_header_shipping_agent_code_foreign";`,
    );

    this.addSql(
      `alter table "sales_invoice_line_posted" drop constraint "sales_invoice_line_posted_invoice_id_foreign";`,
    );

    this.addSql(`alter table "shipment_sync" drop constraint "shipment_sync_shipment_id_foreign";`);

    this.addSql(
      `alter table "sales_shipment_line" drop constraint "sales_shipment_line_shipment_id_foreign";`,
    );

    this.addSql(
      `alter table "shipment_fulfillment_request" drop constraint "shipment_fulfillment_request_sync_id_foreign";`,
    );

    this.addSql(`drop table if exists "shipping_agent" cascade;`);

    this.addSql(`drop table if exists "sales_document_archive" cascade;`);

    this.addSql(`drop table if exists "sales_invoice_header_posted" cascade;`);

    this.addSql(`drop table if exists "sales_invoice_line_posted" cascade;`);

    this.addSql(`drop table if exists "sales_shipment_header" cascade;`);

    this.addSql(`drop table if exists "shipment_sync" cascade;`);

    this.addSql(`drop table if exists "shipment_fulfillment_request" cascade;`);

    this.addSql(`drop table if exists "sales_shipment_line" cascade;`);

    this.addSql(`alter table "sales_header" drop column "archived_at";`);

    this.addSql(`alter table "shop_card" drop column "close_requires_invoice";`);
  }
}
