import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import {
  ensureTemporalCli,
  freePort,
  startDevServer,
  type RunningDevServer,
} from '../platform/temporal-dev-server';
import { ORDERBRIDGE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { dropTestDatabases } from './helpers/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    testRunId: string;
  }
}

let server: RunningDevServer | undefined;
let testRunId = '';

/**
 * One headless Temporal dev server for the whole run (its start is slower than the SDK's 5 s window
 * on a busy 2-core machine), unless TEMPORAL_ADDRESS points at one already. Each test file then
 * connects to it with its own task queue, and gets its own PostgreSQL database.
 */
export async function setup(project: TestProject): Promise<void> {
  testRunId = randomBytes(3).toString('hex');
  project.provide('testRunId', testRunId);
  if (process.env.TEMPORAL_ADDRESS) {
    project.provide('temporalAddress', process.env.TEMPORAL_ADDRESS);
    return;
  }
  const cli = ensureTemporalCli({
    cliPath: process.env.TEMPORAL_CLI_PATH,
    log: (message) => console.log(message),
  });
  const port = await freePort();
  server = await startDevServer({
    cliPath: cli.path,
    port,
    namespace: 'default',
    searchAttributes: ORDERBRIDGE_SEARCH_ATTRIBUTES,
    logLevel: 'error',
    stdio: 'ignore',
  });
  project.provide('temporalAddress', server.address);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (testRunId) await dropTestDatabases(testRunId);
}
