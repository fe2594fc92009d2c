import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../worker/worker';

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

describe("workflows/ stays inside Temporal's sandbox", () => {
  it('bundles with no disallowed module and exports the workflow types the worker serves', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
    expect(bundle.code.length).toBeGreaterThan(1000);
    const workflows = await import('../../workflows/index');
    expect(Object.keys(workflows)).toContain('healthCheckWorkflow');
    for (const [name, exported] of Object.entries(workflows)) {
      if (name.endsWith('Workflow')) expect(typeof exported, name).toBe('function');
    }
  });

  it('refuses workflow code that imports a Node module (the check above can fail)', async () => {
    const forbidden = fileURLToPath(new URL('../fixtures/forbidden-workflow.ts', import.meta.url));
    const reported: string[] = [];
    const collecting = { ...silent, error: (message: string) => void reported.push(message) };
    await expect(bundleWorkflowCode({ workflowsPath: forbidden, logger: collecting })).rejects.toThrow(
      /Webpack/,
    );
    expect(reported.join('\n')).toMatch(/node:fs/);
  });
});
