import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { TEST_ORDER_TIMINGS, type TestStack } from './test-stack';

export interface PausingWorker {
  /** Resolves once the activity's side effect is committed and the worker has stopped there. */
  paused(timeoutMs?: number): Promise<void>;
  /** SIGKILL: Temporal never hears how the activity ended. */
  kill(): void;
}

/**
 * A worker in a process of its own (test/fixtures/worker-process.ts) on the stack's task queue,
 * which stops for ever right after the side effect of `pauseAfter` is committed: the exactly-once
 * tests kill it there and let another worker retry the step.
 */
export function startPausingWorker(stack: TestStack, pauseAfter: string): PausingWorker {
  const scratch = mkdtempSync(join(tmpdir(), 'ob-kill-'));
  const markerFile = join(scratch, 'paused');
  const bundlePath = join(scratch, 'workflow-bundle.js');
  writeFileSync(bundlePath, stack.temporal.workflowBundle.code);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../fixtures/worker-process.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TASK_QUEUE: stack.temporal.taskQueue,
        DATABASE_URL: stack.erp.databaseUrl,
        SHOP_DOMAIN: stack.simulator.shopDomain,
        SHOPIFY_BASE_URL: stack.simulator.baseUrl,
        PAUSE_AFTER: pauseAfter,
        MARKER_FILE: markerFile,
        WORKFLOW_BUNDLE_PATH: bundlePath,
        ORDER_TIMINGS: JSON.stringify(TEST_ORDER_TIMINGS),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return {
    async paused(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!existsSync(markerFile)) {
        if (Date.now() > deadline) throw new Error(`the worker process never reached ${pauseAfter}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}
