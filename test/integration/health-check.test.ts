import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { NativeConnection, Worker } from '@temporalio/worker';
import { HealthCheck } from '../../erp/entities';
import { createOrderbridgeWorker } from '../../worker/worker';
import { prebuiltWorkflowBundle, writeWorkflowBundle } from '../../worker/workflow-bundle';
import { healthCheckWorkflow } from '../../workflows/health-check';
import { createTestErp, type TestErp } from '../helpers/test-database';
import { testLogger } from '../helpers/test-logger';
import { connectTestTemporal, type TestTemporal } from '../helpers/test-temporal';

let erp: TestErp;
let temporal: TestTemporal;

beforeAll(async () => {
  [erp, temporal] = await Promise.all([createTestErp(inject('testRunId')), connectTestTemporal()]);
});

afterAll(async () => {
  await Promise.all(extraConnections.map((connection) => connection.close()));
  await temporal?.close();
  await erp?.close();
});

const extraConnections: NativeConnection[] = [];

/** Each worker gets its own connection, as two worker processes would. */
async function newWorker(
  identity: string,
  workflowBundle: Parameters<typeof createOrderbridgeWorker>[0]['workflowBundle'] = temporal.workflowBundle,
) {
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  extraConnections.push(connection);
  return createOrderbridgeWorker({
    connection,
    namespace: 'default',
    taskQueue: temporal.taskQueue,
    deps: {
      orm: erp.orm,
      logger: testLogger,
      temporalClient: temporal.client,
      taskQueue: temporal.taskQueue,
    },
    workflowBundle,
    identity,
  });
}

describe('a workflow on the real dev server with an activity on real PostgreSQL', () => {
  it('writes a row through the activity and returns what it read back', async () => {
    const worker = await newWorker('worker-a');
    const workflowId = `health-check:it-${Date.now()}`;
    const result = await worker.runUntil(
      temporal.client.workflow.execute(healthCheckWorkflow, { taskQueue: temporal.taskQueue, workflowId }),
    );
    expect(result.workflowId).toBe(workflowId);
    const stored = await erp.orm.em.fork().findOneOrFail(HealthCheck, { workflowId });
    expect(stored.workerIdentity).toBe(result.workerIdentity);
    expect(new Date(result.checkedAt).getTime()).toBe(stored.checkedAt.getTime());

    // The history just made replays on the current code: the workflow is deterministic.
    const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: temporal.workflowBundle }, history, workflowId);
    if (process.env.RECORD_HISTORIES === '1') {
      const target = fileURLToPath(new URL('../replay/histories/health-check.json', import.meta.url));
      writeFileSync(target, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
    }
  });

  it('shares work between two workers on one task queue without doing any twice', async () => {
    const [first, second] = await Promise.all([newWorker('worker-1'), newWorker('worker-2')]);
    const workflowIds = Array.from({ length: 12 }, (_, index) => `health-check:pair-${Date.now()}-${index}`);
    const results = await first.runUntil(
      second.runUntil(
        Promise.all(
          workflowIds.map((workflowId) =>
            temporal.client.workflow.execute(healthCheckWorkflow, {
              taskQueue: temporal.taskQueue,
              workflowId,
            }),
          ),
        ),
      ),
    );
    expect(results.map((result) => result.workflowId).sort()).toEqual([...workflowIds].sort());
    const rows = await erp.orm.em.fork().find(HealthCheck, { workflowId: { $in: workflowIds } });
    expect(rows).toHaveLength(workflowIds.length);
  });

  it('runs workflows from a bundle built ahead of time (WORKER_WORKFLOW_BUNDLE)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'orderbridge-bundle-')), 'workflow-bundle.js');
    const written = await writeWorkflowBundle(path);
    expect(written.bytes).toBeGreaterThan(0);
    const worker = await newWorker('worker-prebuilt', prebuiltWorkflowBundle(path));
    const workflowId = `health-check:prebuilt-${Date.now()}`;
    const result = await worker.runUntil(
      temporal.client.workflow.execute(healthCheckWorkflow, { taskQueue: temporal.taskQueue, workflowId }),
    );
    expect(result.workflowId).toBe(workflowId);
    // The workflow code that ran came from the file: its tasks were completed by that worker.
    const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
    const completedBy = (history.events ?? [])
      .map((event) => event.workflowTaskCompletedEventAttributes?.identity)
      .filter((identity) => identity);
    expect(completedBy.length).toBeGreaterThan(0);
    expect(new Set(completedBy)).toEqual(new Set(['worker-prebuilt']));
  });

  it('refuses a bundle path with no file, saying how to build it', () => {
    expect(() => prebuiltWorkflowBundle('/nonexistent/workflow-bundle.js')).toThrow(
      /no file is there: build it with `npm run build:workflows -- \/nonexistent\/workflow-bundle.js`/,
    );
  });
});
