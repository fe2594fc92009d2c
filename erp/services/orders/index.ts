// Imported Shopify orders: discovery queue, import, mapping to a document, closing.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './import-order';
export * from './map-order';
export * from './order-close-records';
export * from './orders-to-import';
export * from './record-discovered-orders';
export * from './imported-orders';
export * from './order-failure-record';
export * from './order-sync-progress';
export * from './order-candidates';
export * from './order-views';
