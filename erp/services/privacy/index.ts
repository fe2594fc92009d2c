// Privacy requests (Shopify's mandatory topics) and what they remove or list.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './customer-data';
export * from './privacy-requests';
export * from './shop-data';
