import { Migration } from '@mikro-orm/migrations';

/**
 * An order's total on its orders-to-import row takes any size Shopify lists: one order with a
 * total beyond numeric(20,4) made every page of the order sync fail, so no order was imported.
 * Whether the ERP accepts such an amount is decided at import, for that order alone.
 */
export class Migration20261207190000_order_to_import_total_any_size extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "order_to_import" alter column "total_amount" type numeric;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order_to_import" alter column "total_amount" type numeric(20,4);`);
  }
}
