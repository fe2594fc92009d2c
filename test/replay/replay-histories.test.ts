import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { testWorkflowBundle } from '../helpers/test-temporal';

const HISTORIES_FOLDER = fileURLToPath(new URL('./histories', import.meta.url));

/**
 * Every saved history must replay on the current workflow code: a change to command order that
 * is not guarded by patched() fails here, before it fails in production. Record new histories
 * with RECORD_HISTORIES=1 on the integration tests that save them.
 */
describe('saved workflow histories replay on the current code', () => {
  const historyFiles = readdirSync(HISTORIES_FOLDER).filter((file) => file.endsWith('.json'));

  it('has histories to replay', () => {
    expect(historyFiles.length).toBeGreaterThan(0);
  });

  for (const file of historyFiles) {
    it(`replays ${file}`, async () => {
      const history = historyFromJSON(JSON.parse(readFileSync(`${HISTORIES_FOLDER}/${file}`, 'utf8')));
      const workflowBundle = await testWorkflowBundle();
      await expect(Worker.runReplayHistory({ workflowBundle }, history)).resolves.toBeUndefined();
    });
  }
});
