import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook deliveries keep the order and version they announced (the reconciler counts what no
 * webhook announced), and are found by age, for pruning once Shopify's retries are long over.
 */
export class Migration20261207230000_webhook_delivery_orders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_delivery" add column "shopify_order_id" varchar(100) null,
      add column "shopify_updated_at" timestamptz null;`);
    this.addSql(
      `create index "webhook_delivery_order_idx" on "webhook_delivery" ("shop_domain", "shopify_order_id");`,
    );
    this.addSql(`create index "webhook_delivery_received_at_idx" on "webhook_delivery" ("received_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "webhook_delivery_received_at_idx";`);
    this.addSql(`drop index if exists "webhook_delivery_order_idx";`);
    this.addSql(
      `alter table "webhook_delivery" drop column "shopify_updated_at", drop column "shopify_order_id";`,
    );
  }
}
