import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OrderToImport } from '../../erp/entities';
import { markOrderToImportFailed } from '../../erp/services/orders';
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

/** A run that may fail: its exit code and what it printed. */
async function exitOf(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await orderbridge(...args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

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

  it('documents its exit codes in --help', async () => {
    const { stdout } = await orderbridge('--help');
    expect(stdout).toMatch(/Exit codes:\n\s+0\s+success/);
    expect(stdout).toMatch(/4\s+needs attention/);
  });

  it('exits 2 for a command line it cannot run', async () => {
    expect(await exitOf('no-such-command')).toMatchObject({ code: 2, stderr: /unknown command/ });
    expect(await exitOf('orders', 'list', '--no-such-option')).toMatchObject({
      code: 2,
      stderr: /unknown option/,
    });
    expect(await exitOf('sync', 'orders', '--shop', 'WEB', '--since', 'yesterday')).toMatchObject({
      code: 2,
      stderr: /--since yesterday: expected an ISO time/,
    });
  });

  it('refuses a numeric option that is not a number before it lists anything', async () => {
    const listed = await exitOf('orders', 'list', '--limit', 'abc');
    expect(listed).toMatchObject({
      code: 2,
      stderr: /option '--limit <n>' argument 'abc' is invalid\. Expected a whole number ≥ 1\./,
      stdout: '',
    });
    expect(listed.stderr).not.toMatch(/MikroORM|valid integer/);
  });

  it('exits 3 when the order named does not exist', async () => {
    expect(await exitOf('order', 'show', '#404404')).toMatchObject({
      code: 3,
      stderr: /No order #404404 is known/,
    });
  });

  it('exits 4 when a list of errors is not empty, 0 when it is', async () => {
    expect(await exitOf('orders-to-import', 'list', '--errors')).toMatchObject({ code: 0 });
    const em = erp.orm.em.fork();
    em.create(OrderToImport, {
      store: 'exit-codes.myshopify.com',
      shopifyOrderId: 'gid://shopify/Order/4004',
      name: '#4004',
      shopifyCreatedAt: new Date('2026-11-20T10:00:00Z'),
      shopifyUpdatedAt: new Date('2026-11-20T10:00:00Z'),
      totalAmount: '100.00',
      currencyCode: 'NOK',
    });
    await em.flush();
    await markOrderToImportFailed(erp.orm, 'exit-codes.myshopify.com', 'gid://shopify/Order/4004', 'boom');
    const listed = await exitOf('orders-to-import', 'list', '--errors');
    expect(listed).toMatchObject({ code: 4, stderr: /needs attention: 1 orders to import with errors/ });
    expect(listed.stdout).toContain('#4004');
  });

  it('fits a table to COLUMNS', async () => {
    const em = erp.orm.em.fork();
    em.create(OrderToImport, {
      store: 'table-width.myshopify.com',
      shopifyOrderId: 'gid://shopify/Order/5005',
      name: '#5005',
      shopifyCreatedAt: new Date('2026-11-21T10:00:00Z'),
      shopifyUpdatedAt: new Date('2026-11-21T10:00:00Z'),
      totalAmount: '100.00',
      currencyCode: 'NOK',
      tags: ['wholesale', 'priority', 'gift-wrap', 'vip'],
    });
    await em.flush();
    const longError = 'Variant 4711 (SKU BLUE-SHIRT-XL) is not mapped to an item; '.repeat(5);
    await markOrderToImportFailed(
      erp.orm,
      'table-width.myshopify.com',
      'gid://shopify/Order/5005',
      longError,
    );
    const { stdout } = await run(process.execPath, [join(outdir, 'main.js'), 'orders-to-import', 'list'], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: erp.databaseUrl, COLUMNS: '100' },
    });
    const lines = stdout.trimEnd().split('\n');
    expect(lines.find((line) => line.includes('#5005'))).toMatch(/ Var.*…$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('names SIMULATOR_PORT when the port of the simulator is taken', async () => {
    const taken = createServer();
    await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await run(process.execPath, [join(outdir, 'main.js'), 'sim'], {
        cwd: projectRoot,
        env: { ...process.env, SIMULATOR_PORT: String(port) },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(result).toMatchObject({
        code: 1,
        stderr: new RegExp(`Port ${port} for the simulated Shopify store is already in use.*SIMULATOR_PORT`),
      });
    } finally {
      await new Promise((closed) => taken.close(closed));
    }
  });

  it('runs a command that opens and migrates the ERP database', async () => {
    const { stdout } = await orderbridge('orders', 'list', '--json');
    expect(JSON.parse(stdout)).toEqual([]);
  });
});
