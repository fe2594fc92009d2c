import type { Command } from 'commander';
import {
  addShippingAgent,
  listShippingAgents,
  setShippingAgent,
  type ShippingAgentChanges,
} from '../../erp/services/shipments';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';

interface AgentOptions {
  name?: string;
  trackingCompany?: string;
  trackingUrl?: string;
  json?: boolean;
}

function changesOf(options: AgentOptions): ShippingAgentChanges {
  return {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.trackingCompany !== undefined ? { shopifyTrackingCompany: options.trackingCompany } : {}),
    ...(options.trackingUrl !== undefined ? { packageTrackingUrl: options.trackingUrl } : {}),
  };
}

/** `orderbridge shipping-agent add|set|list`: carriers and what Shopify is told about them (SPEC §5). */
export function registerShippingAgentCommand(program: Command, context: () => AppContext): void {
  const agent = program
    .command('shipping-agent')
    .description("Shipping agents: the tracking company and URL Shopify gets with a shipment's fulfillments");

  const withOptions = (command: Command) =>
    command
      .option(
        '--name <name>',
        'name (sent as the tracking company when there is no Shopify tracking company)',
      )
      .option(
        '--tracking-company <name>',
        'carrier name as Shopify knows it, e.g. "DHL Express", "UPS" ("" clears)',
      )
      .option('--tracking-url <url>', 'package tracking URL, %1 = the tracking number ("" clears)')
      .option('--json', 'print JSON');

  withOptions(agent.command('add <code>').description('Add a shipping agent')).action(
    async (code: string, options: AgentOptions) =>
      withAppContext(context, async (appContext) => {
        printRecord(
          { ...(await addShippingAgent(await appContext.erp(), code, changesOf(options))) },
          Boolean(options.json),
        );
      }),
  );

  withOptions(agent.command('set <code>').description('Change a shipping agent')).action(
    async (code: string, options: AgentOptions) =>
      withAppContext(context, async (appContext) => {
        const changes = changesOf(options);
        if (Object.keys(changes).length === 0)
          throw new Error('Nothing to change: give --name, --tracking-company and/or --tracking-url');
        printRecord(
          { ...(await setShippingAgent(await appContext.erp(), code, changes)) },
          Boolean(options.json),
        );
      }),
  );

  agent
    .command('list')
    .description('List shipping agents')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        printTable(await listShippingAgents(await appContext.erp()), Boolean(options.json));
      }),
    );
}
