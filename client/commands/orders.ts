import type { Command } from 'commander';
import { deleteOrdersToImport, listImportedOrders, listOrdersToImport } from '../../erp/services/orders';
import type { AppContext } from '../app-context';
import { printTable } from '../output';
import { withAppContext } from '../run-command';
import { dispatchOrderChange } from '../../temporal/dispatch-order';
import { flagNeedsAttention, NotFoundError } from '../exit-codes';
import { wholeNumber, wholeNumberOf } from '../option-parsers';

interface ListOptions {
  errors?: boolean;
  shop?: string;
  json?: boolean;
  limit: number;
  all?: boolean;
}

/** `orderbridge orders list` and `orderbridge orders-to-import ...`. */
export function registerOrdersCommands(program: Command, context: () => AppContext): void {
  program
    .command('orders')
    .description('Imported orders across shops')
    .command('list')
    .description('List imported orders: open ones across all shops by default, completed ones with --all')
    .option('--errors', 'only orders with errors')
    .option('--shop <code>', 'only this shop card')
    .option('--all', 'include closed (completed) orders')
    .option('--limit <n>', 'at most this many, newest first', wholeNumber({ min: 1 }), 100)
    .option('--json', 'print JSON')
    .action(async (options: ListOptions) =>
      withAppContext(context, async (appContext) => {
        const erp = await appContext.erp();
        const orders = await listImportedOrders(erp, {
          errorsOnly: Boolean(options.errors),
          ...(options.shop ? { shopCode: options.shop } : {}),
          includeClosed: Boolean(options.all),
          limit: options.limit,
        });
        // An order whose import keeps failing has no imported row yet: its row to import shows it.
        const failingImports = options.errors
          ? await listOrdersToImport(erp, {
              hasError: true,
              ...(options.shop ? { shopCode: options.shop } : {}),
              limit: options.limit,
            })
          : [];
        printTable(
          [
            ...orders.map((order) => ({
              order: order.name,
              shop: order.shopCode,
              stage: order.stage,
              error: order.hasError ? (order.errorText ?? 'yes').split('\n')[0] : '',
              conflict: order.conflictText ? 'yes' : '',
              financial: order.financialStatus ?? '',
              fulfillment: order.fulfillmentStatus,
              total: `${order.currentTotalShop} ${order.currencyCode}`,
              customer: order.sellToCustomerNo ?? '',
              created: order.shopifyCreatedAt.toISOString(),
            })),
            ...failingImports.map((row) => ({
              order: row.name,
              shop: row.claimedByShopCode ?? '',
              stage: 'importing',
              error: (row.errorText ?? 'yes').split('\n')[0],
              conflict: '',
              financial: row.financialStatus ?? '',
              fulfillment: row.fulfillmentStatus ?? '',
              total: `${row.totalAmount} ${row.currencyCode}`,
              customer: '',
              created: '',
            })),
          ],
          Boolean(options.json),
        );
        const withErrors = orders.length + failingImports.length;
        if (options.errors && withErrors > 0) flagNeedsAttention(`${withErrors} orders with errors`);
      }),
    );

  const queue = program
    .command('orders-to-import')
    .description('Stage 1 of order sync: orders found in Shopify, before or while they are imported');

  queue
    .command('list')
    .description('List orders to import')
    .option('--errors', 'only rows with errors')
    .option('--shop <code>', 'only rows claimed by this shop card')
    .option('--limit <n>', 'at most this many, newest first', wholeNumber({ min: 1 }), 100)
    .option('--json', 'print JSON')
    .action(async (options: ListOptions) =>
      withAppContext(context, async (appContext) => {
        const rows = await listOrdersToImport(await appContext.erp(), {
          ...(options.errors ? { hasError: true } : {}),
          ...(options.shop ? { shopCode: options.shop } : {}),
          limit: options.limit,
        });
        printTable(
          rows.map((row) => ({
            id: row.id,
            order: row.name,
            store: row.store,
            shop: row.claimedByShopCode ?? '',
            updated: row.shopifyUpdatedAt,
            financial: row.financialStatus ?? '',
            fulfillment: row.fulfillmentStatus ?? '',
            risk: row.riskLevel ?? '',
            channel: row.channel ?? '',
            tags: row.tags.join(','),
            total: `${row.totalAmount} ${row.currencyCode}`,
            error: row.hasError ? (row.errorText ?? 'yes').split('\n')[0] : '',
          })),
          Boolean(options.json),
        );
        if (options.errors && rows.length > 0)
          flagNeedsAttention(`${rows.length} orders to import with errors`);
      }),
    );

  queue
    .command('import <ids...>')
    .description('Import these rows now (ids from `orders-to-import list`), whatever the filters say')
    .option('--shop <code>', 'shop card to import them with (default: the one that claimed each row)')
    .action(async (ids: string[], options: { shop?: string }) =>
      withAppContext(context, async (appContext) => {
        const rowIds = ids.map((id) => wholeNumberOf('id', id, { min: 1 }));
        const rows = await listOrdersToImport(await appContext.erp(), { ids: rowIds });
        const missing = rowIds.filter((id) => !rows.some((row) => row.id === id));
        if (missing.length)
          throw new NotFoundError(
            `No orders to import with id ${missing.join(', ')}: see \`orderbridge orders-to-import list\`.`,
          );
        const client = await appContext.temporalClient();
        for (const row of rows) {
          const shopCode = options.shop ?? row.claimedByShopCode;
          if (!shopCode)
            throw new Error(`Row ${row.id} (${row.name}) is not claimed by a shop card: add --shop <code>.`);
          await dispatchOrderChange(client, appContext.config.TEMPORAL_TASK_QUEUE, {
            store: row.store,
            shopifyOrderId: row.shopifyOrderId,
            orderName: row.name,
            change: { shopCode, shopifyUpdatedAt: row.shopifyUpdatedAt, source: 'operator' },
          });
          console.log(`${row.name}: import requested with shop ${shopCode}.`);
        }
      }),
    );

  queue
    .command('delete <ids...>')
    .description('Delete rows to leave those orders out (a later change in Shopify lists them again)')
    .action(async (ids: string[]) =>
      withAppContext(context, async (appContext) => {
        const rowIds = ids.map((id) => wholeNumberOf('id', id, { min: 1 }));
        const deleted = await deleteOrdersToImport(await appContext.erp(), rowIds);
        console.log(`Deleted ${deleted} of ${ids.length} rows.`);
      }),
    );
}
