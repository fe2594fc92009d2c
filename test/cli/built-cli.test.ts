import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli';
import { createTestErp, type TestErp } from '../helpers/test-database';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
// Inside the project: the bundle leaves packages to node, which finds them in node_modules above it.
const outdir = join(projectRoot, 'dist', `cli-test-${randomBytes(4).toString('hex')}`);
const run = promisify(execFile);
let erp: TestErp;

beforeAll(async () => {
  await buildCli(projectRoot, outdir);
  erp = await createTestErp(inject('testRunId'));
});

afterAll(async () => {
  rmSync(outdir, { recursive: true, force: true });
  await erp?.close();
});

const orderbridge = (...args: string[]) =>
  run(process.execPath, [join(outdir, 'main.js'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: erp.databaseUrl },
  });

describe('the CLI built to JavaScript', () => {
  it('lists every command', async () => {
    const { stdout } = await orderbridge('--help');
    expect(stdout).toMatch(/orders-to-import\s+Stage 1 of order sync/);
    expect(stdout).toMatch(/shipments\s+Posted shipments/);
  });

  it('prints the version of package.json', async () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const { stdout } = await orderbridge('--version');
    expect(stdout.trim()).toBe(manifest.version);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs a command that opens and migrates the ERP database', async () => {
    const { stdout } = await orderbridge('orders', 'list', '--json');
    expect(JSON.parse(stdout)).toEqual([]);
  });
});
