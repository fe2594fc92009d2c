import type { Command } from 'commander';
import { listExchangeRates, setExchangeRate } from '../../erp/services/settings';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';
import { wakeWorkFixedBy } from '../wake-after-change';
import { decimalNumber } from '../option-parsers';

/** `orderbridge currency rate|rates`: exchange rates; orders waiting for a rate map on retry (SPEC §1). */
export function registerCurrencyCommand(program: Command, context: () => AppContext): Command {
  const command = program.command('currency').description('Currencies and their exchange rates');

  command
    .command('rate <code>')
    .description('Set the exchange rate of a currency from a date on (adds the currency when new)')
    .requiredOption('--date <YYYY-MM-DD>', 'first day the rate applies')
    .requiredOption(
      '--rate <decimal>',
      'local currency per 1 unit of the currency, e.g. 11.52',
      decimalNumber,
    )
    .option('--description <text>', 'name of a new currency')
    .option('--json', 'print JSON')
    .action(
      async (code: string, options: { date: string; rate: string; description?: string; json?: boolean }) =>
        withAppContext(context, async (appContext) => {
          const result = await setExchangeRate(await appContext.erp(), {
            currencyCode: code,
            startingDate: options.date,
            rateLcyPerUnit: options.rate,
            ...(options.description ? { description: options.description } : {}),
          });
          printRecord(result as unknown as Record<string, unknown>, Boolean(options.json));
          await wakeWorkFixedBy(appContext, 'exchange-rate');
        }),
    );

  command
    .command('rates [code]')
    .description('Exchange rates, newest first')
    .option('--json', 'print JSON')
    .action(async (code: string | undefined, options: { json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        printTable(await listExchangeRates(await appContext.erp(), code), Boolean(options.json));
      }),
    );
  return command;
}
