import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySimulator, type FaultKind, type RunningSimulator } from '../../simulator';
import { gql } from './helpers';

const QUERY = '{ shop { name } }';

/** One request: the HTTP status, a GraphQL error code if any, or 'dropped' when the socket died. */
async function outcome(simulator: RunningSimulator): Promise<string> {
  try {
    const answer = await gql(simulator, QUERY);
    const code = answer.body.errors?.[0]?.extensions?.code;
    return code ? `${answer.status}:${code}` : String(answer.status);
  } catch {
    return 'dropped';
  }
}

describe('fault injection', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startShopifySimulator({
      throttle: 'unthrottled',
      faults: { latencyMs: 150, retryAfterSeconds: 3 },
    });
  });
  afterAll(() => simulator.stop());

  it('answers a server error with a 5xx', async () => {
    simulator.faults.failNext(1, 'server-error');
    const answer = await gql(simulator, QUERY);
    expect(answer.status).toBe(503);
    simulator.faults.failNext(1, 'server-error', { serverErrorStatus: 502 });
    expect((await gql(simulator, QUERY)).status).toBe(502);
    expect(await outcome(simulator)).toBe('200');
  });

  it('answers 429 with Retry-After', async () => {
    simulator.faults.failNext(1, 'too-many-requests');
    const answer = await gql(simulator, QUERY);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3.0');
  });

  it('answers THROTTLED with HTTP 200 and the cost extension', async () => {
    simulator.faults.failNext(1, 'throttled');
    const answer = await gql(simulator, QUERY);
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'Throttled',
      extensions: { code: 'THROTTLED' },
    });
    expect(answer.body.extensions?.cost?.throttleStatus).toBeDefined();
  });

  it('answers slowly, but correctly', async () => {
    simulator.faults.failNext(1, 'slow');
    const started = Date.now();
    const answer = await gql(simulator, QUERY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(answer.body.data).toEqual({ shop: { name: 'orderbridge-demo' } });
  });

  it('drops the connection before answering', async () => {
    simulator.faults.failNext(2, 'drop');
    expect(await outcome(simulator)).toBe('dropped');
    expect(await outcome(simulator)).toBe('dropped');
    expect(await outcome(simulator)).toBe('200');
  });

  it('injects a configured share of faults, the same ones for the same seed, changeable at run time', async () => {
    const run = async (seed: number) => {
      simulator.faults.configure({
        seed,
        rates: { 'server-error': 0.2, 'too-many-requests': 0.1, throttled: 0.1 },
      });
      const outcomes: string[] = [];
      for (let index = 0; index < 60; index++) outcomes.push(await outcome(simulator));
      simulator.faults.clear();
      return outcomes;
    };
    const first = await run(7);
    const second = await run(7);
    const other = await run(8);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    const failures = first.filter((entry) => entry !== '200').length;
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThan(40);
    expect(new Set(first)).toEqual(new Set(['200', '503', '429', '200:THROTTLED']));
    expect(await outcome(simulator)).toBe('200');
  });

  it('counts what it injected, and refuses shares that add up to more than 1', () => {
    const injected = simulator.faults.injected();
    for (const kind of [
      'server-error',
      'too-many-requests',
      'throttled',
      'slow',
      'drop',
    ] satisfies FaultKind[]) {
      expect(injected[kind], kind).toBeGreaterThan(0);
    }
    expect(simulator.stats().faults.drop).toBe(2);
    expect(() => simulator.faults.configure({ rates: { drop: 0.6, slow: 0.6 } })).toThrow(/at most 1/);
  });
});
