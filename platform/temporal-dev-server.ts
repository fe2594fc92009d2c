import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, chmodSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchAttributeType } from '@temporalio/common';

/** The shape defineSearchAttributeKey returns (not re-exported from the package root). */
interface SearchAttributeKey {
  name: string;
  type: SearchAttributeType;
}

/** The Temporal CLI we build: v1.5.1 is the newest tag that `go install` accepts (later ones use a replace directive). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT_BINARY = join(PROJECT_ROOT, '.tools', 'bin', 'temporal');
// A cache outside the clone, so a fresh clone (CI) finds a binary built by an earlier one.
const SHARED_CACHE_BINARY = join(
  process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
  'orderbridge',
  `temporal-${TEMPORAL_CLI_VERSION}`,
);

export interface TemporalCliLocation {
  path: string;
  source: 'TEMPORAL_CLI_PATH' | 'project' | 'shared-cache' | 'built';
}

/** Finds the Temporal CLI, building it with `go install` into .tools/bin when nowhere to be found. */
export function ensureTemporalCli(
  options: { cliPath?: string; log?: (message: string) => void } = {},
): TemporalCliLocation {
  const log = options.log ?? (() => undefined);
  if (options.cliPath) {
    if (!existsSync(options.cliPath)) throw new Error(`TEMPORAL_CLI_PATH: ${options.cliPath} does not exist`);
    return { path: options.cliPath, source: 'TEMPORAL_CLI_PATH' };
  }
  if (existsSync(PROJECT_BINARY)) return { path: PROJECT_BINARY, source: 'project' };
  mkdirSync(dirname(PROJECT_BINARY), { recursive: true });
  if (existsSync(SHARED_CACHE_BINARY)) {
    copyFileSync(SHARED_CACHE_BINARY, PROJECT_BINARY);
    chmodSync(PROJECT_BINARY, 0o755);
    return { path: PROJECT_BINARY, source: 'shared-cache' };
  }
  log(
    `Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (first time only, takes several minutes)...`,
  );
  const build = spawnSync(
    'go',
    ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`],
    {
      env: { ...process.env, GOBIN: dirname(PROJECT_BINARY), CGO_ENABLED: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (build.error || build.status !== 0 || !existsSync(PROJECT_BINARY)) {
    throw new Error(
      `Could not build the Temporal CLI (${build.error?.message ?? `go install exited ${build.status}`}). ` +
        'Install Go, set TEMPORAL_CLI_PATH to an existing temporal binary, or set TEMPORAL_ADDRESS to use a running cluster.',
    );
  }
  mkdirSync(dirname(SHARED_CACHE_BINARY), { recursive: true });
  copyFileSync(PROJECT_BINARY, SHARED_CACHE_BINARY);
  return { path: PROJECT_BINARY, source: 'built' };
}

export interface DevServerOptions {
  cliPath: string;
  port: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  /** SQLite file for persistence; omit for in-memory (tests). */
  dbFile?: string;
  namespace: string;
  searchAttributes: readonly SearchAttributeKey[];
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Where the server's own output goes: inherited, dropped, or appended to an open file. */
  stdio?: 'inherit' | 'ignore';
  logFd?: number;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const SEARCH_ATTRIBUTE_TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

export function devServerArguments(options: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push(
    '--namespace',
    options.namespace,
    '--log-level',
    options.logLevel ?? 'warn',
    '--log-format',
    'json',
  );
  if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  for (const key of options.searchAttributes) {
    args.push('--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_TYPE_NAMES[key.type] ?? key.type}`);
  }
  return args;
}

/** Starts `temporal server start-dev` and resolves once its frontend accepts connections. */
export async function startDevServer(
  options: DevServerOptions,
  startTimeoutMs = 60_000,
): Promise<RunningDevServer> {
  if (options.dbFile) mkdirSync(dirname(resolve(options.dbFile)), { recursive: true });
  const child = spawn(options.cliPath, devServerArguments(options), {
    stdio: ['ignore', options.logFd ?? options.stdio ?? 'ignore', options.logFd ?? options.stdio ?? 'ignore'],
  });
  let exitedEarly: string | undefined;
  child.once('exit', (code, signal) => {
    exitedEarly = `temporal dev server exited (${signal ?? `code ${code}`})`;
  });
  const deadline = Date.now() + startTimeoutMs;
  while (!(await portAcceptsConnections(options.port))) {
    if (exitedEarly) throw new Error(`${exitedEarly}; is port ${options.port} already in use?`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `temporal dev server did not accept connections on port ${options.port} within ${startTimeoutMs} ms`,
      );
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  const address = `127.0.0.1:${options.port}`;
  return {
    address,
    ...(options.uiPort !== undefined ? { uiUrl: `http://127.0.0.1:${options.uiPort}` } : {}),
    process: child,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function portAcceptsConnections(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
