// The workflow bundle's entry point: every workflow type the worker registers.
export { healthCheckWorkflow } from './health-check';
export { orderWorkflow } from './order';
export { syncOrdersWorkflow } from './sync-orders';
export { syncShipmentsWorkflow } from './sync-shipments';
export { refundWorkflow } from './refund';
export { appUninstalledWorkflow } from './app-uninstalled';
export { privacyRequestWorkflow } from './privacy-request';
