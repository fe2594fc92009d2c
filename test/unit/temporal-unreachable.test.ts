import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config';
import {
  clientConnectionOptions,
  connectingToTemporal,
  TemporalUnreachableError,
  workerConnectionOptions,
} from '../../platform/temporal-connection';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the connection to fail');
}

describe('Temporal down', () => {
  it('a worker names the address it tried and what to check, not the transport dump', async () => {
    const port = await closedPort();
    const config = loadConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    const error = await failureOf(
      connectingToTemporal(config, () => NativeConnection.connect(workerConnectionOptions(config))),
    );
    expect(error).toBeInstanceOf(TemporalUnreachableError);
    expect(error.message).toContain(`Cannot reach Temporal at 127.0.0.1:${port} (connection refused)`);
    expect(error.message).toMatch(/check that TEMPORAL_ADDRESS names a running Temporal frontend/);
    expect(error.message).not.toMatch(/tonic|transport::Error/);
  });

  it('the CLI without TEMPORAL_ADDRESS says the local dev server is used and how to start it', async () => {
    const port = await closedPort();
    const config = loadConfig({ TEMPORAL_DEV_PORT: String(port) });
    const error = await failureOf(
      connectingToTemporal(config, () =>
        Connection.connect({ ...clientConnectionOptions(config), connectTimeout: '2 seconds' }),
      ),
    );
    expect(error.message).toContain(`Cannot reach Temporal at 127.0.0.1:${port}`);
    expect(error.message).toMatch(/orderbridge up/);
    expect(error.message).toMatch(/orderbridge status/);
  });
});
