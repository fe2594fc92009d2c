import type { Command } from 'commander';
import type { AppContext } from '../app-context';
import { ensureLocalTemporal } from '../local-temporal';
import { whenStopRequested } from '../shutdown';
import { runWorkerUntilStopped } from './worker';

export function registerUpCommand(program: Command, context: () => AppContext): void {
  program
    .command('up')
    .description(
      'Start everything locally: the Temporal dev server (Web UI on TEMPORAL_UI_PORT) unless TEMPORAL_ADDRESS is set, ' +
        'PostgreSQL migrations, and a worker. Ctrl-C stops it all.',
    )
    .action(async () => {
      const appContext = context();
      const { logger } = appContext;
      const stopRequested = whenStopRequested();
      const temporal = await ensureLocalTemporal(appContext.config, logger);
      try {
        if (temporal.uiUrl) logger.info(`Temporal UI: ${temporal.uiUrl}`);
        await runWorkerUntilStopped(appContext, stopRequested);
      } finally {
        await temporal.stop();
        logger.info('all stopped');
      }
    });
}
