import { ApplicationFailure, cancellationSignal, Context } from '@temporalio/activity';
import { fulfillmentOrderLinesNeeded, representativeLocationsStale } from '../domain/fulfillment-locations';
import {
  formatProblems,
  OrderProblems,
  OrderProblemsError,
  type OrderProblem,
} from '../domain/order-problems';
import { databaseFailureOf, describeDatabaseFailure, failureField } from '../erp/database-errors';
import { ShopCredentialsRefusedError } from '../shopify/credentials-refused';
import { ShopCredentialsMissingError } from './shop-access-tokens';
import { mayHaveRefunds } from '../domain/refund-classification';
import { ImportedOrder, OrderToImport } from '../erp/entities';
import { createSalesDocument } from '../erp/services/documents';
import { importOrder, markOrderToImportFailed, recordOrderFailure } from '../erp/services/orders';
import {
  createCustomerForOrder,
  CustomerNotFoundError,
  mapShopifyCustomer,
  setOrderCustomer,
} from '../erp/services/customers';
import { shopLocationCodes, storedFulfillmentPlacement } from '../erp/services/shipments';
import { ShopifyAuthError, ShopifyNotFoundError } from '../shopify/errors';
import { fetchOrderForImport } from '../shopify/order-import';
import { toOrderSnapshot } from '../shopify/order-snapshot';
import type { ActivityDeps } from './deps';
import { countOrderProblems, documentsCreated, ordersImported } from '../platform/metrics';
import { recordIssuedGiftCardsOf } from './issued-gift-cards';
import { dispatchRefundsOfOrder } from './refund-dispatch';
import type {
  ImportOrderInput,
  ImportOrderResult,
  ImportWithDocumentInput,
  ImportWithDocumentResult,
  ProcessOrderInput,
  ProcessOrderResult,
} from '../workflows/contracts/order';
import type { createShopifyClientSource } from './shopify-clients';

/** Transient failures in a row after which a step shows on the order (it still retries). */
export const STEP_FAILING_AFTER_ATTEMPTS = 3;

/** The attempt of the running activity; 1 when called outside one (a benchmark, a script). */
function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

/** A database error the same data would meet on every attempt, as the order's typed problem. */
function dataProblemsOf(error: unknown, orderName: string): OrderProblem[] | undefined {
  const failure = databaseFailureOf(error);
  if (!failure?.deterministic) return undefined;
  return [OrderProblems.dataRejected(orderName, failureField(failure), failure.sqlState, failure.condition)];
}

/** What failed, without values: a database error by its code and place, others by type. */
function failureSummary(error: unknown): string {
  const failure = databaseFailureOf(error);
  if (failure) return describeDatabaseFailure(failure);
  if (error instanceof ApplicationFailure) return error.type ?? error.name;
  return error instanceof Error ? error.name : 'unknown error';
}

/** An operator's mistake is not worth retrying: the update fails at once with the reason. */
function operatorFix<T extends object>(work: (input: T) => Promise<unknown>) {
  return async (input: T): Promise<void> => {
    try {
      await work(input);
    } catch (error) {
      if (error instanceof OrderProblemsError || error instanceof CustomerNotFoundError) {
        throw ApplicationFailure.nonRetryable(error.message, 'OperatorFixRefused');
      }
      throw error;
    }
  };
}

/**
 * Whether the combined step goes on to the sales document after importing: only for an order in
 * the ERP without one, when the shop creates documents by itself or an operator asked, and when
 * the workflow wants an attempt now or the import brought something new (or found a document an
 * earlier run made, which processing then reports instead of creating).
 */
function documentDue(
  attempt: ImportWithDocumentInput['documentAttempt'],
  imported: ImportOrderResult,
): boolean {
  if (attempt.mode === 'skip' || imported.importedOrderId === undefined) return false;
  if (imported.skipped || imported.problems?.length) return false;
  if (!imported.autoCreateDocument && !attempt.requestedByOperator) return false;
  return attempt.mode === 'now' || imported.firstImport || imported.changed || imported.hasDocument;
}

function credentialsProblem(
  input: ImportOrderInput,
  orderName: string,
  error: ShopCredentialsRefusedError | ShopCredentialsMissingError,
): OrderProblem {
  if (error instanceof ShopCredentialsRefusedError) {
    return OrderProblems.shopCredentialsRefused(
      orderName,
      input.shopCode,
      `credentials refused since ${error.refusedAt.toISOString()} (${error.shopifyMessage})`,
      error.fix,
    );
  }
  return OrderProblems.shopCredentialsRefused(
    orderName,
    input.shopCode,
    'has no credentials',
    `connect it with \`orderbridge shop connect ${input.shopCode} --domain ${input.store} --client-id <id> --client-secret-env <VAR>\``,
  );
}

export function createOrderActivities(
  deps: ActivityDeps,
  shopifyClientFor: ReturnType<typeof createShopifyClientSource>,
) {
  /**
   * Fetches the whole order from Shopify (one request for nearly every order) and imports it in
   * one transaction. Business problems come back in the result; Shopify and database outages
   * throw and are retried by Temporal.
   */
  async function importShopifyOrder(input: ImportOrderInput): Promise<ImportOrderResult> {
    const em = deps.orm.em.fork();
    const client = await shopifyClientFor(em, input.shopCode);
    let fetched;
    try {
      fetched = await fetchOrderForImport(client, input.shopifyOrderId, {
        signal: cancellationSignal(),
        ...(input.currencies ? { currencies: input.currencies } : {}),
        ...(input.contact ? { contact: input.contact } : {}),
        // Several fulfillment orders whose locations all map to one ERP location code make the same
        // document whichever line ships from where: their lines are then not read.
        fulfillmentOrderLinesNeeded: async (locationIds) =>
          fulfillmentOrderLinesNeeded(locationIds, await shopLocationCodes(em, input.shopCode)),
      });
    } catch (error) {
      if (error instanceof ShopCredentialsRefusedError || error instanceof ShopCredentialsMissingError) {
        // Not the order's fault and not a network blip: the order waits for the card's credentials.
        const listed = await em.findOne(OrderToImport, {
          store: input.store,
          shopifyOrderId: input.shopifyOrderId,
        });
        const problem = credentialsProblem(input, listed?.name ?? input.shopifyOrderId, error);
        await markOrderToImportFailed(deps.orm, input.store, input.shopifyOrderId, problem.message);
        countOrderProblems([problem]);
        return {
          orderName: listed?.name ?? input.shopifyOrderId,
          shopifyUpdatedAt: (listed?.shopifyUpdatedAt ?? new Date(0)).toISOString(),
          firstImport: false,
          changed: false,
          autoCreateDocument: false,
          hasDocument: false,
          shopifyRequests: 0,
          problems: [problem],
        };
      }
      if (error instanceof ShopifyNotFoundError || error instanceof ShopifyAuthError) {
        await markOrderToImportFailed(deps.orm, input.store, input.shopifyOrderId, error.message);
        throw ApplicationFailure.nonRetryable(error.message, error.name);
      }
      await reportRepeatedFailure(input, input.shopifyOrderId, 'fetch from Shopify', error);
      throw error;
    }
    const snapshot = toOrderSnapshot(fetched.order);
    try {
      const result = await importOrder(deps.orm, input.shopCode, snapshot);
      // Refunds needing a credit memo wake their own workflows (also after the order was closed);
      // gift cards the order sold get their last characters for the gift card list.
      if (result.importedOrderId !== undefined) {
        await dispatchRefundsOfOrder(deps, result.importedOrderId, {
          mayHaveRefunds: mayHaveRefunds(snapshot),
        });
        await recordIssuedGiftCardsOf(deps, client, result.importedOrderId, snapshot);
      }
      await deps.afterSideEffect?.('importShopifyOrder', input.shopifyOrderId);
      if (result.firstImport || result.changed) {
        ordersImported.inc({ shop: input.shopCode, kind: result.firstImport ? 'new' : 'changed' });
      }
      return {
        ...(result.importedOrderId !== undefined ? { importedOrderId: result.importedOrderId } : {}),
        orderName: result.orderName,
        shopifyUpdatedAt: result.shopifyUpdatedAt,
        firstImport: result.firstImport,
        changed: result.changed,
        ...(result.conflict ? { conflict: result.conflict } : {}),
        ...(result.skipped ? { skipped: result.skipped } : {}),
        autoCreateDocument: result.autoCreateDocument,
        hasDocument: result.hasDocument,
        shopifyRequests: fetched.requestCount,
      };
    } catch (error) {
      const problems =
        error instanceof OrderProblemsError ? [...error.problems] : dataProblemsOf(error, snapshot.name);
      if (!problems) {
        await reportRepeatedFailure(input, snapshot.name, 'import', error);
        throw error;
      }
      await markOrderToImportFailed(deps.orm, input.store, input.shopifyOrderId, formatProblems(problems));
      countOrderProblems(problems);
      return {
        orderName: snapshot.name,
        shopifyUpdatedAt: snapshot.updatedAt,
        firstImport: false,
        changed: false,
        autoCreateDocument: false,
        hasDocument: false,
        shopifyRequests: fetched.requestCount,
        problems,
      };
    }
  }

  /**
   * A step failing transiently attempt after attempt is shown on the order's row of orders to
   * import (`orderbridge orders-to-import list --errors`) while Temporal keeps retrying it; the
   * row goes when the import succeeds.
   */
  async function reportRepeatedFailure(
    order: ImportOrderInput,
    orderName: string,
    step: string,
    error: unknown,
  ): Promise<void> {
    const attempt = currentAttempt();
    if (attempt < STEP_FAILING_AFTER_ATTEMPTS) return;
    const problem = OrderProblems.stepFailing(orderName, step, attempt, failureSummary(error));
    try {
      await markOrderToImportFailed(deps.orm, order.store, order.shopifyOrderId, formatProblems([problem]));
    } catch {
      // The database is what fails: the row is marked on a later attempt, when it answers.
    }
  }

  /** Maps the imported order and creates its sales document exactly once (a second call finds it). */
  async function processImportedOrder(input: ProcessOrderInput): Promise<ProcessOrderResult> {
    try {
      const document = await createSalesDocument(deps.orm, input.importedOrderId);
      // Refunds imported before the document waited for it: wake them now, not at their next re-check.
      await dispatchRefundsOfOrder(deps, input.importedOrderId, { mayHaveRefunds: document.mayHaveRefunds });
      await deps.afterSideEffect?.('processImportedOrder', String(input.importedOrderId));
      if (document.created) documentsCreated.inc({ document_type: document.documentType });
      countOrderProblems(document.warnings);
      return {
        problems: document.warnings,
        document: {
          documentType: document.documentType,
          documentNo: document.documentNo,
          status: document.status === 'released' ? 'released' : 'open',
          totalDifference: document.totalDifference,
        },
      };
    } catch (error) {
      if (error instanceof OrderProblemsError) {
        countOrderProblems(error.problems);
        return { problems: [...error.problems] };
      }
      if (!dataProblemsOf(error, '')) throw error;
      // The document's transaction rolled back with its problems: record them on the order apart.
      const problems = await recordOrderFailure(deps.orm, input.importedOrderId, (orderName) => [
        ...dataProblemsOf(error, orderName)!,
      ]);
      countOrderProblems(problems);
      return { problems };
    }
  }

  /**
   * The document step on its own (a retry, a re-check, an operator's request): the import may lie
   * a while back. When its lines carry a representative location the location mapping no longer
   * backs (domain/fulfillment-locations.ts), the order is read again first, which reads where each
   * line ships from: a document is never built on a location guess the mapping has overtaken.
   */
  async function processImportedOrderOnItsOwn(input: ProcessOrderInput): Promise<ProcessOrderResult> {
    const em = deps.orm.em.fork();
    const placement = await storedFulfillmentPlacement(em, input.importedOrderId);
    if (
      placement &&
      representativeLocationsStale(
        placement.fulfillmentOrders,
        await shopLocationCodes(em, placement.shopCode),
      )
    ) {
      const reimported = await importShopifyOrder({
        store: placement.store,
        shopifyOrderId: placement.shopifyOrderId,
        shopCode: placement.shopCode,
      });
      if (reimported.problems?.length) return { problems: reimported.problems };
    }
    return processImportedOrder(input);
  }

  return {
    importShopifyOrder,
    processImportedOrder: processImportedOrderOnItsOwn,

    /**
     * The import and, when it is due, the sales document in one step: the order workflow runs it
     * as a local activity, so a new order costs the cluster one workflow task instead of three
     * tasks and two activity round trips. Both halves are idempotent by themselves (a re-run finds
     * the import unchanged and the document made), which is what a local activity retried after a
     * worker died needs.
     */
    async importOrderWithDocument(input: ImportWithDocumentInput): Promise<ImportWithDocumentResult> {
      const imported = await importShopifyOrder(input);
      if (!documentDue(input.documentAttempt, imported)) return { imported };
      return {
        imported,
        processed: await processImportedOrder({ importedOrderId: imported.importedOrderId! }),
      };
    },

    assignCustomerToImportedOrder: operatorFix(
      (input: { importedOrderId: number; sellToCustomerNo: string; billToCustomerNo?: string }) =>
        setOrderCustomer(deps.orm, input.importedOrderId, input.sellToCustomerNo, input.billToCustomerNo),
    ),
    createCustomerForImportedOrder: operatorFix((input: { importedOrderId: number; templateCode: string }) =>
      createCustomerForOrder(deps.orm, input.importedOrderId, input.templateCode),
    ),
    mapShopifyCustomerOfImportedOrder: operatorFix(
      async (input: { importedOrderId: number; customerNo: string }) => {
        const order = await deps.orm.em.fork().findOneOrFail(ImportedOrder, input.importedOrderId);
        if (!order.shopifyCustomerId) {
          throw new OrderProblemsError([
            {
              code: 'CUSTOMER_NOT_FOUND',
              severity: 'error',
              orderName: order.name,
              field: 'customer',
              message: `Order ${order.name} has no Shopify customer to map: use \`orderbridge order assign-customer\` instead`,
              fix: 'use `orderbridge order assign-customer` instead',
            },
          ]);
        }
        return mapShopifyCustomer(deps.orm, order.store, order.shopifyCustomerId, input.customerNo);
      },
    ),
  };
}
