import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A round trip written by the health-check workflow: proves that a worker can reach
 * Temporal and PostgreSQL together. `orderbridge status --probe` reads it back.
 */
export const HealthCheck = defineEntity({
  name: 'HealthCheck',
  tableName: 'health_check',
  properties: {
    id: p.integer().primary().autoincrement(),
    workflowId: p.string().length(200).unique(),
    workerIdentity: p.string().length(200),
    checkedAt: p.datetime().defaultRaw('current_timestamp'),
  },
});

export type HealthCheck = InferEntity<typeof HealthCheck>;
