// Webhooks: events that already had their effect, and the shop cards a delivery speaks for.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './webhook-deliveries';
export * from './webhook-shops';
