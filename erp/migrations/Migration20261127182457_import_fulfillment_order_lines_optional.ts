import { Migration } from '@mikro-orm/migrations';

/**
 * The import reads a fulfillment order's lines only when the order has several (one holds every
 * line), so they may be unknown (null); and it no longer reads the delivery method, which nothing
 * read from this table (the shipment step reads it fresh from Shopify).
 */
export class Migration20261127182457_import_fulfillment_order_lines_optional extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "imported_fulfillment_order" drop column "delivery_method_type", alter column "lines" drop default, alter column "lines" drop not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`update "imported_fulfillment_order" set "lines" = '[]' where "lines" is null;`);
    this.addSql(
      `alter table "imported_fulfillment_order" add column "delivery_method_type" varchar(30) null, alter column "lines" set default '[]', alter column "lines" set not null;`,
    );
  }
}
