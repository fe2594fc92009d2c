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

/**
 * Temporal could not be reached: names the address tried, what went wrong in a few words, and
 * what to check, instead of the SDK's "Failed to connect before the deadline" or tonic's dump.
 */
export class TemporalUnreachableError extends Error {
  constructor(
    readonly address: string,
    readonly reason: string,
    localDevServer: boolean,
  ) {
    const where = localDevServer
      ? `TEMPORAL_ADDRESS is not set, so the local dev server on TEMPORAL_DEV_PORT is used: start it with ` +
        '`orderbridge up` (or `temporal server start-dev`), or set TEMPORAL_ADDRESS to your cluster'
      : 'check that TEMPORAL_ADDRESS names a running Temporal frontend (host:port) reachable from here, ' +
        'and its TLS settings (TEMPORAL_TLS, TEMPORAL_TLS_CERT_PATH/KEY_PATH) or TEMPORAL_API_KEY';
    super(
      `Cannot reach Temporal at ${address} (${reason}): ${where}; \`orderbridge status\` shows what is used.`,
    );
    this.name = 'TemporalUnreachableError';
  }
}

/** A few words for what the SDK or its Rust core said about a failed connection. */
export function connectionFailureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/connection refused/i.test(text)) return 'connection refused';
  if (/deadline|timed? ?out/i.test(text)) return 'no answer in time';
  if (/dns|lookup|resolve|not known/i.test(text)) return 'host name not found';
  if (/tls|certificate|handshake/i.test(text)) return 'TLS handshake failed';
  if (/unauthenticated|permission|api key/i.test(text)) return 'credentials refused';
  return 'connection failed';
}

/** Runs `connect`; a failure becomes TemporalUnreachableError for the configured address. */
export async function connectingToTemporal<T>(
  config: OrderbridgeConfig,
  connect: () => Promise<T>,
): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    throw new TemporalUnreachableError(
      temporalAddress(config),
      connectionFailureReason(error),
      usesLocalDevServer(config),
    );
  }
}
