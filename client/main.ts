#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import type { AppContext } from './app-context';
import { registerCommands, requestedCommand } from './command-registry';
import { EXIT_CODE, EXIT_CODES_HELP, exitCodeOf, takeNeedsAttention } from './exit-codes';
import { portInUseMessage, type PortValues } from './port-in-use';
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
    .addHelpText('after', EXIT_CODES_HELP)
    // Commander's own errors (unknown option, bad value) become exceptions, so they exit 2 here.
    .exitOverride()
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  await registerCommands(program, context, args);
  return program;
}

/** The ports this run was configured with, to name the one an EADDRINUSE is about. */
function configuredPorts(loadConfig: () => PortValues): PortValues {
  try {
    return loadConfig();
  } catch {
    return {};
  }
}

async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv.slice(2))).parseAsync(argv);
  } catch (error) {
    const { ConfigError, loadConfig } = await import('../platform/config');
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(EXIT_CODE.usage);
    }
    const inUse = portInUseMessage(error, configuredPorts(loadConfig));
    if (inUse) {
      console.error(`orderbridge: ${inUse}`);
      process.exit(EXIT_CODE.failure);
    }
    const exitCode = exitCodeOf(error);
    // Commander printed its own message already.
    if (!(error instanceof CommanderError)) console.error(`orderbridge: ${(error as Error).message}`);
    process.exit(exitCode);
  }
  const attention = takeNeedsAttention();
  if (attention) {
    console.error(`orderbridge: needs attention: ${attention}`);
    process.exitCode = EXIT_CODE.needsAttention;
  }
}

await main(process.argv);
