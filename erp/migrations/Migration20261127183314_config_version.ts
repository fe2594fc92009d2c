import { Migration } from '@mikro-orm/migrations';

/**
 * The tables mapping reads as configuration (shop cards, ERP set-up, customer templates, tax areas,
 * location and shipment method mappings, G/L accounts, currencies and rates) bump one version row
 * on every change, so a process may cache them and ask a single cheap question per unit of work:
 * "is this still the version I cached?" (erp/services/settings/erp-config.ts).
 *
 * The version is the id of the transaction that made the change: it never repeats (not after a
 * rollback, nor when a database is dropped and created again), which is all an equality check needs.
 */
const CONFIG_TABLES = [
  'erp_setup',
  'customer_template',
  'shop_customer_template',
  'tax_area',
  'location_mapping',
  'shipment_method_mapping',
  'gl_account',
  'currency',
  'currency_exchange_rate',
] as const;

/** The order sync's watermark moves every few seconds and is no configuration: it leaves the version alone. */
const SHOP_CARD_VOLATILE_COLUMNS = `- 'last_order_sync_at' - 'updated_at'`;

export class Migration20261127183314_config_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "config_version" ("id" int not null, "version" bigint not null, constraint "config_version_pkey" primary key ("id"));`,
    );
    this.addSql(`insert into "config_version" ("id", "version") values (1, txid_current());`);
    // Written once per transaction, however many rows it changes: later rows find the version set.
    this.addSql(
      `create function "bump_config_version"() returns trigger language plpgsql as $$
begin
  update "config_version" set "version" = txid_current() where "id" = 1 and "version" <> txid_current();
  return null;
end $$;`,
    );
    for (const table of CONFIG_TABLES) {
      this.addSql(
        `create trigger "${table}_config_version" after insert or update or delete on "${table}" for each row execute function "bump_config_version"();`,
      );
      this.addSql(
        `create trigger "${table}_config_version_truncate" after truncate on "${table}" for each statement execute function "bump_config_version"();`,
      );
    }
    this.addSql(
      `create trigger "shop_card_config_version" after insert or delete on "shop_card" for each row execute function "bump_config_version"();`,
    );
    this.addSql(
      `create trigger "shop_card_config_version_update" after update on "shop_card" for each row when ((to_jsonb(old) ${SHOP_CARD_VOLATILE_COLUMNS}) is distinct from (to_jsonb(new) ${SHOP_CARD_VOLATILE_COLUMNS})) execute function "bump_config_version"();`,
    );
    this.addSql(
      `create trigger "shop_card_config_version_truncate" after truncate on "shop_card" for each statement execute function "bump_config_version"();`,
    );

    // Bill-to matching (SPEC §4.2) narrows a country's customers to those whose post code has the
    // same digits before comparing names and addresses in code: digits survive every normalisation
    // the comparison applies (case, spacing), so the narrowing never drops a match.
    this.addSql(
      `create index "customer_country_post_code_digits_index" on "customer" ("country_code", regexp_replace(coalesce("post_code", ''), '[^0-9]', '', 'g'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "customer_country_post_code_digits_index";`);
    for (const table of [...CONFIG_TABLES, 'shop_card']) {
      this.addSql(`drop trigger if exists "${table}_config_version" on "${table}";`);
      this.addSql(`drop trigger if exists "${table}_config_version_truncate" on "${table}";`);
    }
    this.addSql(`drop trigger if exists "shop_card_config_version_update" on "shop_card";`);
    this.addSql(`drop function "bump_config_version"();`);
    this.addSql(`drop table "config_version";`);
  }
}
