import { Migration } from '@mikro-orm/migrations';

/**
 * The import no longer reads Shopify's original, subtotal, tax, discount, shipping, outstanding and
 * refunded totals (each cost a money bag per order, and nothing read the columns), nor each line's
 * product (nothing read it): their columns go, rather than hold numbers Shopify no longer sends.
 */
export class Migration20261127181735_trim_imported_order_totals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "imported_order" drop column "subtotal_shop", drop column "subtotal_presentment", drop column "total_shop", drop column "total_presentment", drop column "total_tax_shop", drop column "total_tax_presentment", drop column "total_discounts_shop", drop column "total_discounts_presentment", drop column "total_shipping_shop", drop column "total_shipping_presentment", drop column "total_outstanding_shop", drop column "total_outstanding_presentment", drop column "total_refunded_shop", drop column "total_refunded_presentment";`,
    );

    this.addSql(`alter table "imported_order_line" drop column "product_id";`);
  }

  override async down(): Promise<void> {
    // The values are gone: the columns come back empty (nullable) until orders are imported again.
    this.addSql(
      `alter table "imported_order" add column "subtotal_shop" numeric(20,4) null, add column "subtotal_presentment" numeric(20,4) null, add column "total_shop" numeric(20,4) null, add column "total_presentment" numeric(20,4) null, add column "total_tax_shop" numeric(20,4) null, add column "total_tax_presentment" numeric(20,4) null, add column "total_discounts_shop" numeric(20,4) null, add column "total_discounts_presentment" numeric(20,4) null, add column "total_shipping_shop" numeric(20,4) null, add column "total_shipping_presentment" numeric(20,4) null, add column "total_outstanding_shop" numeric(20,4) null, add column "total_outstanding_presentment" numeric(20,4) null, add column "total_refunded_shop" numeric(20,4) null, add column "total_refunded_presentment" numeric(20,4) null;`,
    );

    this.addSql(`alter table "imported_order_line" add column "product_id" varchar(100) null;`);
  }
}
