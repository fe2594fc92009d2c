// What every group builds on: the ErpContext and its transactions.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './context';
