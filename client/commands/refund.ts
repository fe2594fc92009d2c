import type { Command } from 'commander';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { RefundProblems } from '../../domain/refund-problems';
import { findRefund, listRefunds } from '../../erp/services/refunds';
import type { RefundStatus } from '../../workflows/refund-messages';
import type { AppContext } from '../app-context';
import { resolveOrderReference } from '../order-reference';
import { printRecord, printTable } from '../output';
import { flagNeedsAttention } from '../exit-codes';
import { withAppContext } from '../run-command';
import { dispatchRefund } from '../../temporal/dispatch-refund';
import { requestCreditMemo } from '../../temporal/refund-requests';

interface RefundOptions {
  shop?: string;
  order?: string;
  json?: boolean;
}

function printRefundStatus(status: RefundStatus, asJson: boolean): void {
  if (asJson) {
    printRecord(status as unknown as Record<string, unknown>, true);
    return;
  }
  printRecord(
    {
      refund: status.shopifyRefundId.slice(status.shopifyRefundId.lastIndexOf('/') + 1),
      order: status.orderName,
      stage: status.stage,
      hasError: status.hasError,
      creditMemo: status.creditMemo
        ? `${status.creditMemo.documentNo} (${status.creditMemo.status}) ${status.creditMemo.amountIncludingTax} ${status.creditMemo.isoCode}` +
          (Number(status.creditMemo.rounding) !== 0 ? `, rounding ${status.creditMemo.rounding}` : '')
        : '',
    },
    false,
  );
  for (const problem of status.problems)
    console.log(`  ${problem.severity.toUpperCase()}: ${problem.message}`);
}

/** `orderbridge refund ...`: Shopify refunds in the ERP and their credit memos (SPEC §6). */
export function registerRefundCommand(program: Command, context: () => AppContext): void {
  const refund = program.command('refund').description('Shopify refunds and their sales credit memos');

  refund
    .command('list')
    .description('Imported refunds, newest first: total, payment, credit memo, error')
    .option('--order <order>', 'only this order (name or id)')
    .option('--shop <code>', 'only this shop card')
    .option('--json', 'print JSON')
    .action(async (options: RefundOptions) =>
      withAppContext(context, async (appContext) => {
        const orm = await appContext.erp();
        const order = options.order
          ? await resolveOrderReference(orm.em.fork(), options.order, options.shop)
          : undefined;
        const rows = await listRefunds(orm, {
          ...(order?.importedOrderId !== undefined ? { importedOrderId: order.importedOrderId } : {}),
          ...(options.shop ? { shopCode: options.shop } : {}),
        });
        printTable(
          options.json
            ? rows
            : rows.map(
                ({ refund: number, order: name, createdAt, total, kind, payment, creditMemo, error }) => ({
                  refund: number,
                  order: name,
                  createdAt,
                  total,
                  kind,
                  payment,
                  creditMemo,
                  error,
                }),
              ),
          Boolean(options.json),
        );
      }),
    );

  refund
    .command('credit-memo <refund>')
    .description(
      "Create the refund's sales credit memo now (import-only shops, or after a fix); a second call shows the one made",
    )
    .option('--shop <code>', 'shop card, when the refund number exists in several stores')
    .option('--json', 'print JSON')
    .action(async (reference: string, options: RefundOptions) =>
      withAppContext(context, async (appContext) => {
        const found = await findRefund(await appContext.erp(), reference, options.shop);
        const ref = { orderName: found.order, shopifyRefundId: found.shopifyRefundId };
        if (found.kind === 'order-edit') throw new Error(RefundProblems.notCreditable(ref).message);
        const client = await appContext.temporalClient();
        // Starts the refund's workflow if none runs (a refund imported before workflows existed, or done).
        await dispatchRefund(client, appContext.config.TEMPORAL_TASK_QUEUE, {
          store: found.store,
          shopifyRefundId: found.shopifyRefundId,
          shopifyOrderId: found.shopifyOrderId,
          shopCode: found.shopCode,
          orderName: found.order,
          source: 'operator',
        });
        try {
          const status = await requestCreditMemo(client, found);
          printRefundStatus(status, Boolean(options.json));
          if (status.stage === 'waiting-for-payment' && !options.json) {
            console.log(
              `Refund ${found.refund} of order ${found.order}: its payment is still pending in Shopify, so no ` +
                'credit memo was made (Shopify shows no refunded amount until it settles). The refund is ' +
                'checked again by itself and its credit memo is made once the payment settles; ' +
                `\`orderbridge refund list --order ${found.order.replace(/^#/, '')}\` shows when.`,
            );
          }
          if (status.stage !== 'credit-memo-created')
            flagNeedsAttention(`refund ${found.refund} has no credit memo yet (${status.stage})`);
        } catch (error) {
          if (error instanceof WorkflowUpdateFailedError) {
            throw new Error(
              `Refund ${found.refund} of order ${found.order}: refused: ${error.cause?.message ?? error.message}`,
            );
          }
          throw error;
        }
      }),
    );
}
