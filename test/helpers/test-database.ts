import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, openErp, type ErpOrm } from '../../erp/orm';

const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestErp {
  orm: ErpOrm;
  databaseUrl: string;
  close(): Promise<void>;
}

/** A fresh database for one test file, migrated with the real migrations, dropped at close. */
export async function createTestErp(testRunId: string): Promise<TestErp> {
  const databaseUrl = `${SERVER_URL}/ob_test_${testRunId}_${randomBytes(4).toString('hex')}`;
  const orm = await openErp({ databaseUrl, migrate: true, poolMax: 10 });
  return {
    orm,
    databaseUrl,
    async close() {
      await orm.close(true);
      await dropDatabase(databaseUrl);
    },
  };
}

/** Drops whatever databases a run left behind (a crashed test file never reaches its afterAll). */
export async function dropTestDatabases(testRunId: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await client.connect();
  try {
    const leftovers = await client.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`ob_test_${testRunId}_%`],
    );
    for (const { datname } of leftovers.rows)
      await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
