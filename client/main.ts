#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../platform/config';
import { createAppContext, type AppContext } from './app-context';
import { registerCurrencyCommand } from './commands/currency';
import { registerCustomerTemplateCommand } from './commands/customer-template';
import { registerGiftCardsCommand } from './commands/gift-cards';
import { registerErpCommand } from './commands/erp';
import { registerMapCommand } from './commands/map';
import { registerShopifyMapCommands } from './commands/map-from-shopify';
import { registerOrderCommand } from './commands/order';
import { registerOrdersCommands } from './commands/orders';
import { registerRefundCommand } from './commands/refund';
import { registerScheduleCommand } from './commands/schedule';
import { registerShipmentsCommand } from './commands/shipments';
import { registerShippingAgentCommand } from './commands/shipping-agent';
import { registerShopCommand } from './commands/shop';
import { registerSimCommand } from './commands/sim';
import { registerStatusCommand } from './commands/status';
import { registerSyncCommand } from './commands/sync';
import { registerTransactionsCommand } from './commands/transactions';
import { registerUpCommand } from './commands/up';
import { registerWebhooksCommand } from './commands/webhooks';
import { registerWorkerCommand } from './commands/worker';

/** The `orderbridge` command line: every command has --help; list commands take --json. */
export function buildProgram(): Command {
  let appContext: AppContext | undefined;
  // Configuration is read when a command runs, so `--help` works with a broken environment.
  const context = () => (appContext ??= createAppContext());
  const program = new Command('orderbridge')
    .description('Shopify to ERP order connector on Temporal')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  registerUpCommand(program, context);
  registerWorkerCommand(program, context);
  registerStatusCommand(program, context);
  registerSimCommand(program);
  registerScheduleCommand(program, context);
  registerSyncCommand(program, context);
  registerOrderCommand(program, context);
  registerOrdersCommands(program, context);
  registerRefundCommand(program, context);
  registerTransactionsCommand(program, context);
  registerGiftCardsCommand(program, context);
  registerShopCommand(program, context);
  registerShopifyMapCommands(registerMapCommand(program, context), context);
  registerCustomerTemplateCommand(program, context);
  registerCurrencyCommand(program, context);
  registerErpCommand(program, context);
  registerShippingAgentCommand(program, context);
  registerShipmentsCommand(program, context);
  registerWebhooksCommand(program, context);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
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
