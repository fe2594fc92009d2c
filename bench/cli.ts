/**
 * CLI start-up benchmark: runs each command line N times as a user would (a new process each
 * time) and prints wall and CPU time. `orders list` runs against a scratch database of its own,
 * created and migrated first, dropped at the end. The CLI is built first, so the figures are the
 * built CLI's; --sources runs client/main.ts through tsx instead (how every run started before).
 *
 *   npm run bench:cli [-- --runs 10] [-- --sources]
 *
 * One line per command: median and p95 wall ms, median CPU ms (user + system of the process).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dropDatabase, openErp } from '../erp/orm';
import { buildCli } from '../scripts/build-cli';
import { benchArgument } from './bench-environment';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const runs = benchArgument('runs', 10);
const fromSources = process.argv.includes('--sources');
const commandLines = [['--help'], ['--version'], ['orders', 'list']];

/** CPU seconds of waited-for children (Linux /proc: utime + stime of reaped children, in ticks). */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    const ticks = Number(fields[13]) + Number(fields[14]);
    return (ticks * 1000) / 100;
  } catch {
    return undefined;
  }
}

const percentile = (sorted: number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;

const databaseUrl = `postgres://postgres@127.0.0.1:5432/orderbridge_bench_cli_${randomBytes(4).toString('hex')}`;
try {
  if (!fromSources) await buildCli(projectRoot);
  await (await openErp({ databaseUrl })).close(true);
  const launcher = fromSources ? ['--import', 'tsx', 'client/main.ts'] : ['bin/orderbridge.js'];
  console.log(
    `${fromSources ? 'sources through tsx' : 'built CLI'}, ${runs} runs each, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
  for (const args of commandLines) {
    const walls: number[] = [];
    const cpus: number[] = [];
    // One run first, not counted: it warms the file cache like any second run of a command.
    for (let run = 0; run <= runs; run += 1) {
      const cpuBefore = childrenCpuMs();
      const started = performance.now();
      const result = spawnSync(process.execPath, [...launcher, ...args], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      });
      const wall = performance.now() - started;
      const cpuAfter = childrenCpuMs();
      if (result.status !== 0)
        throw new Error(`orderbridge ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      if (run === 0) continue;
      walls.push(wall);
      if (cpuBefore !== undefined && cpuAfter !== undefined) cpus.push(cpuAfter - cpuBefore);
    }
    walls.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    console.log(
      `orderbridge ${args.join(' ').padEnd(12)} wall median ${percentile(walls, 0.5).toFixed(0)} ms` +
        ` p95 ${percentile(walls, 0.95).toFixed(0)} ms  cpu median ${cpus.length ? `${percentile(cpus, 0.5).toFixed(0)} ms` : 'n/a'}`,
    );
  }
} finally {
  await dropDatabase(databaseUrl);
}
