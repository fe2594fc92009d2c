import type { Command } from 'commander';
import type { AppContext } from './app-context';

export type RegisterCommands = (program: Command, context: () => AppContext) => void;

/**
 * Every top-level command with what `orderbridge --help` lists for it, and how to load it. A run
 * imports only the module of the command it runs: loading them all (ORM entities, the Temporal
 * SDK, the simulator) cost most of a second before anything happened.
 */
export interface LazyCommand {
  name: string;
  /** The same text the module gives the command (a test keeps them equal). */
  description: string;
  load: () => Promise<RegisterCommands>;
}

export const COMMANDS: readonly LazyCommand[] = [
  {
    name: 'up',
    description:
      'Start everything locally: the Temporal dev server (Web UI on TEMPORAL_UI_PORT) unless TEMPORAL_ADDRESS is set, ' +
      'PostgreSQL migrations and a worker; without SHOPIFY_SHOP also a simulated Shopify store with demo orders, ' +
      'a DEMO shop card and its sync schedule. Ctrl-C stops it all.',
    load: async () => (await import('./commands/up')).registerUpCommand,
  },
  {
    name: 'worker',
    description:
      'Run a worker against the configured Temporal (TEMPORAL_ADDRESS or the local dev server) and PostgreSQL',
    load: async () => (await import('./commands/worker')).registerWorkerCommand,
  },
  {
    name: 'status',
    description:
      'Show what runs where: Temporal (address, UI, search attributes, workers), PostgreSQL and migrations, key metrics',
    load: async () => (await import('./commands/status')).registerStatusCommand,
  },
  {
    name: 'sim',
    description:
      'Run the local Shopify (Admin API 2026-10 on the real schema) until Ctrl-C; with --orders, fill it with seeded demo data',
    load: async () => {
      const { registerSimCommand } = await import('./commands/sim');
      return (program) => registerSimCommand(program);
    },
  },
  {
    name: 'schedule',
    description: 'Manage the order sync schedule of each shop card (Temporal Schedules, runs never overlap)',
    load: async () => (await import('./commands/schedule')).registerScheduleCommand,
  },
  {
    name: 'sync',
    description: 'Run a sync now',
    load: async () => (await import('./commands/sync')).registerSyncCommand,
  },
  {
    name: 'order',
    description: 'Show one order and fix it: retry, create its document, set its customer',
    load: async () => (await import('./commands/order')).registerOrderCommand,
  },
  {
    name: 'orders',
    description: 'Imported orders across shops',
    load: async () => (await import('./commands/orders')).registerOrdersCommands,
  },
  {
    name: 'orders-to-import',
    description: 'Stage 1 of order sync: orders found in Shopify, before or while they are imported',
    load: async () => (await import('./commands/orders')).registerOrdersCommands,
  },
  {
    name: 'refund',
    description: 'Shopify refunds and their sales credit memos',
    load: async () => (await import('./commands/refund')).registerRefundCommand,
  },
  {
    name: 'transactions',
    description: 'Payment transactions imported with the orders',
    load: async () => (await import('./commands/transactions')).registerTransactionsCommand,
  },
  {
    name: 'gift-cards',
    description: 'Gift cards the orders issued or were paid with',
    load: async () => (await import('./commands/gift-cards')).registerGiftCardsCommand,
  },
  {
    name: 'shop',
    description: 'Shop cards: the Shopify store, its token and every import setting',
    load: async () => {
      const [{ registerShopCommand }, { registerShopConnectCommands }] = await Promise.all([
        import('./commands/shop'),
        import('./commands/shop-connect'),
      ]);
      return (program, context) =>
        registerShopConnectCommands(registerShopCommand(program, context), context);
    },
  },
  {
    name: 'secrets',
    description: 'Secrets stored in PostgreSQL (tokens, client secrets), encrypted with AES-256-GCM',
    load: async () => (await import('./commands/secrets')).registerSecretsCommand,
  },
  {
    name: 'map',
    description: 'Map Shopify variants, customers, shipping methods and locations to the ERP',
    load: async () => {
      const [{ registerMapCommand }, { registerShopifyMapCommands }, { registerMapItemsFromShopifyCommand }] =
        await Promise.all([
          import('./commands/map'),
          import('./commands/map-from-shopify'),
          import('./commands/map-items-from-shopify'),
        ]);
      return (program, context) => {
        registerShopifyMapCommands(registerMapCommand(program, context), context);
        registerMapItemsFromShopifyCommand(program, context);
      };
    },
  },
  {
    name: 'customer-template',
    description: 'Customer templates per shop card and country, each with an optional default customer',
    load: async () => (await import('./commands/customer-template')).registerCustomerTemplateCommand,
  },
  {
    name: 'currency',
    description: 'Currencies and their exchange rates',
    load: async () => (await import('./commands/currency')).registerCurrencyCommand,
  },
  {
    name: 'erp',
    description: 'Work on sales documents in the ERP: release, edit lines, post shipments and invoices',
    load: async () => {
      const [{ registerErpCommand }, { registerErpMasterDataCommands }, { registerErpImportExportCommands }] =
        await Promise.all([
          import('./commands/erp'),
          import('./commands/erp-master-data'),
          import('./commands/erp-import-export'),
        ]);
      return (program, context) => {
        registerErpCommand(program, context);
        registerErpMasterDataCommands(program, context);
        registerErpImportExportCommands(program, context);
      };
    },
  },
  {
    name: 'shipping-agent',
    description: "Shipping agents: the tracking company and URL Shopify gets with a shipment's fulfillments",
    load: async () => (await import('./commands/shipping-agent')).registerShippingAgentCommand,
  },
  {
    name: 'shipments',
    description: 'Posted shipments and their fulfillments in Shopify: list, sync now, schedule',
    load: async () => (await import('./commands/shipments')).registerShipmentsCommand,
  },
  {
    name: 'console',
    description:
      'Serve the web console on CONSOLE_HOST:CONSOLE_PORT (sign-in with `orderbridge users add`) until Ctrl-C',
    load: async () => (await import('./commands/console')).registerConsoleCommand,
  },
  {
    name: 'users',
    description: 'Web console accounts: add, set, list, remove (roles: viewer, operator)',
    load: async () => (await import('./commands/users')).registerUsersCommand,
  },
  {
    name: 'webhooks',
    description: 'Shopify webhooks: the receiver (doorbell) and the store subscriptions',
    load: async () => (await import('./commands/webhooks')).registerWebhooksCommand,
  },
];

/**
 * The top-level command a command line names: the first word that is not an option (or the one
 * after `help`). Undefined for `--help`, `--version` or a name no command has.
 */
export function requestedCommand(args: readonly string[]): LazyCommand | undefined {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((command) => command.name === name);
}

/**
 * Registers the command a run needs for real and every other one as a name and description only,
 * so help lists them all and an unknown name gets commander's suggestion.
 */
export async function registerCommands(
  program: Command,
  context: () => AppContext,
  args: readonly string[],
): Promise<void> {
  const requested = requestedCommand(args);
  if (requested) (await requested.load())(program, context);
  for (const command of COMMANDS) {
    if (program.commands.some((registered) => registered.name() === command.name)) continue;
    program.command(command.name).description(command.description);
  }
}
