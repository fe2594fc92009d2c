import { Migration } from '@mikro-orm/migrations';

/** Web console: the people who sign in (bcrypt hashes, a role each) and their sessions. */
export class Migration20261207220000_operator_users extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "operator_user" (
      "username" varchar(100) not null,
      "password_hash" varchar(100) not null,
      "role" text check ("role" in ('viewer', 'operator')) not null,
      "created_at" timestamptz not null default current_timestamp,
      "updated_at" timestamptz not null default current_timestamp,
      "last_sign_in_at" timestamptz null,
      constraint "operator_user_pkey" primary key ("username"));`);
    this.addSql(`create table "operator_session" (
      "id_hash" varchar(64) not null,
      "username" varchar(100) null,
      "data" jsonb not null,
      "expires_at" timestamptz not null,
      constraint "operator_session_pkey" primary key ("id_hash"));`);
    this.addSql(`create index "operator_session_expires_at_index" on "operator_session" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "operator_session";`);
    this.addSql(`drop table if exists "operator_user";`);
  }
}
