import { shopifyBaseUrlOf } from '../../platform/config';
import type { Command } from 'commander';
import { createShopifyClientSource } from '../../activities/shopify-clients';
import {
  listLocationMappings,
  listShipmentMethodMappings,
  recordShopifyLocations,
  recordShopifyShipmentMethods,
  setLocationMapping,
  setShipmentMethodAgent,
  setShipmentMethodMapping,
} from '../../erp/services/shipments';
import { listShippingMethodNames } from '../../shopify/delivery-methods';
import { listLocations } from '../../shopify/locations';
import type { AppContext } from '../app-context';
import { printTable } from '../output';
import { withAppContext } from '../run-command';
import { wakeWorkFixedBy } from '../wake-after-change';

interface MapOptions {
  fetch?: boolean;
  set?: string[];
  agent?: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `NAME=CODE` → [NAME, CODE]; an empty code clears the mapping. */
function assignment(text: string): [string, string | null] {
  const separator = text.lastIndexOf('=');
  if (separator <= 0)
    throw new Error(`--set ${text}: expected <shopify name or id>=<ERP code>, e.g. "Standard Shipping=STD"`);
  const code = text.slice(separator + 1).trim();
  return [text.slice(0, separator).trim(), code === '' ? null : code.toUpperCase()];
}

/** A Shopify client for a shop card from the CLI (SHOPIFY_API_BASE_URL points it at a local simulator). */
async function shopifyFor(appContext: AppContext) {
  const shopifyBaseUrl = shopifyBaseUrlOf(appContext.config);
  return createShopifyClientSource({
    logger: appContext.logger,
    orm: await appContext.erp(),
    ...(shopifyBaseUrl ? { shopifyBaseUrl } : {}),
  });
}

/**
 * `orderbridge map shipment-methods <shop>` and `map locations <shop>`: fetch what the Shopify
 * store uses (one row each), then set the ERP code of each.
 */
export function registerShopifyMapCommands(map: Command, context: () => AppContext): void {
  map
    .command('shipment-methods <shop>')
    .description('Shipping/delivery method names of the Shopify store → ERP shipment method codes')
    .option('--fetch', 'fetch the method names from Shopify first (new ones are added unmapped)')
    .option(
      '--set <name=CODE>',
      'set the ERP shipment method of a Shopify method name (repeatable; empty code clears)',
      collect,
    )
    .option(
      '--agent <name=AGENT[/SERVICE]>',
      'set the shipping agent (and its service) documents get for a Shopify method name (repeatable; empty clears)',
      collect,
    )
    .option('--json', 'print JSON')
    .action(async (shopCode: string, options: MapOptions) =>
      withAppContext(context, async (appContext) => {
        const orm = await appContext.erp();
        if (options.fetch) {
          const client = await (await shopifyFor(appContext))(orm.em.fork(), shopCode);
          const { added } = await recordShopifyShipmentMethods(
            orm,
            shopCode,
            await listShippingMethodNames(client),
          );
          if (!options.json) console.log(`Fetched from Shopify: ${added} new method name(s).`);
        }
        for (const text of options.set ?? []) {
          const [name, code] = assignment(text);
          await setShipmentMethodMapping(orm, shopCode, name, code);
        }
        for (const text of options.agent ?? []) {
          const [name, agent] = assignment(text);
          const [agentCode, serviceCode] = (agent ?? '').split('/', 2);
          await setShipmentMethodAgent(orm, shopCode, name, agentCode || null, serviceCode || null);
        }
        printTable(await listShipmentMethodMappings(orm, shopCode), Boolean(options.json));
        if (options.set?.length) await wakeWorkFixedBy(appContext, 'shipment-method-mapping', shopCode);
      }),
    );

  map
    .command('locations <shop>')
    .description(
      'Locations of the Shopify store → ERP location codes (used on document lines and for shipments)',
    )
    .option('--fetch', 'fetch the locations from Shopify first (new ones are added unmapped)')
    .option(
      '--set <id-or-name=CODE>',
      'set the ERP location of a Shopify location id or name (repeatable; empty code clears)',
      collect,
    )
    .option('--json', 'print JSON')
    .action(async (shopCode: string, options: MapOptions) =>
      withAppContext(context, async (appContext) => {
        const orm = await appContext.erp();
        if (options.fetch) {
          const client = await (await shopifyFor(appContext))(orm.em.fork(), shopCode);
          const locations = await listLocations(client);
          const { added } = await recordShopifyLocations(
            orm,
            shopCode,
            locations.map((location) => ({ shopifyLocationId: location.id, name: location.name })),
          );
          if (!options.json) console.log(`Fetched from Shopify: ${added} new location(s).`);
        }
        const known = await listLocationMappings(orm, shopCode);
        for (const text of options.set ?? []) {
          const [reference, code] = assignment(text);
          const match = known.find(
            (row) =>
              row.shopifyLocationId === reference ||
              row.shopifyLocationId.endsWith(`/${reference}`) ||
              row.shopifyLocationName === reference,
          );
          if (!match)
            throw new Error(
              `Shop ${shopCode} has no Shopify location '${reference}': run with --fetch, or use an id from the list.`,
            );
          await setLocationMapping(orm, shopCode, match.shopifyLocationId, code);
        }
        printTable(await listLocationMappings(orm, shopCode), Boolean(options.json));
        if (options.set?.length) await wakeWorkFixedBy(appContext, 'location-mapping', shopCode);
      }),
    );
}
