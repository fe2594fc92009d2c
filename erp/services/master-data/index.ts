// Master data: items and variants, customers, tax areas, G/L accounts, locations, shipment methods,
// kept by hand or CSV. Code outside erp/services imports this group through this file.
export * from './import-master-records';
export * from './master-data-error';
export * from './master-data-kinds';
export * from './master-records';
export type { MasterRecord } from './record-values';
export * from './map-shopify-variants';
