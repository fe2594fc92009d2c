import { HealthCheck } from './health-check';

/** Every entity of the ERP store, registered by reference (no folder globs: works in vitest, tsx and bundles). */
export const ERP_ENTITIES = [HealthCheck];

export { HealthCheck };
