import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prebuiltWorkflowBundle } from '../../worker/workflow-bundle';

/** A bundle file whose inline source map says it was built from `source` as it read then. */
function bundleBuiltFrom(directory: string, source: string, contentThen: string): string {
  const map = {
    version: 3,
    sources: [source, 'webpack/bootstrap'],
    sourcesContent: [contentThen, '...'],
    mappings: '',
  };
  const path = join(directory, 'workflow-bundle.js');
  writeFileSync(
    path,
    `var bundled = 1;\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`,
  );
  return path;
}

describe('a prebuilt workflow bundle (WORKER_WORKFLOW_BUNDLE)', () => {
  it('is taken while the sources it was built from read the same', () => {
    const directory = mkdtempSync(join(tmpdir(), 'orderbridge-bundle-'));
    const source = join(directory, 'order.ts');
    writeFileSync(source, 'export const version = 1;\n');
    const path = bundleBuiltFrom(directory, source, 'export const version = 1;\n');
    expect(prebuiltWorkflowBundle(path)).toEqual({ codePath: path });
  });

  it('is refused once a source changed, naming the file and the command that rebuilds it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'orderbridge-bundle-'));
    const source = join(directory, 'order.ts');
    const path = bundleBuiltFrom(directory, source, 'export const version = 1;\n');
    writeFileSync(source, 'export const version = 2;\n');
    expect(() => prebuiltWorkflowBundle(path)).toThrow(
      `built from other code than this worker runs: ${source} changed since. Rebuild it with \`npm run build:workflows -- ${path}\``,
    );
  });
});
