/**
 * A small seeded pseudo-random source (mulberry32). Scenario generation must never touch
 * Math.random: the same seed has to rebuild the same store and the same orders, so a failing
 * test or benchmark can be replayed exactly.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`Seed must be an integer, got ${seed}.`);
    // Spread small consecutive seeds (1, 2, 3 ...) over the state space before the first draw.
    this.state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with the given probability (0..1). */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list.');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks a key with probability proportional to its weight; zero weights are never picked. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
    if (total <= 0) throw new Error(`All weights are zero: ${entries.map(([key]) => key).join(', ')}.`);
    let remaining = this.next() * total;
    for (const [key, weight] of entries) {
      if (weight <= 0) continue;
      remaining -= weight;
      if (remaining < 0) return key;
    }
    // Floating point can leave a hair of remainder; the last positive weight takes it.
    return entries.filter(([, weight]) => weight > 0).at(-1)![0];
  }

  /** `count` distinct items in random order (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    }
    return chosen;
  }

  /** A digit string of the given length, e.g. for barcodes and tracking numbers. */
  digits(length: number): string {
    let text = '';
    for (let index = 0; index < length; index += 1) text += String(this.int(0, 9));
    return text;
  }

  /** An independent stream derived from this one, so adding draws in one part of a plan does not shift another. */
  fork(label: string): SeededRandom {
    let hash = 2166136261;
    for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    return new SeededRandom((hash ^ Math.floor(this.next() * 4294967296)) | 0);
  }
}
