#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import type { AppContext } from './app-context';
import { registerCommands, requestedCommand } from './command-registry';
import { orderbridgeVersion } from './version';

/** The `orderbridge` command line: every command has --help; list commands take --json. */
export async function buildProgram(args: readonly string[]): Promise<Command> {
  // The app context (configuration, ORM, Temporal SDK) is loaded only for a command that runs,
  // and configuration is read only when it asks: `--help` works with a broken environment.
  const createAppContext = requestedCommand(args)
    ? (await import('./app-context')).createAppContext
    : undefined;
  let appContext: AppContext | undefined;
  const context = () => {
    if (!createAppContext) throw new Error('orderbridge: no command to run');
    return (appContext ??= createAppContext());
  };
  const program = new Command('orderbridge')
    .description('Shopify to ERP order connector on Temporal')
    .version(orderbridgeVersion())
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  await registerCommands(program, context, args);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv.slice(2))).parseAsync(argv);
  } catch (error) {
    const { ConfigError } = await import('../platform/config');
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof CommanderError) process.exit(error.exitCode);
    console.error(`orderbridge: ${(error as Error).message}`);
    process.exit(1);
  }
}

await main(process.argv);
