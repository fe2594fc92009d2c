import type { Command } from 'commander';
import { createShopifyClientSource } from '../../activities/shopify-clients';
import { mapShopifyVariants, type ShopifyVariantToMap } from '../../erp/services/master-data';
import { getShopCard } from '../../erp/services/settings';
import { productVariantsForMapping } from '../../shopify/product-variants';
import type { AppContext } from '../app-context';
import { printTable } from '../output';
import { UsageError } from '../exit-codes';
import { withAppContext } from '../run-command';
import { afterMasterDataChanged } from './erp-master-data-changed';

interface MapItemsOptions {
  fromShopify?: string;
  createMissing?: boolean;
  template?: string;
  json?: boolean;
}

/** The `map` command, made here when this module is registered before the one that makes it. */
function mapCommandOf(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'map') ??
    program.command('map').description('Map Shopify data to ERP data')
  );
}

/**
 * `orderbridge map items --from-shopify <shop>`: links every variant of the store to the ERP item
 * its SKU or barcode names, as the shop card's item mapping says, and lists the ones left over.
 */
export function registerMapItemsFromShopifyCommand(program: Command, context: () => AppContext): void {
  mapCommandOf(program)
    .command('items')
    .description(
      "Map every variant of the Shopify store to ERP items by SKU or barcode (the card's item mapping)",
    )
    .requiredOption('--from-shopify <shop>', 'shop card whose store is read')
    .option('--create-missing', 'create an item for each variant no item matches (needs --template)')
    .option('--template <item>', 'item whose settings new items take')
    .option('--json', 'print JSON')
    .action(async (options: MapItemsOptions) =>
      withAppContext(context, async (appContext) => {
        if (options.createMissing && !options.template)
          throw new UsageError(
            '--create-missing needs --template <item>: the item new items take their settings from',
          );
        const orm = await appContext.erp();
        const shopCode = options.fromShopify!.toUpperCase();
        const card = await getShopCard(orm, shopCode);
        if (!card) throw new Error(`Shop card ${shopCode} does not exist: see \`orderbridge shop list\``);
        const baseUrl = appContext.config.SHOPIFY_API_BASE_URL;
        const client = await createShopifyClientSource({
          logger: appContext.logger,
          orm,
          ...(baseUrl ? { shopifyBaseUrl: () => baseUrl } : {}),
        })(orm.em.fork(), shopCode);
        const variants: ShopifyVariantToMap[] = [];
        for await (const variant of productVariantsForMapping(client)) {
          variants.push({
            id: variant.id,
            title: variant.title,
            productTitle: variant.product.title,
            sku: variant.sku,
            barcode: variant.barcode,
            price: variant.price,
            isGiftCard: variant.product.isGiftCard,
          });
        }
        const report = await mapShopifyVariants(orm, {
          store: card.shopDomain,
          mode: card.itemMappingMode,
          variants,
          ...(options.createMissing && options.template ? { templateItemNo: options.template } : {}),
        });
        if (options.json) return console.log(JSON.stringify(report, null, 2));
        console.log(
          `${report.variants} variants: ${report.mapped} mapped now, ${report.linkedAlready} linked before, ` +
            `${report.createdItems} items created, ${report.unmapped.length} not mapped`,
        );
        if (report.unmapped.length > 0) printTable(report.unmapped, false);
        if (report.mapped > 0) await afterMasterDataChanged(appContext, 'item');
      }),
    );
}
