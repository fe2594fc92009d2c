#!/usr/bin/env node
// Runs the CLI built by `npm run build:cli` (run by `npm ci` through `prepare`). When a source file
// changed since that build (an edit, a pull, a checkout), it runs the sources through tsx instead,
// slower but never old code, and says so on stderr.
import { readFileSync, statSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps compiled code of the modules between runs (most of a start is compiling them).
module.enableCompileCache?.();

const projectRoot = new URL('..', import.meta.url);
const builtEntry = new URL('dist/cli/main.js', projectRoot);

function staleSource() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('dist/cli/sources.json', projectRoot), 'utf8'));
  } catch {
    return 'no build';
  }
  for (const [source, builtMtime] of Object.entries(manifest.sources)) {
    try {
      if (statSync(new URL(source, projectRoot)).mtimeMs !== builtMtime) return source;
    } catch {
      return source;
    }
  }
  return undefined;
}

const stale = staleSource();
if (stale === undefined) {
  await import(builtEntry.href);
} else {
  console.error(
    `orderbridge: ${stale === 'no build' ? 'no build in dist/cli' : `${stale} changed since the build`}: ` +
      'running the sources through tsx (slow start); `npm run build:cli` makes it fast again.',
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('client/main.ts', projectRoot).href);
}
