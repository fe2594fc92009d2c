// The order workflow and what its callers need: its input, and the patch ids benchmarks replay.
export { orderWorkflow, IMPORT_WITH_DOCUMENT_PATCH } from './workflow';
export type { CarriedOrderState, OrderWorkflowInput } from './state';
