import type { Command } from 'commander';
import { listTransactions } from '../../erp/services/refunds';
import type { AppContext } from '../app-context';
import { resolveOrderReference } from '../order-reference';
import { printTable } from '../output';
import { withAppContext } from '../run-command';

/** `orderbridge transactions list`: payment transactions imported with the orders (SPEC §6). */
export function registerTransactionsCommand(program: Command, context: () => AppContext): void {
  program
    .command('transactions')
    .description('Payment transactions imported with the orders')
    .command('list')
    .description('Gateway, kind, status, amount and currency of each payment, refund and gift card use')
    .option('--order <order>', 'only this order (name or id)')
    .option('--shop <code>', 'only this shop card')
    .option('--json', 'print JSON')
    .action(async (options: { order?: string; shop?: string; json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        const orm = await appContext.erp();
        const order = options.order
          ? await resolveOrderReference(orm.em.fork(), options.order, options.shop)
          : undefined;
        if (order && order.importedOrderId === undefined) {
          throw new Error(`Order ${order.name} is not imported yet: it has no transactions in the ERP.`);
        }
        const rows = await listTransactions(orm, {
          ...(order?.importedOrderId !== undefined ? { importedOrderId: order.importedOrderId } : {}),
          ...(options.shop ? { shopCode: options.shop } : {}),
        });
        printTable(rows, Boolean(options.json));
      }),
    );
}
