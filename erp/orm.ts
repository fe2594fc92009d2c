import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import { ERP_ENTITIES } from './entities';
import { ERP_MIGRATIONS } from './migrations';

export type ErpOrm = MikroORM;

export interface ErpOrmOptions {
  databaseUrl: string;
  /** Print SQL (debug only). */
  debug?: boolean;
  /** Pool size per process; activities hold one connection each while they run. */
  poolMax?: number;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export function erpOrmConfig(options: ErpOrmOptions): Options {
  return {
    clientUrl: options.databaseUrl,
    entities: ERP_ENTITIES,
    debug: options.debug ?? false,
    // Activities fork their own EntityManager; the global one must never carry request state.
    allowGlobalContext: false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Keep numerics as strings (money) and bigints as strings (Shopify ids) end to end.
    forceEntityConstructor: false,
    migrations: {
      path: MIGRATIONS_FOLDER,
      pathTs: MIGRATIONS_FOLDER,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
      // A static list: no file discovery, so it works the same under tsx, vitest and a bundle.
      migrationsList: ERP_MIGRATIONS,
    },
    // MikroORM is CommonJS; loading through our (transformed) module keeps .ts imports working under vitest.
    dynamicImportProvider: (id: string) => import(id),
  };
}

/**
 * Opens the ERP store: creates the database when it is missing and applies pending migrations.
 * Two processes starting at once are safe: migrations run inside a transaction holding an advisory lock.
 */
export async function openErp(options: ErpOrmOptions & { migrate?: boolean }): Promise<ErpOrm> {
  await ensureDatabaseExists(options.databaseUrl);
  const orm = await MikroORM.init(erpOrmConfig(options));
  if ((options.migrate ?? true) && (await hasUnappliedMigrations(orm))) await migrateErp(orm);
  return orm;
}

/**
 * Whether a migration of ERP_MIGRATIONS is missing from the migrations table. One query instead
 * of MikroORM's migrator, which loads and sets up umzug on every start (a third of a CLI
 * command's CPU); `migratorOf` loads @mikro-orm/migrations only when something is applied.
 */
async function hasUnappliedMigrations(orm: ErpOrm): Promise<boolean> {
  try {
    const applied = await orm.em
      .getConnection()
      .execute<{ name: string }[]>('select name from mikro_orm_migrations');
    const names = new Set(applied.map((row) => row.name));
    return ERP_MIGRATIONS.some((migration) => !names.has(migration.name));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return true;
    throw error;
  }
}

const MIGRATION_LOCK_KEY = 0x0b0b_0001;

/**
 * The migrator, registered on first use: loading @mikro-orm/migrations only when migrations run
 * keeps it off every CLI start, and registering it ourselves does not depend on MikroORM finding
 * the package from the process's working directory.
 */
export async function migratorOf(orm: ErpOrm) {
  const { Migrator } = await import('@mikro-orm/migrations');
  if (!orm.config.getExtension('@mikro-orm/migrator')) Migrator.register(orm);
  return orm.migrator;
}

export async function migrateErp(orm: ErpOrm): Promise<string[]> {
  const connection = orm.em.getConnection();
  // Serialise concurrent starters (two workers, a CLI and a worker) on one advisory lock.
  const knex = connection.getKnex();
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    const executed = await (await migratorOf(orm)).up();
    return executed.map((migration) => migration.name);
  });
}

export async function pendingMigrations(orm: ErpOrm): Promise<string[]> {
  return (await (await migratorOf(orm)).getPendingMigrations()).map((migration) => migration.name);
}

export async function executedMigrations(orm: ErpOrm): Promise<string[]> {
  return (await (await migratorOf(orm)).getExecutedMigrations()).map((migration) => migration.name);
}

/** CREATE DATABASE when it does not exist, connecting to the server's `postgres` database. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const databaseName = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!databaseName) throw new Error('DATABASE_URL: expected a database name in the path, e.g. /orderbridge');
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database "${databaseName.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another process created it between our check and our create.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const databaseName = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${databaseName.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
}
