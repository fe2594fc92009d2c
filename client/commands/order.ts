import type { Command } from 'commander';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { documentBreakdown, type TotalsBreakdown } from '../../domain/document-breakdown';
import { documentStanding } from '../../domain/document-standing';
import type { MoneyBag, OrderSnapshot } from '../../domain/order-snapshot';
import { documentsOfShopifyOrder, postedInvoicesOfShopifyOrder } from '../../erp/services/documents';
import { findImportedOrder, findOrderView } from '../../erp/services/orders';
import { localCurrencyCode } from '../../erp/services/settings';
import { listRefunds, listReturns, listTransactions } from '../../erp/services/refunds';
import { listPostedShipments } from '../../erp/services/shipments';
import {
  queryOrderStatus,
  requestOrderClose,
  requestOrderRetry,
  sendOrderFix,
  type OrderFix,
} from '../../temporal/order-requests';
import type { OrderRequestAnswer, OrderStatus } from '../../workflows/messages';
import type { AppContext } from '../app-context';
import { describeOrderAnswer } from '../../temporal/order-request-answer';
import { resolveOrderReference, type ResolvedOrder } from '../order-reference';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';

interface OrderCommandOptions {
  shop?: string;
  json?: boolean;
}

async function resolve(appContext: AppContext, reference: string, shopCode?: string): Promise<ResolvedOrder> {
  const orm = await appContext.erp();
  return resolveOrderReference(orm.em.fork(), reference, shopCode);
}

/** Runs an operator update and prints the workflow's answer, or its refusal in plain words. */
async function sendUpdate(
  appContext: AppContext,
  reference: string,
  options: OrderCommandOptions,
  fix: OrderFix,
): Promise<void> {
  const order = await resolve(appContext, reference, options.shop);
  const client = await appContext.temporalClient();
  try {
    printStatus(await sendOrderFix(client, order, fix), Boolean(options.json));
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      throw new Error(`Order ${order.name}: refused: ${error.cause?.message ?? error.message}`);
    }
    if (error instanceof WorkflowNotFoundError) {
      throw new Error(
        `Order ${order.name} has no running workflow: import it with \`orderbridge orders-to-import import\`.`,
      );
    }
    throw error;
  }
}

/**
 * Sends `order retry` or `order close` as an update and prints what the step it caused came to;
 * `whenMissing` says why an order may have no running workflow.
 */
async function sendRequest(
  appContext: AppContext,
  reference: string,
  options: OrderCommandOptions,
  request: typeof requestOrderRetry,
  whenMissing: string,
): Promise<void> {
  const order = await resolve(appContext, reference, options.shop);
  const client = await appContext.temporalClient();
  let answer: OrderRequestAnswer;
  try {
    answer = await request(client, order);
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      throw new Error(`Order ${order.name}: refused: ${error.cause?.message ?? error.message}`);
    }
    if (error instanceof WorkflowNotFoundError) {
      throw new Error(`Order ${order.name} has no running workflow: ${whenMissing}.`);
    }
    throw error;
  }
  if (options.json) {
    printRecord(answer as unknown as Record<string, unknown>, true);
    return;
  }
  for (const line of describeOrderAnswer(order.name, answer)) console.log(line);
}

/** Shopify's totals of the order in one of its two currencies, as `order show` lists them. */
function shopifyBreakdown(
  snapshot: OrderSnapshot,
  side: 'shop' | 'presentment',
): TotalsBreakdown & { currency: string } {
  const amount = (bag: MoneyBag | undefined) => bag?.[side].amount ?? '';
  return {
    subtotal: amount(snapshot.totals.currentSubtotal),
    shipping: amount(snapshot.totals.currentShipping),
    tax: amount(snapshot.totals.currentTotalTax),
    total: amount(snapshot.totals.currentTotal),
    currency: side === 'shop' ? snapshot.currencyCode : snapshot.presentmentCurrencyCode,
  };
}

function printStatus(status: OrderStatus, asJson: boolean): void {
  if (asJson) {
    printRecord(status as unknown as Record<string, unknown>, true);
    return;
  }
  printRecord(
    {
      order: status.orderName ?? status.shopifyOrderId,
      stage: status.stage,
      hasError: status.hasError,
      document: status.document
        ? `${status.document.documentType} ${status.document.documentNo} (${status.document.status})`
        : '',
      conflict: status.conflict ?? '',
    },
    false,
  );
  for (const problem of status.problems)
    console.log(`  ${problem.severity.toUpperCase()}: ${problem.message}`);
}

/** `orderbridge order ...`: look at one order and steer its workflow. */
export function registerOrderCommand(program: Command, context: () => AppContext): void {
  const order = program
    .command('order')
    .description('Show one order and fix it: retry, create its document, set its customer');

  order
    .command('show <order>')
    .description('Everything about one order: Shopify data, problems, workflow stage and the ERP documents')
    .option('--shop <code>', 'shop card, when the name exists in several shops')
    .option('--json', 'print JSON')
    .action(async (reference: string, options: OrderCommandOptions) =>
      withAppContext(context, async (appContext) => {
        const resolved = await resolve(appContext, reference, options.shop);
        const em = (await appContext.erp()).em.fork();
        const imported = resolved.importedOrderId
          ? await findImportedOrder(em, resolved.importedOrderId)
          : null;
        const { documents, lines } = await documentsOfShopifyOrder(em, resolved);
        // Stage, problems and next action as the read model has them: what lists and the UI show.
        const view = await findOrderView(em, resolved);
        const postedShipments = await listPostedShipments(em, {
          store: resolved.store,
          shopifyOrderId: resolved.shopifyOrderId,
        });
        let workflow: OrderStatus | { error: string };
        try {
          workflow = await queryOrderStatus(await appContext.temporalClient(), resolved);
        } catch (error) {
          workflow = {
            error: error instanceof WorkflowNotFoundError ? 'no workflow yet' : (error as Error).message,
          };
        }
        const snapshot = imported?.snapshot;
        // Payments, refunds and returns as the ERP stores them (not the snapshot they came in).
        const orm = await appContext.erp();
        const byOrder = imported ? { importedOrderId: imported.id } : undefined;
        const transactionRows = byOrder ? await listTransactions(orm, byOrder) : [];
        const refundRows = byOrder ? await listRefunds(orm, byOrder) : [];
        const returnRows = imported ? await listReturns(orm, imported.id) : [];
        const postedInvoices = await postedInvoicesOfShopifyOrder(em, resolved);
        const linesOf = (headerId: number) => lines.filter((line) => line.headerId === headerId);
        const orderDocument = documents.find((document) => document.documentType !== 'credit_memo');
        // Shopify's "archived" is its closed state; the ERP's is the document's archive.
        const shopifyState = imported
          ? imported.cancelledAt
            ? `cancelled, ${imported.closed ? 'closed (archived)' : 'open'}`
            : imported.closed
              ? `closed (archived)${imported.closedAt ? ` ${imported.closedAt.toISOString()}` : ''}`
              : 'open'
          : '';
        const erpState = orderDocument
          ? orderDocument.archivedAt
            ? `document archived ${orderDocument.archivedAt.toISOString()}`
            : 'document not archived'
          : 'no document';
        const lcyCode = documents.length ? await localCurrencyCode(em) : '';
        const totals = [
          ...(snapshot
            ? [
                { of: 'Shopify', ...shopifyBreakdown(snapshot, 'shop') },
                ...(snapshot.presentmentCurrencyCode !== snapshot.currencyCode
                  ? [{ of: 'Shopify (presentment)', ...shopifyBreakdown(snapshot, 'presentment') }]
                  : []),
              ]
            : []),
          ...documents.map((document) => {
            const currency = document.currencyCode ?? lcyCode;
            return {
              of: `${document.documentType.replace('_', ' ')} ${document.no}`,
              ...documentBreakdown(document, linesOf(document.id), document.currencyCode ?? lcyCode),
              currency,
            };
          }),
        ];
        const report = {
          order: resolved.name,
          store: resolved.store,
          shopifyOrderId: resolved.shopifyOrderId,
          shop: resolved.shopCode ?? '',
          statusPage: snapshot?.statusPageUrl ?? '',
          financialStatus: imported?.financialStatus ?? '',
          fulfillmentStatus: imported?.fulfillmentStatus ?? '',
          risk: imported?.riskLevel ?? '',
          riskAssessments: (imported?.riskAssessments ?? []).map((assessment) => ({
            level: assessment.level,
            provider: assessment.provider ?? 'Shopify',
            facts: assessment.facts.map((fact) => `${fact.description} (${fact.sentiment})`).join('; '),
          })),
          retailLocation: imported?.retailLocationName ?? imported?.retailLocationId ?? '',
          shopifyState,
          erpState,
          tags: imported?.tags ?? [],
          attributes: imported?.attributes ?? [],
          total: imported ? `${imported.currentTotalShop} ${imported.currencyCode}` : '',
          stage: view?.stage ?? '',
          hasError: view?.hasError ?? imported?.hasError ?? false,
          nextAction: view?.nextAction ?? '',
          problems: (view?.problems ?? []).map((problem) => ({
            category: problem.category,
            code: problem.code,
            severity: problem.severity,
            field: problem.field,
            fix: problem.fix,
          })),
          errorText: imported?.errorText ?? '',
          conflict: imported?.conflictText ?? '',
          customer: imported?.sellToCustomerNo ?? '',
          workflow,
          documents: documents.map((document) => ({
            type: document.documentType,
            no: document.no,
            status: documentStanding({
              documentType: document.documentType,
              status: document.status,
              archived: document.archivedAt !== null && document.archivedAt !== undefined,
              lines: linesOf(document.id),
            }),
            amountIncludingTax: document.amountIncludingTax,
            currency: document.currencyCode ?? 'LCY',
            totalDifference: document.totalDifference,
          })),
          lines: lines.map((line) => ({
            lineNo: line.lineNo,
            type: line.type,
            no: line.no,
            description: line.description,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            location: line.locationCode ?? '',
          })),
          shopifyLines: (snapshot?.lines ?? []).map((line) => ({
            name: line.name,
            sku: line.sku ?? '',
            quantity: line.quantity,
            currentQuantity: line.currentQuantity,
            unitPrice: line.originalUnitPrice.shop.amount,
          })),
          shippingCharges: (snapshot?.shippingLines ?? []).map((line) => ({
            title: line.title,
            amount: line.discountedPrice.shop.amount,
          })),
          transactions: transactionRows.map((transaction) => ({
            kind: transaction.kind,
            status: transaction.status,
            gateway: transaction.gateway,
            amount: `${transaction.amount} ${transaction.currency}`,
            giftCard: transaction.giftCard,
            refund: transaction.refund,
          })),
          fulfillments: (snapshot?.fulfillments ?? []).map((fulfillment) => ({
            name: fulfillment.name,
            status: fulfillment.status,
            tracking: fulfillment.tracking.map((tracking) => tracking.number).join(', '),
          })),
          refunds: refundRows.map((refund) => ({
            refund: refund.refund,
            total: refund.total,
            kind: refund.kind,
            payment: refund.payment,
            creditMemo: refund.creditMemo,
            error: refund.error,
          })),
          returns: returnRows.map((orderReturn) => ({
            name: orderReturn.name,
            status: orderReturn.status,
            quantity: orderReturn.quantity,
          })),
          shipments: postedShipments,
          postedInvoices: postedInvoices.map((invoice) => ({
            invoice: invoice.no,
            document: invoice.documentNo,
            posted: invoice.postingDate,
            amount: invoice.amount,
            tax: invoice.taxAmount,
            amountIncludingTax: invoice.amountIncludingTax,
            currency: invoice.currencyCode ?? 'LCY',
          })),
          totals,
        };
        if (options.json) {
          printRecord(report, true);
          return;
        }
        const {
          documents: documentRows,
          lines: lineRows,
          shopifyLines,
          shippingCharges,
          transactions,
          fulfillments,
          refunds,
          returns,
          shipments,
          postedInvoices: invoiceRows,
          totals: totalRows,
          riskAssessments,
          workflow: state,
          problems: _printedBelow,
          ...header
        } = report;
        const closing = 'stage' in state ? state.closing : undefined;
        printRecord(
          {
            ...header,
            workflowStage: 'stage' in state ? state.stage : state.error,
            ...(closing
              ? { closing: `${closing.state}${closing.archived ? ' (document archived)' : ''}` }
              : {}),
          },
          false,
        );
        for (const reason of closing?.state === 'waiting' ? closing.reasons : [])
          console.log(`  WAITING FOR: ${reason}`);
        // Before its workflow's first write, the workflow's own report stands in for the read model.
        const problemLines = view ? view.problems : 'problems' in state ? state.problems : [];
        for (const problem of problemLines)
          console.log(`  ${problem.severity.toUpperCase()}: ${problem.message}`);
        for (const [title, rows] of Object.entries({
          'Shopify lines': shopifyLines,
          'Shipping charges': shippingCharges,
          Transactions: transactions,
          Fulfillments: fulfillments,
          Refunds: refunds,
          Returns: returns,
          'Risk assessments': riskAssessments,
          Totals: totalRows,
          'ERP documents': documentRows,
          'Document lines': lineRows,
          'Posted invoices': invoiceRows,
          'Posted shipments': shipments.map((shipment) => ({
            shipment: shipment.shipmentNo,
            posted: shipment.postingDate,
            agent: shipment.shippingAgentCode ?? '',
            tracking: shipment.packageTrackingNo ?? '',
            shopify: shipment.syncStatus,
            fulfillments: shipment.shopifyFulfillmentIds.join(', '),
            error: shipment.lastError ?? '',
          })),
          'Shipment lines': shipments.flatMap((shipment) =>
            shipment.lines.map((line) => ({
              shipment: shipment.shipmentNo,
              line: line.lineNo,
              no: line.no ?? '',
              quantity: line.quantity,
              location: line.locationCode ?? '',
              fulfilled: line.fulfilledQuantity ?? '',
              notSent: line.notSent.join('; '),
            })),
          ),
        })) {
          if (rows.length === 0) continue;
          console.log(`\n${title}`);
          printTable(rows, false);
        }
      }),
    );

  order
    .command('retry <order>')
    .description(
      'Try the failed step again now (after fixing a mapping, a rate or a setting), and say how it went',
    )
    .option('--shop <code>', 'shop card, when the name exists in several shops')
    .option('--json', 'print JSON')
    .action(async (reference: string, options: OrderCommandOptions) =>
      withAppContext(context, (appContext) =>
        sendRequest(
          appContext,
          reference,
          options,
          requestOrderRetry,
          'it is closed already, or not imported yet (`orderbridge orders-to-import import`)',
        ),
      ),
    );

  order
    .command('close <order>')
    .description(
      'Check now whether the order is done in both systems (paid, fulfilled, shipped), close it in Shopify, and say how it went',
    )
    .option('--shop <code>', 'shop card, when the name exists in several shops')
    .option('--json', 'print JSON')
    .action(async (reference: string, options: OrderCommandOptions) =>
      withAppContext(context, (appContext) =>
        sendRequest(
          appContext,
          reference,
          options,
          requestOrderClose,
          'it is closed already, or not imported',
        ),
      ),
    );

  order
    .command('create-document <order>')
    .description('Create the sales document now (for shops without auto create orders)')
    .option('--shop <code>', 'shop card, when the name exists in several shops')
    .option('--json', 'print JSON')
    .action(async (reference: string, options: OrderCommandOptions) =>
      withAppContext(context, (appContext) =>
        sendUpdate(appContext, reference, options, { fix: 'create-document' }),
      ),
    );

  order
    .command('assign-customer <order>')
    .description(
      'Set the sell-to (and bill-to) customer of an imported order, then map and create its document',
    )
    .requiredOption('--customer <no>', 'sell-to customer no.')
    .option('--bill-to <no>', 'bill-to customer no. (default: the sell-to customer)')
    .option('--shop <code>', 'shop card, when the name exists in several shops')
    .option('--json', 'print JSON')
    .action(async (reference: string, options: OrderCommandOptions & { customer: string; billTo?: string }) =>
      withAppContext(context, (appContext) =>
        sendUpdate(appContext, reference, options, {
          fix: 'assign-customer',
          sellToCustomerNo: options.customer,
          ...(options.billTo ? { billToCustomerNo: options.billTo } : {}),
        }),
      ),
    );

  order
    .command('new-customer <order>')
    .description("Create a new customer from a template with the order's bill-to data, and use it")
    .requiredOption('--template <code>', 'customer template code')
    .option('--shop <code>', 'shop card, when the name exists in several shops')
    .option('--json', 'print JSON')
    .action(async (reference: string, options: OrderCommandOptions & { template: string }) =>
      withAppContext(context, (appContext) =>
        sendUpdate(appContext, reference, options, { fix: 'new-customer', templateCode: options.template }),
      ),
    );

  order
    .command('map-customer <order>')
    .description(
      "Map the order's Shopify customer to an existing customer (for this and later orders), and re-run mapping",
    )
    .requiredOption('--customer <no>', 'existing customer no.')
    .option('--shop <code>', 'shop card, when the name exists in several shops')
    .option('--json', 'print JSON')
    .action(async (reference: string, options: OrderCommandOptions & { customer: string }) =>
      withAppContext(context, (appContext) =>
        sendUpdate(appContext, reference, options, { fix: 'map-customer', customerNo: options.customer }),
      ),
    );
}
