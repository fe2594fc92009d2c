import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { startConsole, type RunningConsole } from '../../console/server';
import type { AppContext } from '../app-context';
import { whenStopRequested } from '../shutdown';

/** The console on CONSOLE_HOST:CONSOLE_PORT over this process's ERP store and Temporal client. */
export async function startConfiguredConsole(
  appContext: AppContext,
  options: { temporalUiUrl?: string } = {},
): Promise<RunningConsole> {
  const { config, logger } = appContext;
  if (!config.CONSOLE_SESSION_SECRET)
    logger.info('CONSOLE_SESSION_SECRET is not set: console sessions end when the console restarts');
  const temporalUiUrl =
    options.temporalUiUrl ??
    config.TEMPORAL_UI_URL ??
    (config.TEMPORAL_ADDRESS ? undefined : `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`);
  return startConsole(
    {
      orm: await appContext.erp(),
      temporalClient: () => appContext.temporalClient(),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      namespace: config.TEMPORAL_NAMESPACE,
      ...(temporalUiUrl ? { temporalUiUrl: temporalUiUrl.replace(/\/$/, '') } : {}),
      logger,
      sessionHours: config.CONSOLE_SESSION_HOURS,
      sessionSecret: config.CONSOLE_SESSION_SECRET ?? randomBytes(32).toString('hex'),
      trustProxy: config.CONSOLE_TRUST_PROXY,
    },
    config.CONSOLE_HOST,
    config.CONSOLE_PORT,
  );
}

export function registerConsoleCommand(program: Command, context: () => AppContext): void {
  program
    .command('console')
    .description(
      'Serve the web console on CONSOLE_HOST:CONSOLE_PORT (sign-in with `orderbridge users add`) until Ctrl-C',
    )
    .action(async () => {
      const appContext = context();
      try {
        const running = await startConfiguredConsole(appContext);
        console.log(`Web console: ${running.url}`);
        await whenStopRequested();
        await running.close();
      } finally {
        await appContext.close();
      }
    });
}
