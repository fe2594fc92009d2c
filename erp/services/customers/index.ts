// ERP customers: finding, creating and linking them to Shopify customers, templates for new ones.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './create-order-customer';
export * from './customer-templates';
export * from './map-shopify-customer';
export * from './set-order-customer';
