/**
 * Writes a migration for the difference between the entities and the database it is run
 * against (a scratch database migrated to the latest committed state), into erp/migrations/.
 * Usage: npm run migration:create -- <short_name>
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { dropDatabase, erpOrmConfig, ensureDatabaseExists, migratorOf } from '../erp/orm';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:create -- <short_name_in_snake_case>');
  process.exit(2);
}
const scratchUrl = `postgres://postgres@127.0.0.1:5432/orderbridge_migration_scratch`;
await dropDatabase(scratchUrl);
await ensureDatabaseExists(scratchUrl);
const orm = await MikroORM.init(erpOrmConfig({ databaseUrl: scratchUrl }));
const migrator = await migratorOf(orm);
await migrator.up();
const created = await migrator.createMigration(undefined, false, false, name);
await orm.close(true);
await dropDatabase(scratchUrl);
if (!created.fileName) {
  console.log('No schema changes: nothing written.');
} else {
  console.log(
    `Wrote erp/migrations/${created.fileName}. Add it to ERP_MIGRATIONS in erp/migrations/index.ts.`,
  );
}
