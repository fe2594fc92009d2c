import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks: the events that already had their effect (Shopify delivers at least once), the
 * privacy requests and their outcome, and why a shop card was disabled (the app was uninstalled).
 */
export class Migration20261207191500_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_delivery" (
      "shop_domain" varchar(255) not null,
      "event_id" varchar(100) not null,
      "topic" varchar(60) not null,
      "received_at" timestamptz not null default current_timestamp,
      constraint "webhook_delivery_pkey" primary key ("shop_domain", "event_id"));`);
    this.addSql(`create table "privacy_request" (
      "id" serial primary key,
      "shop_domain" varchar(255) not null,
      "event_id" varchar(100) not null,
      "topic" text check ("topic" in ('customers/data_request', 'customers/redact', 'shop/redact')) not null,
      "shopify_customer_id" varchar(100) null,
      "received_at" timestamptz not null default current_timestamp,
      "completed_at" timestamptz null,
      "outcome" jsonb null,
      constraint "privacy_request_event_unique" unique ("shop_domain", "event_id"));`);
    this.addSql(`alter table "shop_card" add column "disabled_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_delivery";`);
    this.addSql(`drop table if exists "privacy_request";`);
    this.addSql(`alter table "shop_card" drop column "disabled_reason";`);
  }
}
