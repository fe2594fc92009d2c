// After-sales: imported refunds, credit memos, issued gift cards and the views over them.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './after-sales-views';
export * from './create-credit-memo';
export * from './issued-gift-cards';
export * from './refunds-awaiting-credit-memo';
