import { Migration } from '@mikro-orm/migrations';

/** The Shopify cost bucket of each store, shared by every worker process (issue 16). */
export class Migration20261207223000_shopify_store_bucket extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "shopify_store_bucket" (
      "store" varchar(255) not null,
      "maximum_available" double precision not null,
      "restore_rate" double precision not null,
      "level" double precision not null,
      "level_at" timestamptz not null,
      "status_known" boolean not null default false,
      constraint "shopify_store_bucket_pkey" primary key ("store"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "shopify_store_bucket";`);
  }
}
