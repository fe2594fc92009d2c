/** Where the simulator reads the time; tests inject a controllable one. */
export interface SimulatorClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: SimulatorClock = { now: () => Date.now() };

/** A clock that only moves when told to: for throttle and timestamp tests. */
export class ManualClock implements SimulatorClock {
  constructor(private current: number = Date.parse('2026-11-01T12:00:00.000Z')) {}
  now(): number {
    return this.current;
  }
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
  set(epochMilliseconds: number | string | Date): void {
    this.current = new Date(epochMilliseconds).getTime();
  }
}
