// The web console's paged lists and overview counts (its actions use the other groups' services).
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './console-lists';
export * from './shop-overview';
