// Items: finding the ERP item for a Shopify variant, and linking the two by hand.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './map-item';
