import { Migration } from '@mikro-orm/migrations';
import { sealSecret } from '../../platform/secret-box';
import { SHOP_SECRET_PURPOSES } from '../services/credentials/shop-secret-purposes';

/**
 * Credentials per shop card: the kind (client credentials, expiring offline token, static token),
 * sealed secrets, token expiry and the last refusal. Tokens stored in plain text so far are sealed
 * here under ORDERBRIDGE_SECRET_KEY (the migration stops, changing nothing, when one exists and no
 * key is set) and become static tokens; the plaintext column is dropped.
 */
export class Migration20261207190000_shop_credentials extends Migration {
  override async up(): Promise<void> {
    await this.execute(`alter table "shop_card"
      add column "credential_kind" text check ("credential_kind" in ('client_credentials', 'offline_token', 'static_token')) not null default 'client_credentials',
      add column "client_id" varchar(255) null,
      add column "client_secret_sealed" text null,
      add column "access_token_sealed" text null,
      add column "access_token_expires_at" timestamptz null,
      add column "refresh_token_sealed" text null,
      add column "refresh_token_expires_at" timestamptz null,
      add column "token_renewed_at" timestamptz null,
      add column "credentials_refused_at" timestamptz null,
      add column "credentials_refusal" text null;`);
    const plaintext = (await this.execute(
      `select "code", "access_token" from "shop_card" where "access_token" is not null`,
    )) as { code: string; access_token: string }[];
    for (const row of plaintext) {
      await this.execute(
        `update "shop_card" set "access_token_sealed" = ?, "credential_kind" = 'static_token' where "code" = ?`,
        [sealSecret(row.access_token, SHOP_SECRET_PURPOSES.accessToken), row.code],
      );
    }
    await this.execute(`alter table "shop_card" drop column "access_token";`);
  }

  override async down(): Promise<void> {
    // Sealed tokens cannot go back to plain text here: the downgraded card needs its token set again.
    this.addSql(`alter table "shop_card" add column "access_token" text null;`);
    this.addSql(`alter table "shop_card"
      drop column "credential_kind", drop column "client_id", drop column "client_secret_sealed",
      drop column "access_token_sealed", drop column "access_token_expires_at",
      drop column "refresh_token_sealed", drop column "refresh_token_expires_at",
      drop column "token_renewed_at", drop column "credentials_refused_at",
      drop column "credentials_refusal";`);
  }
}
