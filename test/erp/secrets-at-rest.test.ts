import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, migrateErp, migratorOf, openErp } from '../../erp/orm';
import {
  clientSecretsForShopDomain,
  readShopCredentials,
  rotateSecretKey,
  setShopCredentials,
} from '../../erp/services/credentials';
import { addShopCard, getShopAccessToken } from '../../erp/services/settings';
import {
  createSecretKeyring,
  openSecret,
  sealedKeyId,
  sealSecret,
  SecretKeyMissingError,
} from '../../platform/secret-box';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;
const originalKey = process.env.ORDERBRIDGE_SECRET_KEY;
const newKey = () => randomBytes(32).toString('base64');

beforeAll(async () => {
  erp = await createTestErp(inject('testRunId'));
  await addShopCard(erp.orm, { code: 'WEB', shopDomain: 'secrets-test.myshopify.com' });
  await setShopCredentials(erp.orm, 'WEB', {
    kind: 'offline_token',
    clientId: 'client-web',
    clientSecret: 'shpss_client_secret_web',
    accessToken: 'shpat_access_web',
    accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
    refreshToken: 'shprt_refresh_web',
  });
  await addShopCard(erp.orm, {
    code: 'POS',
    shopDomain: 'secrets-test.myshopify.com',
    accessToken: 'shpat_static_pos',
  });
});

afterEach(() => {
  process.env.ORDERBRIDGE_SECRET_KEY = originalKey;
  delete process.env.ORDERBRIDGE_OLD_SECRET_KEYS;
});

afterAll(async () => {
  await erp?.close();
});

const PLAINTEXTS = ['shpss_client_secret_web', 'shpat_access_web', 'shprt_refresh_web', 'shpat_static_pos'];

async function sealedValues(): Promise<string[]> {
  const rows = await erp.orm.em.fork().getConnection().execute<
    {
      client_secret_sealed: string | null;
      access_token_sealed: string | null;
      refresh_token_sealed: string | null;
    }[]
  >('select client_secret_sealed, access_token_sealed, refresh_token_sealed from shop_card order by code');
  return rows.flatMap((row) =>
    [row.client_secret_sealed, row.access_token_sealed, row.refresh_token_sealed].filter(
      (value): value is string => value !== null,
    ),
  );
}

describe('secrets at rest', () => {
  it('keeps no secret in plain text in any column of the shop cards', async () => {
    const rows = await erp.orm.em
      .fork()
      .getConnection()
      .execute<{ row: string }[]>('select row_to_json(shop_card)::text as row from shop_card');
    expect(rows).toHaveLength(2);
    for (const { row } of rows) {
      for (const plaintext of PLAINTEXTS) expect(row).not.toContain(plaintext);
    }
    const sealed = await sealedValues();
    expect(sealed).toHaveLength(4);
    for (const value of sealed) expect(value).toMatch(/^obsec1:[0-9a-f]{12}:/);
    expect(await getShopAccessToken(erp.orm, 'POS')).toBe('shpat_static_pos');
    expect(await clientSecretsForShopDomain(erp.orm, 'secrets-test.myshopify.com')).toEqual([
      'shpss_client_secret_web',
    ]);
  });

  it('re-encrypts every value under a new key, and back', async () => {
    const firstKey = process.env.ORDERBRIDGE_SECRET_KEY!;
    const firstId = createSecretKeyring(firstKey).current!.id;
    const secondKey = newKey();
    const secondId = createSecretKeyring(secondKey).current!.id;
    process.env.ORDERBRIDGE_SECRET_KEY = secondKey;
    process.env.ORDERBRIDGE_OLD_SECRET_KEYS = firstKey;
    expect(await rotateSecretKey(erp.orm)).toEqual({ keyId: secondId, resealed: 4, alreadyCurrent: 0 });
    expect((await sealedValues()).map(sealedKeyId)).toEqual([secondId, secondId, secondId, secondId]);

    // The old key is no longer needed to read anything.
    delete process.env.ORDERBRIDGE_OLD_SECRET_KEYS;
    const web = await readShopCredentials(erp.orm, 'WEB');
    expect(web).toMatchObject({
      clientSecret: 'shpss_client_secret_web',
      accessToken: 'shpat_access_web',
      refreshToken: 'shprt_refresh_web',
    });
    expect(await rotateSecretKey(erp.orm)).toEqual({ keyId: secondId, resealed: 0, alreadyCurrent: 4 });

    process.env.ORDERBRIDGE_SECRET_KEY = firstKey;
    // Without the key the values were sealed with, nothing opens and nothing is changed.
    await expect(rotateSecretKey(erp.orm)).rejects.toThrow(/sealed with key/);
    process.env.ORDERBRIDGE_OLD_SECRET_KEYS = secondKey;
    expect(await rotateSecretKey(erp.orm)).toMatchObject({ keyId: firstId, resealed: 4 });
    delete process.env.ORDERBRIDGE_OLD_SECRET_KEYS;
    expect(await getShopAccessToken(erp.orm, 'POS')).toBe('shpat_static_pos');
  });

  it('refuses to store a secret without a key, saying how to make one', () => {
    const noKey = createSecretKeyring(undefined);
    expect(() => sealSecret('shpat_x', 'shop_card.access_token', noKey)).toThrow(SecretKeyMissingError);
    expect(() => sealSecret('shpat_x', 'shop_card.access_token', noKey)).toThrow(/openssl rand -base64 32/);
  });

  it('binds a value to its column: a sealed token moved to another column does not open', () => {
    const sealed = sealSecret('shpat_x', 'shop_card.access_token');
    expect(openSecret(sealed, 'shop_card.access_token')).toBe('shpat_x');
    expect(() => openSecret(sealed, 'shop_card.client_secret')).toThrow(/altered/);
  });

  it('encrypts the plain-text tokens of an older database when migrating', async () => {
    const databaseUrl = `postgres://postgres@127.0.0.1:5432/ob_test_${inject('testRunId')}_${randomBytes(4).toString('hex')}`;
    const orm = await openErp({ databaseUrl, migrate: false, poolMax: 2 });
    try {
      await (await migratorOf(orm)).up({ to: 'Migration20261127235703_order_to_import_dispatched_version' });
      await orm.em
        .fork()
        .getConnection()
        .execute(
          `insert into shop_card (code, shop_domain, access_token) values ('OLD', 'old.myshopify.com', 'shpat_plain_old')`,
        );
      await migrateErp(orm);
      const rows = await orm.em
        .fork()
        .getConnection()
        .execute<{ row: string }[]>('select row_to_json(shop_card)::text as row from shop_card');
      expect(rows[0]!.row).not.toContain('shpat_plain_old');
      expect(await readShopCredentials(orm, 'OLD')).toMatchObject({
        kind: 'static_token',
        accessToken: 'shpat_plain_old',
      });
    } finally {
      await orm.close(true);
      await dropDatabase(databaseUrl);
    }
  });
});
