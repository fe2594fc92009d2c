import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { OrderbridgeConfig } from './config';

/** Where Temporal is: an existing cluster (TEMPORAL_ADDRESS) or the local dev server we start. */
export function temporalAddress(config: OrderbridgeConfig): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}

export function usesLocalDevServer(config: OrderbridgeConfig): boolean {
  return config.TEMPORAL_ADDRESS === undefined;
}

function tlsOptions(config: OrderbridgeConfig) {
  const wantsTls = config.TEMPORAL_TLS ?? Boolean(config.TEMPORAL_API_KEY || config.TEMPORAL_TLS_CERT_PATH);
  if (!wantsTls) return undefined;
  const clientCertPair =
    config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
      ? { crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: readFileSync(config.TEMPORAL_TLS_KEY_PATH) }
      : undefined;
  return {
    ...(clientCertPair ? { clientCertPair } : {}),
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}

export function clientConnectionOptions(config: OrderbridgeConfig): ConnectionOptions {
  const tls = tlsOptions(config);
  return {
    address: temporalAddress(config),
    ...(tls ? { tls } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}

export function workerConnectionOptions(config: OrderbridgeConfig): NativeConnectionOptions {
  const tls = tlsOptions(config);
  return {
    address: temporalAddress(config),
    ...(tls ? { tls } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}
