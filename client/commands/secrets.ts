import type { Command } from 'commander';
import { rotateSecretKey } from '../../erp/services/credentials';
import { OLD_SECRET_KEYS_VARIABLE, SECRET_KEY_VARIABLE } from '../../platform/secret-box';
import type { AppContext } from '../app-context';
import { withAppContext } from '../run-command';

/** `orderbridge secrets rotate-key`: re-encrypts every stored secret under the current key. */
export function registerSecretsCommand(program: Command, context: () => AppContext): Command {
  const secrets = program
    .command('secrets')
    .description('Secrets stored in PostgreSQL (tokens, client secrets), encrypted with AES-256-GCM');
  secrets
    .command('rotate-key')
    .description(
      `Re-encrypt every secret under ${SECRET_KEY_VARIABLE}; the keys they were sealed with go in ` +
        `${OLD_SECRET_KEYS_VARIABLE} (comma-separated) for the run`,
    )
    .action(async () =>
      withAppContext(context, async (appContext) => {
        const report = await rotateSecretKey(await appContext.erp());
        console.log(
          `Secrets re-encrypted under key ${report.keyId}: ${report.resealed} re-encrypted, ` +
            `${report.alreadyCurrent} already under it. ${OLD_SECRET_KEYS_VARIABLE} can now be removed.`,
        );
      }),
    );
  return secrets;
}
