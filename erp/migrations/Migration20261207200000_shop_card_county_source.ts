import { Migration } from '@mikro-orm/migrations';

/** A shop card says whether its tax areas' counties are province codes (as before) or names. */
export class Migration20261207200000_shop_card_county_source extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "shop_card" add column "county_source" text check ("county_source" in ('code', 'name')) not null default 'code';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "shop_card" drop column "county_source";`);
  }
}
