// Shop cards, the cached ERP configuration, ERP setup and exchange rates.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './exchange-rates';
export * from './set-exchange-rate';
export { localCurrencyCode } from './erp-setup';
export * from './shop-cards';
export * from './work-fixable-by-change';
