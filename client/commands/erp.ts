import type { Command } from 'commander';
import {
  addSalesLine,
  postSalesInvoice,
  releaseSalesDocument,
  reopenSalesDocument,
  setSalesLine,
} from '../../erp/services/documents';
import { postSalesShipment } from '../../erp/services/shipments';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';
import { notifyInvoicePosted, notifyShipmentPosted } from '../../temporal/dispatch-shipment';
import { UsageError } from '../exit-codes';
import { decimalNumber, wholeNumber } from '../option-parsers';
import { awaitShipmentSent } from '../sync-progress';

interface JsonOption {
  json?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--line 10000=2` → { lineNo: 10000, quantity: '2' }. */
export function parseShipmentLine(value: string): { lineNo: number; quantity: string } {
  const match = /^\s*(\d+)\s*=\s*(\S+)\s*$/.exec(value);
  if (!match) throw new UsageError(`--line ${value}: expected <line no.>=<quantity>, e.g. --line 10000=2`);
  return { lineNo: Number(match[1]), quantity: match[2]! };
}

/** Wakes the order workflow after a commit; the posting stands whatever Temporal says. */
async function wakeOrderWorkflow(
  appContext: AppContext,
  what: string,
  shopCode: string,
  wake: () => Promise<unknown>,
): Promise<string> {
  try {
    await wake();
    return 'order workflow woken';
  } catch (error) {
    return `the order workflow could not be woken (${(error as Error).message}); the shipment sync sends it: \`orderbridge shipments sync --shop ${shopCode}\` (${what} is posted)`;
  }
}

/** `orderbridge erp ...`: the ERP side of an order: release, edit, ship, invoice. */
export function registerErpCommand(program: Command, context: () => AppContext): void {
  const erp = program
    .command('erp')
    .description('Work on sales documents in the ERP: release, edit lines, post shipments and invoices');

  erp
    .command('ship <document>')
    .description(
      'Post a shipment from a released sales order (document no. or Shopify order name); Shopify gets it as fulfillments',
    )
    .option(
      '--line <no=qty>',
      'ship this quantity of this line (repeat); default: everything left',
      collect,
      [],
    )
    .option('--location <code>', 'ship every line from this ERP location')
    .option('--agent <code>', 'shipping agent')
    .option('--tracking <no>', 'package tracking no.')
    .option('--posting-date <yyyy-mm-dd>', 'posting date (default today)')
    .option(
      '--wait <seconds>',
      'wait this long for Shopify to get the shipment, with progress (default: report at once)',
      wholeNumber({ min: 0 }),
      0,
    )
    .option('--json', 'print JSON')
    .action(
      async (
        document: string,
        options: JsonOption & {
          wait: number;
          line: string[];
          location?: string;
          agent?: string;
          tracking?: string;
          postingDate?: string;
        },
      ) =>
        withAppContext(context, async (appContext) => {
          const lines = options.line.map(parseShipmentLine);
          const posted = await postSalesShipment(await appContext.erp(), {
            document,
            ...(lines.length > 0 ? { lines } : {}),
            ...(options.location ? { locationCode: options.location.toUpperCase() } : {}),
            ...(options.agent ? { shippingAgentCode: options.agent } : {}),
            ...(options.tracking ? { packageTrackingNo: options.tracking } : {}),
            ...(options.postingDate ? { postingDate: options.postingDate } : {}),
          });
          const shopify = posted.shopify;
          const workflow = shopify
            ? await wakeOrderWorkflow(
                appContext,
                `shipment ${posted.shipmentNo}`,
                shopify.shopCode,
                async () =>
                  notifyShipmentPosted(
                    await appContext.temporalClient(),
                    appContext.config.TEMPORAL_TASK_QUEUE,
                    {
                      ...shopify,
                      shipmentId: posted.shipmentId,
                    },
                  ),
              )
            : 'not a Shopify order: nothing to send';
          const shopifySync =
            shopify && options.wait > 0
              ? await awaitShipmentSent(appContext, { ...shopify, ...posted }, options.wait)
              : undefined;
          if (options.json) {
            printRecord({ ...posted, workflow, ...(shopifySync ? { shopifySync } : {}) }, true);
            return;
          }
          printRecord(
            {
              shipment: posted.shipmentNo,
              salesOrder: posted.documentNo,
              shopifyOrder: shopify?.orderName ?? '',
              shopify: workflow,
              ...(shopifySync ? { shopifySync } : {}),
            },
            false,
          );
          printTable(posted.lines, false);
        }),
    );

  erp
    .command('invoice <document>')
    .description('Post the invoice of what was shipped and not invoiced yet (or a whole sales invoice)')
    .option('--posting-date <yyyy-mm-dd>', 'posting date (default today)')
    .option('--json', 'print JSON')
    .action(async (document: string, options: JsonOption & { postingDate?: string }) =>
      withAppContext(context, async (appContext) => {
        const invoice = await postSalesInvoice(await appContext.erp(), {
          document,
          ...(options.postingDate ? { postingDate: options.postingDate } : {}),
        });
        const shopify = invoice.shopify;
        let workflow = 'not a Shopify order';
        if (shopify) {
          try {
            workflow = await notifyInvoicePosted(await appContext.temporalClient(), shopify);
          } catch (error) {
            workflow = `the order workflow could not be told (${(error as Error).message})`;
          }
        }
        const { lines, ...header } = invoice;
        if (options.json) {
          printRecord({ ...invoice, workflow }, true);
          return;
        }
        printRecord({ ...header, shopify: shopify?.orderName ?? '', workflow }, false);
        printTable(lines, false);
      }),
    );

  for (const [name, description, change] of [
    ['release', 'Release a sales document: it can then be shipped', releaseSalesDocument],
    [
      'reopen',
      'Re-open a released sales document to edit its lines (nothing shipped or invoiced yet)',
      reopenSalesDocument,
    ],
  ] as const) {
    erp
      .command(`${name} <document>`)
      .description(description)
      .option('--json', 'print JSON')
      .action(async (document: string, options: JsonOption) =>
        withAppContext(context, async (appContext) => {
          printRecord({ ...(await change(await appContext.erp(), document)) }, Boolean(options.json));
        }),
      );
  }

  const line = erp.command('line').description('Edit the lines of an open sales order before shipping it');
  line
    .command('set')
    .argument('<document>')
    .argument('<lineNo>', 'line no.', wholeNumber({ min: 1 }))
    .description("Change a line's quantity and/or location")
    .option('--quantity <n>', 'new quantity', decimalNumber)
    .option('--location <code>', 'new ERP location ("" for none)')
    .option('--json', 'print JSON')
    .action(
      async (
        document: string,
        lineNo: number,
        options: JsonOption & { quantity?: string; location?: string },
      ) =>
        withAppContext(context, async (appContext) => {
          if (options.quantity === undefined && options.location === undefined)
            throw new UsageError('Nothing to change: give --quantity and/or --location');
          const edited = await setSalesLine(await appContext.erp(), {
            document,
            lineNo,
            ...(options.quantity !== undefined ? { quantity: options.quantity } : {}),
            ...(options.location !== undefined
              ? { locationCode: options.location ? options.location.toUpperCase() : null }
              : {}),
          });
          printRecord({ ...edited }, Boolean(options.json));
        }),
    );
  line
    .command('add <document>')
    .description('Add an item line (it is never sent to Shopify)')
    .requiredOption('--item <no>', 'item no.')
    .requiredOption('--quantity <n>', 'quantity', decimalNumber)
    .option('--unit-price <amount>', "unit price (default: the item's)", decimalNumber)
    .option('--location <code>', 'ERP location')
    .option('--json', 'print JSON')
    .action(
      async (
        document: string,
        options: JsonOption & { item: string; quantity: string; unitPrice?: string; location?: string },
      ) =>
        withAppContext(context, async (appContext) => {
          const added = await addSalesLine(await appContext.erp(), {
            document,
            itemNo: options.item,
            quantity: options.quantity,
            ...(options.unitPrice ? { unitPrice: options.unitPrice } : {}),
            ...(options.location ? { locationCode: options.location.toUpperCase() } : {}),
          });
          printRecord({ ...added }, Boolean(options.json));
        }),
    );
}
