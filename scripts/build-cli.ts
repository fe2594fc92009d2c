/**
 * Builds the CLI to JavaScript so `orderbridge` starts without transpiling TypeScript:
 *
 *   npm run build:cli [-- <outdir>]     (default dist/cli; `npm ci` runs it through `prepare`)
 *
 * Packages stay external (node resolves them from node_modules); each command module becomes its
 * own chunk, loaded only when that command runs. bin/orderbridge.js reads the source list written
 * beside the build to notice sources edited since, and then runs them through tsx instead.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const CLI_ENTRY = 'client/main.ts';
export const DEFAULT_CLI_OUTDIR = 'dist/cli';
/** Beside the build: each bundled source file with its modification time when it was bundled. */
export const SOURCES_MANIFEST = 'sources.json';

export interface CliBuildManifest {
  /** Source paths relative to the project root, with mtimeMs at build time. */
  sources: Record<string, number>;
}

/**
 * Modules find files next to themselves (migrations, the workflow barrel, the Shopify schema)
 * through import.meta.url. In a bundle that would name the chunk, so each source file gets its
 * own location back, relative to the output folder (the checkout can move, the layout cannot).
 */
function sourceLocationPlugin(outdir: string): Plugin {
  return {
    name: 'source-location',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async (args) => {
        const contents = await readFile(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return { contents, loader: 'ts' };
        const fromOutput = relative(outdir, args.path).split('\\').join('/');
        const located = `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`;
        return { contents: contents.replaceAll('import.meta.url', located), loader: 'ts' };
      });
    },
  };
}

export async function buildCli(
  projectRoot: string,
  outdir = DEFAULT_CLI_OUTDIR,
): Promise<{ outdir: string; files: number }> {
  const absoluteOutdir = isAbsolute(outdir) ? outdir : resolve(projectRoot, outdir);
  rmSync(absoluteOutdir, { recursive: true, force: true });
  mkdirSync(absoluteOutdir, { recursive: true });
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: [CLI_ENTRY],
    outdir: absoluteOutdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceLocationPlugin(absoluteOutdir)],
  });
  const manifest: CliBuildManifest = { sources: {} };
  for (const input of Object.keys(result.metafile.inputs)) {
    manifest.sources[input] = statSync(join(projectRoot, input)).mtimeMs;
  }
  writeFileSync(join(absoluteOutdir, SOURCES_MANIFEST), `${JSON.stringify(manifest)}\n`);
  return { outdir: absoluteOutdir, files: Object.keys(result.metafile.outputs).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildCli(process.cwd(), process.argv[2]);
  console.log(`cli: ${relative(process.cwd(), built.outdir)} (${built.files} files)`);
}
