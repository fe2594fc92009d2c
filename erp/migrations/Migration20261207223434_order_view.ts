import { Migration } from '@mikro-orm/migrations';

/**
 * One read model row per order (order_view), written by its workflow; and one stage vocabulary:
 * the imported-order record's stages take the workflow's spelling (document_created →
 * document-created; mapped, which nothing read, → imported). Orders imported before this get a
 * row from what the ERP knows, at the lowest version, so their workflow's first write replaces it.
 */
export class Migration20261207223434_order_view extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "order_view" ("workflow_id" varchar(300) not null, "store" varchar(255) not null, "shopify_order_id" varchar(100) not null, "shop_code" varchar(20) null, "order_name" varchar(50) null, "stage" text check ("stage" in ('importing', 'imported', 'mapping', 'needs-attention', 'document-created', 'waiting-for-fulfilment', 'closing', 'closed', 'skipped')) not null, "has_error" boolean not null default false, "problems" jsonb not null default '[]', "imported_order_id" int null, "document_type" varchar(10) null, "document_no" varchar(20) null, "document_state" varchar(10) null, "next_action" text not null, "open" boolean not null default true, "updated_at" timestamptz not null, "version_chain_started_at" timestamptz not null, "version_seq" int not null, constraint "order_view_pkey" primary key ("workflow_id"));`,
    );
    this.addSql(
      `create index "order_view_updated_idx" on "order_view" ("updated_at" desc, "workflow_id" desc);`,
    );
    this.addSql(
      `create index "order_view_open_updated_idx" on "order_view" ("updated_at" desc, "workflow_id" desc) where "open";`,
    );
    this.addSql(
      `create index "order_view_shop_updated_idx" on "order_view" ("shop_code", "updated_at" desc, "workflow_id" desc);`,
    );
    this.addSql(
      `create index "order_view_stage_updated_idx" on "order_view" ("stage", "updated_at" desc, "workflow_id" desc);`,
    );
    this.addSql(
      `create index "order_view_error_updated_idx" on "order_view" ("updated_at" desc, "workflow_id" desc) where "has_error";`,
    );
    this.addSql(
      `create index "order_view_problems_idx" on "order_view" using gin ("problems" jsonb_path_ops);`,
    );
    this.addSql(
      `alter table "order_view" add constraint "order_view_store_shopify_order_id_unique" unique ("store", "shopify_order_id");`,
    );

    this.addSql(`alter table "imported_order" drop constraint if exists "imported_order_stage_check";`);
    this.addSql(
      `update "imported_order" set "stage" = case "stage" when 'document_created' then 'document-created' when 'mapped' then 'imported' else "stage" end where "stage" in ('document_created', 'mapped');`,
    );
    this.addSql(
      `alter table "imported_order" add constraint "imported_order_stage_check" check("stage" in ('imported', 'document-created', 'closed'));`,
    );
    this.addSql(BACKFILL_SQL);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "order_view" cascade;`);
    this.addSql(`alter table "imported_order" drop constraint if exists "imported_order_stage_check";`);
    this.addSql(
      `update "imported_order" set "stage" = 'document_created' where "stage" = 'document-created';`,
    );
    this.addSql(
      `alter table "imported_order" add constraint "imported_order_stage_check" check("stage" in ('imported', 'mapped', 'document_created', 'closed'));`,
    );
  }
}

// Categories as domain/order-problem-categories.ts gives them, for the codes stored before.
const BACKFILL_SQL = `
insert into "order_view" ("workflow_id", "store", "shopify_order_id", "shop_code", "order_name", "stage",
  "has_error", "problems", "imported_order_id", "document_type", "document_no", "document_state",
  "next_action", "open", "updated_at", "version_chain_started_at", "version_seq")
select 'order:' || o.store || ':' || substring(o.shopify_order_id from '[^/]*$'), o.store, o.shopify_order_id,
       o.shop_code, o.name,
       case when o.has_error and d.no is null then 'needs-attention' else o.stage end,
       o.has_error,
       coalesce((select jsonb_agg(jsonb_build_object(
                  'category', case
                    when p->>'code' = 'SHIPMENT_NOT_SYNCED' then 'shipment'
                    when p->>'code' = 'ORDER_CLOSE_REFUSED' then 'close'
                    when p->>'code' in ('DOCUMENT_CONFLICT', 'AMOUNT_NOT_ACCEPTED', 'DATA_REJECTED', 'STEP_FAILING') then 'document'
                    when p->>'code' in ('SHOP_NOT_FOUND', 'SHOP_DISABLED', 'SHOP_CREDENTIALS_REFUSED', 'ORDER_NOT_IMPORTED',
                      'ORDER_CLAIMED_BY_OTHER_SHOP', 'ORDER_CANCELLED', 'ORDER_ARCHIVED', 'SNAPSHOT_INVALID', 'TEXT_ADJUSTED') then 'import'
                    else 'mapping' end,
                  'code', p->>'code', 'severity', p->>'severity', 'field', p->>'field',
                  'fix', p->>'fix', 'message', p->>'message'))
                  from jsonb_array_elements(o.problems) p), '[]'::jsonb),
       o.id, d.document_type, d.no,
       case when d.no is null then null when d.archived_at is not null then 'archived' else d.status end,
       case when o.has_error then coalesce(o.error_text, 'see orderbridge order show')
            when d.no is null then 'create the document: ' || chr(96) || 'orderbridge order create-document ' || ltrim(o.name, '#') || chr(96)
            else 'nothing recorded yet: the order''s workflow updates this at its next change' end,
       o.stage <> 'closed' or (d.no is not null and d.archived_at is null),
       o.updated_at, 'epoch'::timestamptz, 0
  from imported_order o
  left join lateral (
       select h.document_type, h.no, h.status, h.archived_at from sales_header h
        where h.imported_order_id = o.id and h.document_type in ('order', 'invoice')
        order by h.id limit 1) d on true
on conflict do nothing;`;
