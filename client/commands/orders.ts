import type { Command } from 'commander';
import { deleteOrdersToImport, listOrderViews, listOrdersToImport } from '../../erp/services/orders';
import type { OrderProblemCode } from '../../domain/order-problems';
import { operatorProblems } from '../../domain/order-view';
import { isOrderStage, ORDER_STAGES } from '../../domain/order-stage';
import type { AppContext } from '../app-context';
import { printTable } from '../output';
import { withAppContext } from '../run-command';
import { dispatchOrderChange } from '../../temporal/dispatch-order';
import { flagNeedsAttention, NotFoundError } from '../exit-codes';
import { wholeNumber, wholeNumberOf } from '../option-parsers';

interface ListOptions {
  errors?: boolean;
  stage?: string;
  problem?: string;
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
    .option('--errors', 'only orders with an open problem that waits for a person')
    .option('--shop <code>', 'only this shop card')
    .option('--stage <stage>', `only this stage (${ORDER_STAGES.join(', ')})`)
    .option('--problem <code>', 'only orders with this open problem code, e.g. ITEM_NOT_MAPPED')
    .option('--all', 'include closed (completed) and skipped orders')
    .option('--limit <n>', 'at most this many, most recently changed first', wholeNumber({ min: 1 }), 100)
    .option('--json', 'print JSON')
    .action(async (options: ListOptions) =>
      withAppContext(context, async (appContext) => {
        if (options.stage !== undefined && !isOrderStage(options.stage))
          throw new Error(`--stage ${options.stage}: expected one of ${ORDER_STAGES.join(', ')}`);
        // The read model: the same rows the console lists and the search attributes come from.
        const { rows } = await listOrderViews(await appContext.erp(), {
          errorsOnly: Boolean(options.errors),
          ...(options.shop ? { shopCode: options.shop } : {}),
          ...(options.stage ? { stages: [options.stage as (typeof ORDER_STAGES)[number]] } : {}),
          ...(options.problem ? { problemCode: options.problem.toUpperCase() as OrderProblemCode } : {}),
          includeClosed: Boolean(options.all),
          limit: options.limit,
        });
        printTable(
          rows.map((order) => {
            const first = operatorProblems(order)[0];
            return {
              order: order.orderName ?? order.shopifyOrderId,
              shop: order.shopCode ?? '',
              stage: order.stage,
              error: first ? `${first.code}: ${first.message}` : '',
              problems: order.problems.map((problem) => problem.code).join(','),
              next: order.nextAction,
              document: order.document ? `${order.document.no} (${order.document.state})` : '',
              conflict: order.problems.some((problem) => problem.code === 'DOCUMENT_CONFLICT') ? 'yes' : '',
              financial: order.financialStatus ?? '',
              fulfillment: order.fulfillmentStatus ?? '',
              total: order.total ? `${order.total} ${order.currencyCode ?? ''}` : '',
              customer: order.sellToCustomerNo ?? '',
              updated: order.updatedAt.toISOString(),
            };
          }),
          Boolean(options.json),
        );
        if (options.errors && rows.length > 0) flagNeedsAttention(`${rows.length} orders with errors`);
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
