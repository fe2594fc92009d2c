import type { Command } from 'commander';
import {
  addCustomerTemplate,
  listCustomerTemplates,
  listShopCustomerTemplates,
  removeShopCustomerTemplate,
  setShopCustomerTemplate,
} from '../../erp/services/customers';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';
import { wakeWorkFixedBy } from '../wake-after-change';

const orNull = (value: string | undefined) =>
  value === undefined ? undefined : value.toLowerCase() === 'none' ? null : value;

/** `orderbridge customer-template ...`: templates for new customers, per shop card and country (SPEC §1, §4.2). */
export function registerCustomerTemplateCommand(program: Command, context: () => AppContext): Command {
  const command = program
    .command('customer-template')
    .description('Customer templates per shop card and country, each with an optional default customer');

  command
    .command('list')
    .description('The per-country rows of the shop cards')
    .option('--shop <code>', 'only this shop card')
    .option('--json', 'print JSON')
    .action(async (options: { shop?: string; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const rows = await listShopCustomerTemplates(await appContext.erp(), options.shop);
        printTable(rows as unknown as Record<string, unknown>[], Boolean(options.json));
      }),
    );

  command
    .command('set <shop>')
    .description("Set a shop card's template and/or default customer for a country ('none' clears)")
    .requiredOption('--country <code>', 'ISO country code, e.g. NO')
    .option('--template <code>', 'customer template for new customers in that country')
    .option('--default-customer <no>', 'every order shipped to that country gets this customer')
    .option('--json', 'print JSON')
    .action(
      async (
        shopCode: string,
        options: { country: string; template?: string; defaultCustomer?: string; json?: boolean },
      ) =>
        withAppContext(context, async (appContext) => {
          if (options.template === undefined && options.defaultCustomer === undefined) {
            throw new Error('Give --template and/or --default-customer');
          }
          const templateCode = orNull(options.template);
          const defaultCustomerNo = orNull(options.defaultCustomer);
          const row = await setShopCustomerTemplate(await appContext.erp(), {
            shopCode,
            countryCode: options.country,
            ...(templateCode !== undefined ? { templateCode } : {}),
            ...(defaultCustomerNo !== undefined ? { defaultCustomerNo } : {}),
          });
          printRecord(row as unknown as Record<string, unknown>, Boolean(options.json));
          await wakeWorkFixedBy(appContext, 'customer-template', shopCode);
        }),
    );

  command
    .command('remove <shop>')
    .description("Remove a shop card's row for a country")
    .requiredOption('--country <code>', 'ISO country code')
    .action(async (shopCode: string, options: { country: string }) =>
      withAppContext(context, async (appContext) => {
        const removed = await removeShopCustomerTemplate(await appContext.erp(), shopCode, options.country);
        console.log(
          removed ? `Removed ${shopCode.toUpperCase()} ${options.country.toUpperCase()}.` : 'No such row.',
        );
      }),
    );

  command
    .command('add-template <code>')
    .description('Create (or describe anew) an ERP customer template')
    .requiredOption('--description <text>', 'what the template is for')
    .option('--tax-area <code>', 'tax area new customers get')
    .action(async (code: string, options: { description: string; taxArea?: string }) =>
      withAppContext(context, async (appContext) => {
        const result = await addCustomerTemplate(await appContext.erp(), {
          code,
          description: options.description,
          taxAreaCode: options.taxArea ?? null,
        });
        console.log(`${result.created ? 'Created' : 'Updated'} customer template ${result.code}.`);
        await wakeWorkFixedBy(appContext, 'customer-template');
      }),
    );

  command
    .command('templates')
    .description('The ERP customer templates')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        printTable(await listCustomerTemplates(await appContext.erp()), Boolean(options.json));
      }),
    );
  return command;
}
