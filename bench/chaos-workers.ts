import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ChaosWorkerTarget {
  temporalAddress: string;
  taskQueue: string;
  databaseUrl: string;
  shopifyBaseUrl: string;
  workflowBundle: string;
}

export interface WorkerKill {
  at: number;
  /** Seconds from the restarted worker's spawn to its "worker running" line (it polls). */
  startS?: number;
}

const ORDERBRIDGE = fileURLToPath(new URL('../bin/orderbridge.js', import.meta.url));

/**
 * Real `orderbridge worker` processes, each killed with SIGKILL after `killAfterMs` of running
 * (counted from the moment it polls, so a slow start never starves the run) and started again at
 * once. Every kill is recorded with the time its successor took to poll.
 */
export class KilledWorkers {
  readonly kills: WorkerKill[] = [];
  private readonly children = new Set<ChildProcess>();
  private readonly killed = new WeakSet<ChildProcess>();
  private stopped = false;

  constructor(
    private readonly target: ChaosWorkerTarget,
    private readonly killAfterMs: number,
    private readonly log: (line: string) => void,
  ) {}

  start(count: number): Promise<void[]> {
    return Promise.all(Array.from({ length: count }, (_, slot) => this.spawnOne(slot)));
  }

  private spawnOne(slot: number, kill?: WorkerKill): Promise<void> {
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, [ORDERBRIDGE, 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: this.target.databaseUrl,
        TEMPORAL_ADDRESS: this.target.temporalAddress,
        TEMPORAL_TASK_QUEUE: this.target.taskQueue,
        SHOPIFY_API_BASE_URL: this.target.shopifyBaseUrl,
        WORKER_WORKFLOW_BUNDLE: this.target.workflowBundle,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.stderr!.resume();
    child.once('exit', () => this.children.delete(child));
    return new Promise<void>((resolve) => {
      const lines = createInterface({ input: child.stdout! });
      let ready = false;
      lines.on('line', (line) => {
        if (ready || !line.includes('worker running')) return;
        ready = true;
        if (kill) kill.startS = (Date.now() - spawnedAt) / 1000;
        resolve();
        const timer = setTimeout(() => this.killAndRestart(slot, child), this.killAfterMs);
        child.once('exit', () => clearTimeout(timer));
      });
      child.once('exit', (code) => {
        if (!ready) resolve();
        // A worker that died by itself (not killed here) is started again too.
        if (!this.stopped && !this.killed.has(child)) {
          this.log(`worker ${slot} exited by itself (${code ?? child.signalCode}), starting another`);
          void this.spawnOne(slot);
        }
      });
    });
  }

  private killAndRestart(slot: number, child: ChildProcess): void {
    if (this.stopped) return;
    const kill: WorkerKill = { at: Date.now() };
    this.kills.push(kill);
    this.killed.add(child);
    child.kill('SIGKILL');
    this.log(`kill ${this.kills.length}: worker ${slot} killed (-9), starting another`);
    void this.spawnOne(slot, kill);
  }

  /** No more kills; the running workers finish what they hold (SIGTERM). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.children].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const forced = setTimeout(() => child.kill('SIGKILL'), 40_000);
        await exited;
        clearTimeout(forced);
      }),
    );
  }
}
