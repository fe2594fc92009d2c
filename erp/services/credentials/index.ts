// Shop card credentials: sealed secrets, token renewal bookkeeping, refusals, key rotation.
// Code outside erp/services imports this group through this file; the rest is internal.
export * from './secret-key-rotation';
export * from './shop-client-secrets';
export * from './shop-credentials';
export * from './shop-secret-purposes';
