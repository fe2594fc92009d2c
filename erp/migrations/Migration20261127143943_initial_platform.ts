import { Migration } from '@mikro-orm/migrations';

export class Migration20261127143943_initial_platform extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "health_check" ("id" serial primary key, "workflow_id" varchar(200) not null, "worker_identity" varchar(200) not null, "checked_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(
      `alter table "health_check" add constraint "health_check_workflow_id_unique" unique ("workflow_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "health_check" cascade;`);
  }
}
