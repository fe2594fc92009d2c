import { Migration } from '@mikro-orm/migrations';

/**
 * A shipment method mapping names the shipping agent and its service, and the sales document's
 * header keeps them: the shipment then tells Shopify the carrier the customer chose.
 */
export class Migration20261207194500_shipment_method_agent extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "shipment_method_mapping" add column "shipping_agent_code" varchar(10) null, add column "shipping_agent_service_code" varchar(10) null;`,
    );
    this.addSql(
      `alter table "sales_header" add column "shipping_agent_code" varchar(10) null, add column "shipping_agent_service_code" varchar(10) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "sales_header" drop column "shipping_agent_code", drop column "shipping_agent_service_code";`,
    );
    this.addSql(
      `alter table "shipment_method_mapping" drop column "shipping_agent_code", drop column "shipping_agent_service_code";`,
    );
  }
}
