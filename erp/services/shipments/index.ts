// Shipments: posting them, syncing them to Shopify as fulfillments, and their mappings.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './location-mappings';
export * from './post-shipment';
export * from './posted-shipments';
export * from './shipment-method-mappings';
export * from './shipment-sync-records';
export * from './shipping-agents';
export * from './shipments-to-reconcile';
