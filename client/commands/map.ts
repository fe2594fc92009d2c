import type { Command } from 'commander';
import type { ErpOrm } from '../../erp/orm';
import { mapItem } from '../../erp/services/items';
import { mapShopifyCustomer } from '../../erp/services/customers';
import { getShopCard, listShopCards } from '../../erp/services/settings';
import type { AppContext } from '../app-context';
import { printRecord } from '../output';
import { withAppContext } from '../run-command';
import { wakeWorkFixedBy } from '../wake-after-change';
import { NotFoundError } from '../exit-codes';

/** The store a mapping belongs to: the shop card's, or the only store there is. */
async function storeOf(orm: ErpOrm, shopCode: string | undefined): Promise<string> {
  if (shopCode) {
    const shop = await getShopCard(orm, shopCode);
    if (!shop) throw new NotFoundError(`Shop card ${shopCode} does not exist: see \`orderbridge shop list\``);
    return shop.shopDomain;
  }
  const stores = [...new Set((await listShopCards(orm)).map((shop) => shop.shopDomain))];
  if (stores.length === 1 && stores[0]) return stores[0];
  if (stores.length === 0)
    throw new Error('No shop card exists yet: create one with `orderbridge shop add <code> --domain <shop>`');
  throw new Error(`Shop cards point at several stores (${stores.join(', ')}): say which with --shop <code>`);
}

/**
 * `orderbridge map item|customer` (SPEC §2, §4.2). Returns the `map` command so that other modules
 * can add their subcommands (shipment methods and locations, which fetch from Shopify).
 */
export function registerMapCommand(program: Command, context: () => AppContext): Command {
  const map = program
    .command('map')
    .description('Map Shopify variants, customers, shipping methods and locations to the ERP');

  map
    .command('item')
    .description(
      'Map a Shopify product variant to an ERP item (and item variant); orders waiting for it map on retry',
    )
    .requiredOption(
      '--variant <id>',
      'Shopify variant id (the number, or gid://shopify/ProductVariant/<number>)',
    )
    .requiredOption('--item <no>', 'ERP item no.')
    .option('--variant-code <code>', 'ERP item variant code')
    .option(
      '--shop <code>',
      'shop card whose store the variant belongs to (needed when there are several stores)',
    )
    .option('--json', 'print JSON')
    .action(
      async (options: {
        variant: string;
        item: string;
        variantCode?: string;
        shop?: string;
        json?: boolean;
      }) =>
        withAppContext(context, async (appContext) => {
          const orm = await appContext.erp();
          const mapped = await mapItem(
            orm,
            await storeOf(orm, options.shop),
            options.variant,
            options.item,
            options.variantCode ?? null,
          );
          printRecord(mapped as unknown as Record<string, unknown>, Boolean(options.json));
          await wakeWorkFixedBy(appContext, 'item-mapping');
        }),
    );

  map
    .command('customer')
    .description('Map a Shopify customer to an existing ERP customer, for this and later orders')
    .requiredOption(
      '--shopify-customer <id>',
      'Shopify customer id (the number, or gid://shopify/Customer/<number>)',
    )
    .requiredOption('--customer <no>', 'ERP customer no.')
    .option(
      '--shop <code>',
      'shop card whose store the customer belongs to (needed when there are several stores)',
    )
    .option('--json', 'print JSON')
    .action(async (options: { shopifyCustomer: string; customer: string; shop?: string; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const orm = await appContext.erp();
        const mapped = await mapShopifyCustomer(
          orm,
          await storeOf(orm, options.shop),
          options.shopifyCustomer,
          options.customer,
        );
        printRecord(mapped as unknown as Record<string, unknown>, Boolean(options.json));
        await wakeWorkFixedBy(appContext, 'customer-mapping');
      }),
    );
  return map;
}
