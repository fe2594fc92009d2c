// Sales documents: creating them from imported orders, release, line edits, invoicing, archive.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './create-sales-document';
export * from './post-invoice';
export * from './release-document';
export * from './sales-document-lookup';
export * from './sales-order-edits';
export * from './shopify-order-documents';
export * from './posted-invoices';
