import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../worker/worker';

export interface TestTemporal {
  client: Client;
  nativeConnection: NativeConnection;
  /** A task queue of this test file's own, so files never steal each other's tasks. */
  taskQueue: string;
  workflowBundle: WorkflowBundleWithSourceMap;
  close(): Promise<void>;
}

let bundlePromise: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow bundle, built once per test file (each file is its own process). */
export function testWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundlePromise ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
  return bundlePromise;
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, meta?: Record<string, unknown>) => console.error(message, meta),
  log: () => undefined,
};

export async function connectTestTemporal(): Promise<TestTemporal> {
  const address = inject('temporalAddress');
  const [connection, nativeConnection, workflowBundle] = await Promise.all([
    Connection.connect({ address }),
    NativeConnection.connect({ address }),
    testWorkflowBundle(),
  ]);
  return {
    client: new Client({ connection, namespace: 'default' }),
    nativeConnection,
    taskQueue: `test-${randomBytes(4).toString('hex')}`,
    workflowBundle,
    async close() {
      await connection.close();
      await nativeConnection.close();
    },
  };
}
