// The refund workflow and its input, for the worker's bundle and the code that starts it.
export { refundWorkflow } from './workflow';
export type { RefundWorkflowInput } from './state';
