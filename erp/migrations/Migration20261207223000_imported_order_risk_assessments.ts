import { Migration } from '@mikro-orm/migrations';

/**
 * Every risk assessment of an order (level, provider, facts), not only the highest level, and the
 * name of a point-of-sale order's retail location: `order show` lists both.
 */
export class Migration20261207223000_imported_order_risk_assessments extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "imported_order" add column "risk_assessments" jsonb not null default '[]', add column "retail_location_name" varchar(255) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "imported_order" drop column "risk_assessments", drop column "retail_location_name";`,
    );
  }
}
