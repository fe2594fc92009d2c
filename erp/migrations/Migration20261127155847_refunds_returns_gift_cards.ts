import { Migration } from '@mikro-orm/migrations';

export class Migration20261127155847_refunds_returns_gift_cards extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "issued_gift_card" ("id" serial primary key, "store" varchar(255) not null, "shopify_gift_card_id" varchar(100) not null, "order_id" int not null, "last_characters" varchar(10) not null, "initial_value" numeric(20,4) not null, "balance" numeric(20,4) not null, "currency_code" varchar(10) not null, "enabled" boolean not null default true, "shopify_created_at" timestamptz not null);`,
    );
    this.addSql(`create index "issued_gift_card_order_id_index" on "issued_gift_card" ("order_id");`);
    this.addSql(
      `alter table "issued_gift_card" add constraint "issued_gift_card_store_shopify_gift_card_id_unique" unique ("store", "shopify_gift_card_id");`,
    );

    this.addSql(
      `create table "imported_return" ("id" serial primary key, "order_id" int not null, "shopify_return_id" varchar(100) not null, "name" varchar(50) not null, "status" varchar(20) not null, "total_quantity" int not null, "shopify_created_at" timestamptz null, "closed_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "imported_return" add constraint "imported_return_order_id_shopify_return_id_unique" unique ("order_id", "shopify_return_id");`,
    );

    this.addSql(
      `create table "imported_return_line" ("id" serial primary key, "return_id" int not null, "position" int not null, "shopify_return_line_id" varchar(100) not null, "shopify_line_id" varchar(100) null, "quantity" int not null, "return_reason" text null, "return_reason_name" varchar(255) null, "customer_note" text null);`,
    );
    this.addSql(
      `alter table "imported_return_line" add constraint "imported_return_line_return_id_position_unique" unique ("return_id", "position");`,
    );

    this.addSql(
      `create table "imported_refund" ("id" serial primary key, "order_id" int not null, "store" varchar(255) not null, "shopify_refund_id" varchar(100) not null, "shopify_created_at" timestamptz null, "processed_at" timestamptz null, "note" text null, "total_refunded_shop" numeric(20,4) not null, "currency_shop" varchar(10) not null, "total_refunded_presentment" numeric(20,4) not null, "currency_presentment" varchar(10) not null, "shopify_return_id" varchar(100) null, "kind" text check ("kind" in ('credit', 'order-edit')) not null, "payment_state" text check ("payment_state" in ('pending', 'settled', 'none')) not null, "credit_memo_no" varchar(20) null, "has_error" boolean not null default false, "error_text" text null, "problems" jsonb not null default '[]', "first_imported_at" timestamptz not null default current_timestamp, "last_imported_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(`create index "imported_refund_order_id_index" on "imported_refund" ("order_id");`);
    this.addSql(
      `alter table "imported_refund" add constraint "imported_refund_store_shopify_refund_id_unique" unique ("store", "shopify_refund_id");`,
    );

    this.addSql(
      `create table "imported_refund_shipping_line" ("id" serial primary key, "refund_id" int not null, "position" int not null, "shopify_refund_shipping_line_id" varchar(100) not null, "shopify_shipping_line_id" varchar(100) null, "title" varchar(255) null, "subtotal_shop" numeric(20,4) not null, "subtotal_presentment" numeric(20,4) not null, "tax_shop" numeric(20,4) not null, "tax_presentment" numeric(20,4) not null);`,
    );
    this.addSql(
      `alter table "imported_refund_shipping_line" add constraint "imported_refund_shipping_line_refund_id_position_unique" unique ("refund_id", "position");`,
    );

    this.addSql(
      `create table "imported_refund_line" ("id" serial primary key, "refund_id" int not null, "position" int not null, "shopify_refund_line_id" varchar(100) null, "shopify_line_id" varchar(100) not null, "quantity" int not null, "restock_type" varchar(20) not null, "restocked" boolean not null, "location_id" varchar(100) null, "price_shop" numeric(20,4) not null, "price_presentment" numeric(20,4) not null, "subtotal_shop" numeric(20,4) not null, "subtotal_presentment" numeric(20,4) not null, "total_tax_shop" numeric(20,4) not null, "total_tax_presentment" numeric(20,4) not null);`,
    );
    this.addSql(
      `alter table "imported_refund_line" add constraint "imported_refund_line_refund_id_position_unique" unique ("refund_id", "position");`,
    );

    this.addSql(
      `create table "imported_order_adjustment" ("id" serial primary key, "refund_id" int not null, "position" int not null, "shopify_order_adjustment_id" varchar(100) not null, "reason" varchar(50) null, "amount_shop" numeric(20,4) not null, "amount_presentment" numeric(20,4) not null, "tax_shop" numeric(20,4) not null, "tax_presentment" numeric(20,4) not null);`,
    );
    this.addSql(
      `alter table "imported_order_adjustment" add constraint "imported_order_adjustment_refund_id_position_unique" unique ("refund_id", "position");`,
    );

    this.addSql(
      `alter table "issued_gift_card" add constraint "issued_gift_card_order_id_foreign" foreign key ("order_id") references "imported_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_return" add constraint "imported_return_order_id_foreign" foreign key ("order_id") references "imported_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_return_line" add constraint "imported_return_line_return_id_foreign" foreign key ("return_id") references "imported_return" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_refund" add constraint "imported_refund_order_id_foreign" foreign key ("order_id") references "imported_order" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_refund_shipping_line" add constraint "imported_refund_shipping_line_refund_id_foreign" foreign key ("refund_id") references "imported_refund" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_refund_line" add constraint "imported_refund_line_refund_id_foreign" foreign key ("refund_id") references "imported_refund" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "imported_order_adjustment" add constraint "imported_order_adjustment_refund_id_foreign" foreign key ("refund_id") references "imported_refund" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "sales_line" drop constraint if exists "sales_line_origin_check";`);

    this.addSql(
      `alter table "sales_line" add constraint "sales_line_origin_check" check("origin" in ('comment', 'item', 'shipping', 'tip', 'gift_card', 'non_restocked_item', 'refund', 'rounding'));`,
    );

    this.addSql(
      `alter table "imported_transaction" add column "account_number" varchar(100) null, add column "gift_card_last_characters" varchar(10) null, add column "shopify_refund_id" varchar(100) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "imported_return_line" drop constraint "imported_return_line_return_id_foreign";`,
    );

    this.addSql(
      `alter table "imported_refund_shipping_line" drop constraint "imported_refund_shipping_line_refund_id_foreign";`,
    );

    this.addSql(
      `alter table "imported_refund_line" drop constraint "imported_refund_line_refund_id_foreign";`,
    );

    this.addSql(
      `alter table "imported_order_adjustment" drop constraint "imported_order_adjustment_refund_id_foreign";`,
    );

    this.addSql(`drop table if exists "issued_gift_card" cascade;`);

    this.addSql(`drop table if exists "imported_return" cascade;`);

    this.addSql(`drop table if exists "imported_return_line" cascade;`);

    this.addSql(`drop table if exists "imported_refund" cascade;`);

    this.addSql(`drop table if exists "imported_refund_shipping_line" cascade;`);

    this.addSql(`drop table if exists "imported_refund_line" cascade;`);

    this.addSql(`drop table if exists "imported_order_adjustment" cascade;`);

    this.addSql(`alter table "sales_line" drop constraint if exists "sales_line_origin_check";`);

    this.addSql(
      `alter table "imported_transaction" drop column "account_number", drop column "gift_card_last_characters", drop column "shopify_refund_id";`,
    );

    this.addSql(
      `alter table "sales_line" add constraint "sales_line_origin_check" check("origin" in ('comment', 'item', 'shipping', 'tip', 'gift_card'));`,
    );
  }
}
