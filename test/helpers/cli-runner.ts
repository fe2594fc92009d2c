import type { Client } from '@temporalio/client';
import { Command } from 'commander';
import { vi } from 'vitest';
import type { AppContext } from '../../client/app-context';
import type { ErpOrm } from '../../erp/orm';
import type { TestStack } from './test-stack';
import { loadConfig } from '../../platform/config';
import { testLogger } from './test-logger';

export interface CliTestTarget {
  /** Environment the commands' configuration is read from (read at each run: stacks start late). */
  env: () => Record<string, string>;
  erp: () => ErpOrm;
  /** The run's Temporal client; without one, asking for Temporal fails with `temporalDown`. */
  temporal?: () => Client;
  temporalDown?: string;
  /** Registers the commands under test on the program. */
  register: (program: Command, context: () => AppContext) => void;
}

/**
 * The CLI in process, against a test's database (and Temporal): each call parses one command line
 * and returns what it printed with console.log.
 */
export function cliRunner(target: CliTestTarget): (...args: string[]) => Promise<string> {
  return async (...args) => {
    const temporal = target.temporal;
    const appContext: AppContext = {
      config: loadConfig(target.env()),
      logger: testLogger,
      temporalClient: () =>
        temporal
          ? Promise.resolve(temporal())
          : Promise.reject(new Error(target.temporalDown ?? 'no Temporal in these tests')),
      erp: () => Promise.resolve(target.erp()),
      close: () => Promise.resolve(),
    };
    const program = new Command('orderbridge').exitOverride();
    target.register(program, () => appContext);
    const printed: string[] = [];
    const spy = vi
      .spyOn(console, 'log')
      .mockImplementation((...parts: unknown[]) => void printed.push(parts.join(' ')));
    try {
      await program.parseAsync(['node', 'orderbridge', ...args]);
    } finally {
      spy.mockRestore();
    }
    return printed.join('\n');
  };
}

/** The CLI in process against a test stack's database, Temporal and task queue. */
export function stackCliRunner(
  stack: () => TestStack,
  register: CliTestTarget['register'],
): (...args: string[]) => Promise<string> {
  return cliRunner({
    env: () => ({
      DATABASE_URL: stack().erp.databaseUrl,
      TEMPORAL_TASK_QUEUE: stack().temporal.taskQueue,
    }),
    erp: () => stack().erp.orm,
    temporal: () => stack().temporal.client,
    register,
  });
}
