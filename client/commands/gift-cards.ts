import type { Command } from 'commander';
import { listGiftCards } from '../../erp/services/refunds';
import type { AppContext } from '../app-context';
import { printTable } from '../output';
import { withAppContext } from '../run-command';

/** `orderbridge gift-cards list`: cards sold (issued) and cards used to pay (SPEC §6). */
export function registerGiftCardsCommand(program: Command, context: () => AppContext): void {
  program
    .command('gift-cards')
    .description('Gift cards the orders issued or were paid with')
    .command('list')
    .description(
      'Issued cards (from sold gift card lines) and used ones (from payments): order, amount, last characters',
    )
    .option('--shop <code>', 'only this shop card')
    .option('--json', 'print JSON')
    .action(async (options: { shop?: string; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const rows = await listGiftCards(
          await appContext.erp(),
          options.shop ? { shopCode: options.shop } : {},
        );
        printTable(rows, Boolean(options.json));
      }),
    );
}
