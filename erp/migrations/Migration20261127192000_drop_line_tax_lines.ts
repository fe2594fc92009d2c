import { Migration } from '@mikro-orm/migrations';

/**
 * Order lines no longer keep Shopify's per-line tax lines: the import stopped reading them (3 to 4
 * Shopify cost points per taxed line) because the ERP computes line tax from its tax areas and
 * reconciles with the order's tax lines, which stay on the order.
 */
export class Migration20261127192000_drop_line_tax_lines extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "imported_order_line" drop column "tax_lines";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "imported_order_line" add column "tax_lines" jsonb not null default '[]';`);
  }
}
