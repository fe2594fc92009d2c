import { Migration } from '@mikro-orm/migrations';

/**
 * Orders to import remember the Shopify version an order sync last sent to the order's workflow,
 * so a sync listing the order again at that version before it is imported sends nothing.
 */
export class Migration20261127235703_order_to_import_dispatched_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "order_to_import" add column "dispatched_updated_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order_to_import" drop column "dispatched_updated_at";`);
  }
}
