import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from './worker';

/** Where `npm run build:workflows` writes the bundle unless told otherwise. */
export const DEFAULT_WORKFLOW_BUNDLE_PATH = 'dist/workflow-bundle.js';

const bundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: Record<string, unknown>) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: Record<string, unknown>) => console.error(message, meta ?? ''),
  log: () => undefined,
};

/**
 * Bundles workflows/ for Temporal's sandbox into one file, ahead of time. A worker given that
 * file never runs webpack: it starts seconds sooner and its heap holds only what it runs
 * (75 MB less resident memory in `npm run bench -- --orders 1000`), which also makes every full
 * garbage collection cheaper. Build it in the same deploy step as the code it comes from: the
 * worker runs the workflow code in the file, whatever the source tree says.
 */
export async function writeWorkflowBundle(path: string): Promise<{ path: string; bytes: number }> {
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: bundlerLogger });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bundle.code);
  return { path, bytes: Buffer.byteLength(bundle.code) };
}

/**
 * The source files a bundle was built from that read differently here now. The bundle's inline
 * source map holds every file webpack put in it (workflows/, what they import, the SDK) with its
 * content at build time; files not on this machine (virtual webpack modules, or a bundle built at
 * another path) cannot be compared and are not counted.
 */
export function changedBundleSources(code: string): { compared: number; changed: string[] } {
  const inlineMap =
    /sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
  if (!inlineMap) return { compared: 0, changed: [] };
  const map = JSON.parse(Buffer.from(inlineMap[1]!, 'base64').toString('utf8')) as {
    sources: string[];
    sourcesContent?: (string | null)[];
  };
  let compared = 0;
  const changed: string[] = [];
  map.sources.forEach((source, index) => {
    const builtFrom = map.sourcesContent?.[index];
    if (typeof builtFrom !== 'string' || !source.startsWith('/') || !existsSync(source)) return;
    compared += 1;
    if (readFileSync(source, 'utf8') !== builtFrom) changed.push(source);
  });
  return { compared, changed };
}

/**
 * The worker option for a bundle built by writeWorkflowBundle, checked before the worker starts:
 * the file must exist and be built from the code this worker runs (its activities come from the
 * source tree, its workflows from the file; a stale file would run old workflow code against new
 * activities, or without a `patched()` branch a change relies on).
 */
export function prebuiltWorkflowBundle(path: string): { codePath: string } {
  if (!existsSync(path)) {
    throw new Error(
      `WORKER_WORKFLOW_BUNDLE is ${path}, but no file is there: build it with \`npm run build:workflows -- ${path}\`, or unset WORKER_WORKFLOW_BUNDLE to bundle at start.`,
    );
  }
  const { changed } = changedBundleSources(readFileSync(path, 'utf8'));
  if (changed.length > 0) {
    throw new Error(
      `WORKER_WORKFLOW_BUNDLE ${path} was built from other code than this worker runs: ${changed[0]}` +
        (changed.length > 1 ? ` and ${changed.length - 1} more files changed since` : ' changed since') +
        `. Rebuild it with \`npm run build:workflows -- ${path}\`.`,
    );
  }
  return { codePath: path };
}
