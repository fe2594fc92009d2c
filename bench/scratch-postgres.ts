import { execFile, type ExecFileOptions } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../platform/temporal-dev-server';

const run = promisify(execFile);

/** A PostgreSQL cluster of one run's own: restarting it never touches anyone else's databases. */
export interface ScratchPostgres {
  port: number;
  /** Server URL without a database: `${serverUrl}/name`. */
  serverUrl: string;
  /** pg_ctl restart -m fast: every connection is cut, as a failover or an upgrade would. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root: then the cluster belongs to the postgres user. */
const asRoot = userInfo().uid === 0;

async function pg(command: string, args: string[], options: ExecFileOptions = {}): Promise<void> {
  const binary = process.env.PG_BIN_DIR ? join(process.env.PG_BIN_DIR, command) : command;
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', binary, ...args], options);
  else await run(binary, args, options);
}

/** initdb in a temporary directory, started on a free port of loopback with trust auth. */
export async function startScratchPostgres(): Promise<ScratchPostgres> {
  const directory = mkdtempSync(join(tmpdir(), 'ob-chaos-pg-'));
  const dataDir = join(directory, 'data');
  if (asRoot) {
    chmodSync(directory, 0o755);
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(directory, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  await pg('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const serverOptions = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (...args: string[]) =>
    pg('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', join(directory, 'log'), '-w', ...args]);
  await ctl('start');
  let stopped = false;
  return {
    port,
    serverUrl: `postgres://postgres@127.0.0.1:${port}`,
    restart: () => ctl('restart', '-m', 'fast'),
    async stop() {
      if (stopped) return;
      stopped = true;
      await ctl('stop', '-m', 'immediate').catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
