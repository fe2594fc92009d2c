import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One row whose version changes with every change to the configuration tables (written by triggers,
 * see Migration20261127183314_config_version): processes cache configuration and compare versions.
 * Declared so schema diffs know the table; code reads it with plain SQL.
 */
export const ConfigVersion = defineEntity({
  name: 'ConfigVersion',
  tableName: 'config_version',
  properties: {
    id: p.integer().primary().autoincrement(false),
    version: p.bigint(),
  },
});

export type ConfigVersion = InferEntity<typeof ConfigVersion>;
