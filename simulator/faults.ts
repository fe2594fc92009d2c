import { seededRandom } from './seeded-random';

/** What can go wrong with a request, on purpose. */
export type FaultKind = 'server-error' | 'too-many-requests' | 'throttled' | 'slow' | 'drop';

export const FAULT_KINDS: readonly FaultKind[] = [
  'server-error',
  'too-many-requests',
  'throttled',
  'slow',
  'drop',
];

export interface FaultSettings {
  /** Seed of the random draw, so a run with the same requests meets the same faults. */
  seed: number;
  /** Share of requests (0..1) that meet each fault; the shares add up (at most 1 in total). */
  rates: Partial<Record<FaultKind, number>>;
  /** Delay of a `slow` request, in milliseconds. */
  latencyMs: number;
  /** Status of a `server-error` answer (500, 502, 503 or 504). */
  serverErrorStatus: number;
  /** Retry-After of a `too-many-requests` answer, in seconds. */
  retryAfterSeconds: number;
}

export interface Fault {
  kind: FaultKind;
  latencyMs: number;
  serverErrorStatus: number;
  retryAfterSeconds: number;
}

export const DEFAULT_FAULT_SETTINGS: FaultSettings = {
  seed: 1,
  rates: {},
  latencyMs: 2000,
  serverErrorStatus: 503,
  retryAfterSeconds: 2,
};

/**
 * Fault injection, configured at start and changeable at run time: a seeded share of requests
 * per kind, plus a queue of faults for the next N requests (which come first).
 */
export class FaultInjector {
  private settings: FaultSettings;
  private draw: () => number;
  private readonly queued: Fault[] = [];
  private readonly counts = new Map<FaultKind, number>();

  constructor(settings: Partial<FaultSettings> = {}) {
    this.settings = { ...DEFAULT_FAULT_SETTINGS, ...settings, rates: { ...(settings.rates ?? {}) } };
    this.draw = seededRandom(this.settings.seed);
  }

  /** Changes settings; a new seed restarts the random sequence. */
  configure(settings: Partial<FaultSettings>): void {
    const next: FaultSettings = {
      ...this.settings,
      ...settings,
      rates: settings.rates ? { ...settings.rates } : this.settings.rates,
    };
    const total = Object.values(next.rates).reduce((sum, rate) => sum + (rate ?? 0), 0);
    if (total > 1 + 1e-9) throw new Error(`fault rates add up to ${total}; at most 1`);
    this.settings = next;
    if (settings.seed !== undefined) this.draw = seededRandom(next.seed);
  }

  /** The next `count` requests meet `kind` (before any random draw). */
  failNext(count: number, kind: FaultKind, overrides: Partial<Omit<Fault, 'kind'>> = {}): void {
    for (let index = 0; index < count; index++) this.queued.push({ ...this.faultOf(kind), ...overrides });
  }

  /** No more faults: rates to zero, queue emptied. */
  clear(): void {
    this.queued.length = 0;
    this.settings = { ...this.settings, rates: {} };
  }

  get current(): Readonly<FaultSettings> {
    return this.settings;
  }

  /** How many requests met each fault so far. */
  injected(): Record<FaultKind, number> {
    return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, this.counts.get(kind) ?? 0])) as Record<
      FaultKind,
      number
    >;
  }

  /** Decides the fault for one request (or none). */
  next(): Fault | undefined {
    let fault = this.queued.shift();
    if (!fault) {
      const entries = FAULT_KINDS.map((kind) => [kind, this.settings.rates[kind] ?? 0] as const).filter(
        ([, rate]) => rate > 0,
      );
      if (entries.length > 0) {
        const roll = this.draw();
        let cumulative = 0;
        for (const [kind, rate] of entries) {
          cumulative += rate;
          if (roll < cumulative) {
            fault = this.faultOf(kind);
            break;
          }
        }
      }
    }
    if (fault) this.counts.set(fault.kind, (this.counts.get(fault.kind) ?? 0) + 1);
    return fault;
  }

  private faultOf(kind: FaultKind): Fault {
    return {
      kind,
      latencyMs: this.settings.latencyMs,
      serverErrorStatus: this.settings.serverErrorStatus,
      retryAfterSeconds: this.settings.retryAfterSeconds,
    };
  }
}
